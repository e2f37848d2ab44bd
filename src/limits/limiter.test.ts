/**
 * One suite for both homes of the counts: this process's memory and Redis (a fresh key prefix per test,
 * its keys deleted after). Rates, budgets, settling, rollback, headers and exactness under concurrency
 * behave the same in both.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { isGatewayError, type GatewayError } from '../errors.ts';
import { isolatedName, REDIS_URL, serviceSkipReason } from '../../test/helpers/services.ts';
import type { Limits } from '../store/store.ts';
import { createLimiter, type LimiterOptions, type LimitScope, type Limiter } from './limiter.ts';

interface Backend {
  readonly name: string;
  readonly skip: string | undefined;
  readonly redisUrl: string | undefined;
}

const backends: Backend[] = [
  { name: 'memory', skip: undefined, redisUrl: undefined },
  { name: 'Redis', skip: await serviceSkipReason('Redis'), redisUrl: REDIS_URL },
];

const NOV_30 = Date.parse('2026-11-30T12:00:00Z');
const DEC_1 = Date.parse('2026-12-01T00:00:00Z');

/** Spend from a pretend ledger: `spent[scope]` USD, whatever the period. */
function ledger(spent: Record<string, number> = {}) {
  const calls: { scope: string; since: number }[] = [];
  const spend: LimiterOptions['spend'] = async (scope, since) => {
    const name = 'team' in scope ? `team:${scope.team}` : `key:${scope.keyId}`;
    calls.push({ scope: name, since });
    return spent[name] ?? 0;
  };
  return { spend, calls };
}

function key(id: string, limits: Limits): LimitScope {
  return { kind: 'key', id, limits };
}

function team(id: string, limits: Limits): LimitScope {
  return { kind: 'team', id, limits };
}

function usage(tokens: number, costUsd = 0) {
  return { tokens, costUsd };
}

async function refusal(promise: unknown): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (isGatewayError(error)) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

async function countAdmitted(limiter: Limiter, count: number, admit: (limiter: Limiter) => unknown) {
  const outcomes = await Promise.allSettled(Array.from({ length: count }, () => admit(limiter)));
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected' && !isGatewayError(outcome.reason)) throw outcome.reason;
  }
  return outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
}

for (const backend of backends) {
  describe(`limiter (${backend.name})`, { skip: backend.skip }, () => {
    async function open(t: TestContext, options: Partial<LimiterOptions> = {}): Promise<Limiter> {
      const keyPrefix = `${isolatedName('limits')}:`;
      const limiter = await createLimiter({
        redisUrl: backend.redisUrl,
        keyPrefix,
        spend: ledger().spend,
        onError: (error) => assert.fail(`unexpected error: ${String(error)}`),
        ...options,
      });
      t.after(async () => {
        await limiter.close();
        if (backend.redisUrl !== undefined) await deleteKeys(backend.redisUrl, keyPrefix);
      });
      return limiter;
    }

    describe('requests per minute', () => {
      it('admits rpm requests and refuses the next with retryAfterMs and headers', async (t) => {
        const limiter = await open(t);
        const scopes = [key('k1', { rpm: 3 })];
        for (let index = 0; index < 3; index++) await limiter.admit(scopes, usage(10));
        const error = await refusal(limiter.admit(scopes, usage(10)));
        assert.equal(error.code, 'rate_limit_exceeded');
        assert.match(
          error.message,
          /rate limit reached for key 'k1': 3 requests per minute \(used 3, requested 1\)/,
        );
        assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs > 0 && error.retryAfterMs <= 60_000);
        assert.equal(error.headers?.['x-ratelimit-limit-requests'], '3');
        assert.equal(error.headers?.['x-ratelimit-remaining-requests'], '0');
        assert.match(error.headers?.['x-ratelimit-reset-requests'] ?? '', /^(\d+(\.\d+)?s|1m0s|\d+ms)$/);
      });

      it('admits exactly rpm of 50 concurrent requests', async (t) => {
        const limiter = await open(t);
        const admitted = await countAdmitted(limiter, 50, (l) => l.admit([key('k1', { rpm: 20 })], usage(1)));
        assert.equal(admitted, 20);
      });

      it('gives back what the key took when its team refuses', async (t) => {
        const limiter = await open(t);
        const k1 = { rpm: 3 };
        await limiter.admit([key('k1', k1), team('risk', { rpm: 1 })], usage(1));
        for (let index = 0; index < 2; index++) {
          const error = await refusal(limiter.admit([key('k1', k1), team('risk', { rpm: 1 })], usage(1)));
          assert.match(error.message, /team 'risk'/);
        }
        const reservation = await limiter.admit([key('k1', k1), team('other', { rpm: 100 })], usage(1));
        assert.equal(reservation.headers['x-ratelimit-limit-requests'], '3');
        assert.equal(reservation.headers['x-ratelimit-remaining-requests'], '1');
      });
    });

    describe('tokens per minute', () => {
      it('shows a settle reward and penalty in the remaining tokens', async (t) => {
        const limiter = await open(t);
        const scopes = [key('k1', { tpm: 1_000 })];
        const first = await limiter.admit(scopes, usage(400));
        assert.equal(first.headers['x-ratelimit-remaining-tokens'], '600');
        await first.settle(usage(100));
        const second = await limiter.admit(scopes, usage(100));
        assert.equal(second.headers['x-ratelimit-remaining-tokens'], '800');
        await second.settle(usage(500));
        const third = await limiter.admit(scopes, usage(0));
        assert.equal(third.headers['x-ratelimit-remaining-tokens'], '400');
      });

      it('applies the settles of requests finished together, each exactly, in key and team', async (t) => {
        const limiter = await open(t);
        const scopes = [key('k1', { tpm: 10_000 }), team('risk', { tpm: 20_000 })];
        const reservations = await Promise.all(
          Array.from({ length: 10 }, async () => limiter.admit(scopes, usage(500))),
        );
        // Settled in one pass, as the gateway's bookkeeping settles the requests of one turn: more than the
        // estimate, fewer, and exactly it.
        const actual = [100, 900, 500, 0, 1_200, 500, 50, 700, 300, 650];
        await Promise.all(
          reservations.map((reservation, index) => reservation.settle(usage(actual[index]!))),
        );
        const used = actual.reduce((sum, tokens) => sum + tokens, 0);
        const byKey = await limiter.admit(scopes, usage(0));
        assert.equal(byKey.headers['x-ratelimit-remaining-tokens'], String(10_000 - used));
        const byTeam = await limiter.admit([key('k2', { tpm: 100_000 }), scopes[1]!], usage(0));
        assert.equal(byTeam.headers['x-ratelimit-remaining-tokens'], String(20_000 - used));
      });

      it('ignores every settle after the first', async (t) => {
        const limiter = await open(t);
        const scopes = [key('k1', { tpm: 1_000 })];
        const reservation = await limiter.admit(scopes, usage(400));
        await reservation.settle(usage(100));
        await reservation.settle(usage(900));
        const next = await limiter.admit(scopes, usage(0));
        assert.equal(next.headers['x-ratelimit-remaining-tokens'], '900');
      });

      it('refuses an estimate beyond what is left without holding on to its tokens', async (t) => {
        const limiter = await open(t);
        const scopes = [key('k1', { tpm: 1_000 })];
        await limiter.admit(scopes, usage(800));
        const error = await refusal(limiter.admit(scopes, usage(300)));
        assert.equal(error.code, 'rate_limit_exceeded');
        assert.equal(error.headers?.['x-ratelimit-remaining-tokens'], '200');
        const next = await limiter.admit(scopes, usage(200));
        assert.equal(next.headers['x-ratelimit-remaining-tokens'], '0');
      });

      it('refuses a request larger than the whole limit as one that can never pass, taking nothing', async (t) => {
        const limiter = await open(t);
        const scopes = [key('k1', { rpm: 1 }), team('risk', { tpm: 1_000 })];
        const error = await refusal(limiter.admit(scopes, usage(1_500)));
        assert.equal(error.code, 'rate_limit_exceeded');
        assert.match(error.message, /team 'risk'.*1500 tokens.*1000 tokens per minute, so it can never pass/);
        assert.equal(error.retryAfterMs, undefined);
        await limiter.admit(scopes, usage(1_000));
      });
    });

    describe('headers', () => {
      it('reports the tightest scope of each dimension and only the limits that exist', async (t) => {
        const limiter = await open(t);
        const reservation = await limiter.admit(
          [key('k1', { rpm: 100, tpm: 50 }), team('risk', { rpm: 5, tpm: 10_000 })],
          usage(20),
        );
        const { headers } = reservation;
        assert.equal(headers['x-ratelimit-limit-requests'], '5');
        assert.equal(headers['x-ratelimit-remaining-requests'], '4');
        assert.equal(headers['x-ratelimit-limit-tokens'], '50');
        assert.equal(headers['x-ratelimit-remaining-tokens'], '30');
        assert.match(headers['x-ratelimit-reset-tokens'] ?? '', /^(\d+(\.\d+)?s|1m0s|\d+ms)$/);
        const budgetOnly = await limiter.admit(
          [team('risk', { budget: { usd: 1, period: 'day' } })],
          usage(1),
        );
        assert.deepEqual(budgetOnly.headers, {});
      });
    });

    describe('budgets', () => {
      const monthly = { budget: { usd: 50, period: 'month' } } as const;

      it('starts from the ledger and names the scope and period when spent', async (t) => {
        const { spend, calls } = ledger({ 'team:risk': 49.9 });
        const limiter = await open(t, { spend, now: () => NOV_30 });
        const short = await refusal(limiter.admit([team('risk', monthly)], usage(1, 0.2)));
        assert.equal(short.code, 'budget_exceeded');
        assert.equal(
          short.message,
          "team 'risk' has 0.10 USD left of its 50.00 USD budget for 2026-11, less than this request's estimated 0.20 USD",
        );
        assert.equal(short.retryAfterMs, DEC_1 - NOV_30);
        await limiter.admit([team('risk', monthly)], usage(1, 0.1));
        const spent = await refusal(limiter.admit([team('risk', monthly)], usage(1, 0.01)));
        assert.equal(spent.message, "team 'risk' has spent its 50.00 USD budget for 2026-11");
        assert.deepEqual(calls[0], { scope: 'team:risk', since: Date.parse('2026-11-01T00:00:00Z') });
      });

      it('replaces the estimate with the real cost on settle', async (t) => {
        const limiter = await open(t, { now: () => NOV_30 });
        const scopes = [key('k1', { budget: { usd: 1, period: 'day' } })];
        const first = await limiter.admit(scopes, usage(1, 0.6));
        await first.settle(usage(1, 0.1));
        const second = await limiter.admit(scopes, usage(1, 0.9));
        await refusal(limiter.admit(scopes, usage(1, 0.01)));
        await second.settle(usage(1, 0.5));
        await limiter.admit(scopes, usage(1, 0.4));
        const error = await refusal(limiter.admit(scopes, usage(1, 0.01)));
        assert.equal(error.message, "key 'k1' has spent its 1.00 USD budget for 2026-11-30");
      });

      it('starts over from the ledger when the next period begins', async (t) => {
        let now = Date.parse('2026-11-30T23:59:59Z');
        const { spend, calls } = ledger();
        const limiter = await open(t, { spend, now: () => now });
        const scopes = [team('risk', monthly)];
        await limiter.admit(scopes, usage(1, 50));
        const error = await refusal(limiter.admit(scopes, usage(1, 1)));
        assert.equal(error.retryAfterMs, 1_000);
        now = DEC_1;
        await limiter.admit(scopes, usage(1, 1));
        assert.deepEqual(
          calls.map((call) => call.since),
          [Date.parse('2026-11-01T00:00:00Z'), DEC_1],
        );
      });

      it('keeps scopes apart when they share one budget object', async (t) => {
        const limiter = await open(t, { now: () => NOV_30 });
        const shared = { budget: { usd: 1, period: 'day' } } as const;
        await limiter.admit([key('k1', shared)], usage(1, 1));
        await limiter.admit([team('risk', shared)], usage(1, 1));
        await limiter.admit([key('k2', shared)], usage(1, 1));
        const error = await refusal(limiter.admit([team('risk', shared)], usage(1, 0.01)));
        assert.equal(error.message, "team 'risk' has spent its 1.00 USD budget for 2026-11-30");
        await refusal(limiter.admit([key('k1', shared)], usage(1, 0.01)));
      });

      it('gives back what the key reserved when its team refuses', async (t) => {
        const limiter = await open(t, { now: () => NOV_30 });
        const k1 = { budget: { usd: 1, period: 'week' } } as const;
        const risk = { budget: { usd: 0.5, period: 'week' } } as const;
        await limiter.admit([key('k1', k1), team('risk', risk)], usage(1, 0.4));
        const error = await refusal(limiter.admit([key('k1', k1), team('risk', risk)], usage(1, 0.4)));
        assert.match(
          error.message,
          /^team 'risk' has 0.10 USD left of its 0.50 USD budget for the week of 2026-11-30/,
        );
        await limiter.admit([key('k1', k1), team('other', {})], usage(1, 0.6));
        await refusal(limiter.admit([key('k1', k1), team('other', {})], usage(1, 0.01)));
      });

      it('decides a budget already read and one still reading the ledger together', async (t) => {
        const limiter = await open(t, { now: () => NOV_30 });
        const k1 = { budget: { usd: 1, period: 'week' } } as const;
        await limiter.admit([key('k1', k1)], usage(1, 0.4));
        // The key's period is known now (answered at once in memory); each team's is read for the first time.
        await limiter.admit(
          [key('k1', k1), team('risk', { budget: { usd: 1, period: 'week' } })],
          usage(1, 0.4),
        );
        const fresh = { budget: { usd: 1, period: 'week' } } as const;
        const error = await refusal(limiter.admit([key('k1', k1), team('fresh', fresh)], usage(1, 0.4)));
        assert.equal(error.code, 'budget_exceeded');
        assert.match(error.message, /^key 'k1' has 0.20 USD left/);
        // The team's grant in the refused request was given back: its whole budget is still there.
        await limiter.admit([team('fresh', fresh)], usage(1, 1));
        await refusal(limiter.admit([team('fresh', fresh)], usage(1, 0.01)));
      });

      it('gives back the rate limits taken when a budget refuses', async (t) => {
        const limiter = await open(t, { now: () => NOV_30 });
        const scopes = [key('k1', { rpm: 1, budget: { usd: 1, period: 'day' } })];
        await refusal(limiter.admit(scopes, usage(1, 2)));
        const reservation = await limiter.admit(scopes, usage(1, 1));
        assert.equal(reservation.headers['x-ratelimit-remaining-requests'], '0');
      });

      it('admits exactly the budget of 50 concurrent requests', async (t) => {
        const limiter = await open(t, { now: () => NOV_30 });
        const scopes = [team('risk', { budget: { usd: 1, period: 'day' } })];
        assert.equal(await countAdmitted(limiter, 50, (l) => l.admit(scopes, usage(1, 0.05))), 20);
      });

      it('refuses with store_unavailable, taking nothing, while the ledger cannot be read', async (t) => {
        let ledgerUp = false;
        const limiter = await open(t, {
          now: () => NOV_30,
          spend: async () => {
            if (!ledgerUp) throw new Error('connection refused');
            return 0;
          },
        });
        const scopes = [key('k1', { rpm: 1 }), team('risk', monthly)];
        const error = await refusal(limiter.admit(scopes, usage(1, 1)));
        assert.equal(error.code, 'store_unavailable');
        assert.match(error.message, /team 'risk'/);
        ledgerUp = true;
        await limiter.admit(scopes, usage(1, 1));
      });
    });
  });
}

describe('limiter (memory) ledger reads', () => {
  it('reads the ledger once per scope and period, even for concurrent first requests', async () => {
    const { spend, calls } = ledger();
    const limiter = await createLimiter({ spend, now: () => NOV_30 });
    const scopes = [team('risk', { budget: { usd: 10, period: 'month' } })];
    await Promise.all(Array.from({ length: 10 }, async () => limiter.admit(scopes, usage(1, 0.01))));
    await limiter.admit(scopes, usage(1, 0.01));
    assert.equal(calls.length, 1);
    await limiter.close();
  });
});

describe('limiter (memory) without waiting', () => {
  it('admits without a promise once the budget has read its period from the ledger', async () => {
    const limiter = await createLimiter({ spend: ledger().spend, now: () => NOV_30 });
    const scopes = [
      key('k1', { rpm: 2, tpm: 1_000, budget: { usd: 1, period: 'day' } }),
      team('risk', { rpm: 5, budget: { usd: 5, period: 'day' } }),
    ];
    // The first request waits for the ledger's spend; the next ones have nothing to wait for.
    const first = limiter.admit(scopes, usage(10, 0.1));
    assert.ok(first instanceof Promise);
    await first;
    const second = limiter.admit(scopes, usage(10, 0.1));
    assert.ok(!(second instanceof Promise));
    assert.equal(second.headers['x-ratelimit-remaining-requests'], '0');
    assert.equal(second.headers['x-ratelimit-remaining-tokens'], '980');
    await limiter.close();
  });

  it('still refuses by rejecting, and gives back what the other windows took', async () => {
    const limiter = await createLimiter({ spend: ledger().spend });
    const scopes = [key('k1', { rpm: 10, tpm: 100 }), team('risk', { rpm: 1 })];
    assert.ok(!(limiter.admit(scopes, usage(10)) instanceof Promise));
    const refused = limiter.admit(scopes, usage(10));
    assert.ok(refused instanceof Promise, 'a refusal is a rejected promise, not a throw');
    const error = await refusal(refused);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.match(error.message, /team 'risk'/);
    const impossible = limiter.admit(scopes, usage(1_000));
    assert.ok(impossible instanceof Promise);
    await refusal(impossible);
    // The key's windows got back what the refused request took: 2 of 10 requests, 20 of 100 tokens used.
    const next = await limiter.admit([key('k1', { rpm: 10, tpm: 100 })], usage(10));
    assert.equal(next.headers['x-ratelimit-remaining-requests'], '8');
    assert.equal(next.headers['x-ratelimit-remaining-tokens'], '80');
    await limiter.close();
  });
});

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
