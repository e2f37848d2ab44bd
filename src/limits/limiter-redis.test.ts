/**
 * What only Redis does: counts shared by several gateway processes, budget keys that expire with their
 * period, and failing open to in-memory limits when Redis is unreachable at start or goes away later.
 */
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { isGatewayError } from '../errors.ts';
import { isolatedName, REDIS_URL, serviceSkipReason } from '../../test/helpers/services.ts';
import { createLimiter, type LimiterOptions, type Limiter, type LimitScope } from './limiter.ts';

const NOV_30 = Date.parse('2026-11-30T12:00:00Z');
const DAY_MS = 86_400_000;

const spend: LimiterOptions['spend'] = async () => 0;

function team(limits: LimitScope['limits']): LimitScope {
  return { kind: 'team', id: 'risk', limits };
}

async function countAdmitted(attempts: readonly unknown[]): Promise<number> {
  const outcomes = await Promise.allSettled(attempts);
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected' && !isGatewayError(outcome.reason)) throw outcome.reason;
  }
  return outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
}

/** Admits until refused; returns how many passed (bounded, in case nothing ever refuses). */
async function admitUntilRefused(limiter: Limiter, scopes: readonly LimitScope[], costUsd = 0) {
  for (let admitted = 0; admitted < 100; admitted++) {
    try {
      await limiter.admit(scopes, { tokens: 1, costUsd });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      return { admitted, error };
    }
  }
  assert.fail('never refused');
}

describe('limiter in Redis', { skip: await serviceSkipReason('Redis') }, () => {
  async function shared(t: TestContext, count: number): Promise<{ limiters: Limiter[]; keyPrefix: string }> {
    const keyPrefix = `${isolatedName('limits')}:`;
    const limiters = await Promise.all(
      Array.from({ length: count }, () =>
        createLimiter({ redisUrl: REDIS_URL, keyPrefix, spend, now: () => NOV_30 }),
      ),
    );
    t.after(async () => {
      await Promise.all(limiters.map((limiter) => limiter.close()));
      await deleteKeys(keyPrefix);
    });
    return { limiters, keyPrefix };
  }

  it('never over-admits across two gateway processes sharing Redis', async (t) => {
    const { limiters } = await shared(t, 2);
    const scopes = [team({ rpm: 20, budget: { usd: 1, period: 'day' } })];
    const attempts = limiters.flatMap((limiter) =>
      Array.from({ length: 25 }, () => limiter.admit(scopes, { tokens: 1, costUsd: 0.01 })),
    );
    assert.equal(await countAdmitted(attempts), 20);
    const budgetScopes = [team({ budget: { usd: 1, period: 'day' } })];
    const spending = limiters.flatMap((limiter) =>
      Array.from({ length: 50 }, () => limiter.admit(budgetScopes, { tokens: 1, costUsd: 0.02 })),
    );
    assert.equal(await countAdmitted(spending), 40);
  });

  it('keeps one budget key per scope and period, expiring a day after the period ends', async (t) => {
    const { limiters, keyPrefix } = await shared(t, 1);
    await limiters[0]?.admit([team({ budget: { usd: 5, period: 'month' } })], { tokens: 1, costUsd: 1.25 });
    const client = new Redis(REDIS_URL);
    try {
      const budgetKey = `${keyPrefix}budget:team:risk:month:2026-11-01`;
      assert.equal(await client.get(budgetKey), '1250000');
      const keepMs = Date.parse('2026-12-01T00:00:00Z') - NOV_30 + DAY_MS;
      const ttl = await client.pttl(budgetKey);
      assert.ok(ttl > keepMs - 60_000 && ttl <= keepMs, `ttl ${ttl}`);
    } finally {
      client.disconnect();
    }
  });

  it('fails open to per-process limits when Redis goes away after start', async (t) => {
    const proxy = await startProxy();
    const errors: unknown[] = [];
    const keyPrefix = `${isolatedName('limits')}:`;
    const limiter = await createLimiter({
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix,
      spend,
      now: () => NOV_30,
      onError: (error) => errors.push(error),
    });
    t.after(async () => {
      await limiter.close();
      await deleteKeys(keyPrefix);
    });
    const scopes = [team({ rpm: 2 })];
    await limiter.admit(scopes, { tokens: 1, costUsd: 0 });
    await proxy.stop();
    const { admitted, error } = await admitUntilRefused(limiter, scopes);
    assert.equal(admitted, 2, 'the in-memory insurance limiter starts its own count');
    assert.equal(error.code, 'rate_limit_exceeded');
    const budget = await admitUntilRefused(limiter, [team({ budget: { usd: 1, period: 'day' } })], 0.25);
    assert.equal(budget.admitted, 4);
    assert.equal(budget.error.code, 'budget_exceeded');
    assert.ok(errors.length >= 1);
  });
});

describe('limiter with Redis unreachable from the start', () => {
  it('fails open: reports the outage once and enforces every limit in memory', async () => {
    const errors: unknown[] = [];
    const limiter = await createLimiter({
      redisUrl: 'redis://127.0.0.1:9',
      spend,
      now: () => NOV_30,
      onError: (error) => errors.push(error),
    });
    try {
      const rate = await admitUntilRefused(limiter, [team({ rpm: 3 })]);
      assert.equal(rate.admitted, 3);
      assert.equal(rate.error.code, 'rate_limit_exceeded');
      const scopes = [team({ tpm: 100 })];
      const reservation = await limiter.admit(scopes, { tokens: 80, costUsd: 0 });
      await reservation.settle({ tokens: 30, costUsd: 0 });
      const next = await limiter.admit(scopes, { tokens: 0, costUsd: 0 });
      assert.equal(next.headers['x-ratelimit-remaining-tokens'], '70');
      const budget = await admitUntilRefused(limiter, [team({ budget: { usd: 1, period: 'day' } })], 0.5);
      assert.equal(budget.admitted, 2);
      assert.equal(budget.error.code, 'budget_exceeded');
      assert.equal(errors.length, 1);
    } finally {
      await limiter.close();
    }
  });
});

/** A TCP relay to Redis that the test can cut, as a network outage would. */
async function startProxy(): Promise<{ port: number; stop(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return {
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
