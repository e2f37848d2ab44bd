/**
 * Whole gateway processes, as operators run them: a graceful stop writes every ledger row, two replicas
 * sharing PostgreSQL and Redis enforce one rate limit together and see each other's revocations, and the
 * admin CLI drives a running gateway.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Redis } from 'ioredis';
import { openDatabase } from '../../src/store/database.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import { run, type Run } from '../helpers/daulat-process.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { isolatedName, POSTGRES_URL, REDIS_URL, serviceSkipReason } from '../helpers/services.ts';

const ADMIN = 'process-admin-key';

function writeConfig(upstream: MockUpstream, extra: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'daulat-config-')), 'daulat.yaml');
  const config = {
    server: { log_level: 'info' },
    admin: { key: ADMIN },
    deployments: [
      {
        name: 'gpu-a',
        engine: 'openai-compatible',
        base_url: upstream.baseUrl,
        models: ['qwen-7b'],
        cost: { per_million: { input: 1, output: 2 } },
      },
    ],
    guardrails: {
      input: { injection: 'off', pii: 'off', secrets: 'off' },
      output: { pii: 'off', secrets: 'off' },
    },
    ...extra,
  };
  writeFileSync(path, JSON.stringify(config));
  return path;
}

async function serve(path: string, env: Record<string, string> = {}): Promise<{ gateway: Run; url: string }> {
  const gateway = run(process.execPath, ['bin/daulat.js', 'serve', '--config', path, '--port', '0'], env);
  const url = await Promise.race([
    gateway.listening,
    gateway.exit.then(({ stderr }) => Promise.reject(new Error(`gateway exited: ${stderr}`))),
  ]);
  return { gateway, url };
}

async function createKey(url: string, body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await fetch(`${url}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; key: string };
}

async function chat(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'qwen-7b', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('a gateway process', () => {
  let upstream: MockUpstream;
  after(async () => upstream?.close());

  it('writes every ledger row on a graceful stop (SIGTERM), long before its flush interval', async () => {
    upstream = await startMockUpstream('vllm');
    const database = join(mkdtempSync(join(tmpdir(), 'daulat-db-')), 'daulat.db');
    const path = writeConfig(upstream, { ledger: { flush_ms: 600_000 } });
    const { gateway, url } = await serve(path, { DATABASE_URL: database });
    const { key } = await createKey(url, { team: 'risk' });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => chat(url, key)));
    assert.ok(statuses.every((status) => status === 200));
    gateway.stop('SIGTERM');
    assert.equal((await gateway.exit).code, 0);
    const store = createSqlStore(await openDatabase({ url: database }));
    const usage = await store.usage({ team: 'risk', since: 0 });
    await store.close();
    assert.equal(usage.requests, 200);
    assert.equal(usage.inputTokens, 200 * 11);
  });
});

const postgresSkip = await serviceSkipReason('PostgreSQL');
const redisSkip = await serviceSkipReason('Redis');

describe('two replicas sharing PostgreSQL and Redis', { skip: postgresSkip ?? redisSkip }, () => {
  const schema = isolatedName('replicas');
  const prefix = `${isolatedName('daulat_test')}:`;
  const gateways: Run[] = [];
  let upstream: MockUpstream;

  after(async () => {
    for (const gateway of gateways) gateway.stop('SIGTERM');
    await Promise.all(gateways.map((gateway) => gateway.exit));
    await upstream?.close();
    const database = await openDatabase({ url: POSTGRES_URL });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
    await database.db.destroy();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('enforce one rate limit together and refuse a key revoked on the other replica', async () => {
    upstream = await startMockUpstream('vllm');
    const path = writeConfig(upstream, {
      store: { schema, key_refresh_ms: 200 },
      limits: { redis_url: REDIS_URL, key_prefix: prefix },
    });
    // DATABASE_URL wins over the file (as it would in a container); the schema comes from the file.
    const env = { DATABASE_URL: POSTGRES_URL };
    const first = await serve(path, env);
    gateways.push(first.gateway);
    const second = await serve(path, env);
    gateways.push(second.gateway);
    const { id, key } = await createKey(first.url, { team: 'risk', rpm: 10 });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, index) => chat(index % 2 === 0 ? first.url : second.url, key)),
    );
    assert.equal(statuses.filter((status) => status === 200).length, 10, statuses.join(','));
    assert.equal(statuses.filter((status) => status === 429).length, 20, statuses.join(','));

    const other = await createKey(second.url, { team: 'risk' });
    assert.equal(await chat(first.url, other.key), 200, 'a key made on one replica works on the other');
    const revoked = await fetch(`${first.url}/admin/keys/${other.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    assert.equal(revoked.status, 200);
    let status = 200;
    for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
      status = await chat(second.url, other.key);
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, 401, 'the other replica refuses the revoked key within its refresh interval');

    // Both replicas book their requests in PostgreSQL's ledger, refusals included, by a graceful stop at the latest.
    for (const gateway of gateways.splice(0)) {
      gateway.stop('SIGTERM');
      assert.equal((await gateway.exit).code, 0);
    }
    const store = createSqlStore(await openDatabase({ url: POSTGRES_URL, schema }));
    const usage = await store.usage({ keyId: id, since: 0 });
    await store.close();
    assert.deepEqual([usage.requests, usage.errors, usage.inputTokens], [30, 20, 10 * 11]);
  });
});

describe('a budget on PostgreSQL, across a restart', { skip: postgresSkip }, () => {
  const schema = isolatedName('budget_restart');
  let upstream: MockUpstream;

  after(async () => {
    await upstream?.close();
    const database = await openDatabase({ url: POSTGRES_URL });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
    await database.db.destroy();
  });

  it('is still spent after the gateway restarts: its spend is read back from the ledger', async () => {
    upstream = await startMockUpstream('vllm');
    // Each answer costs 11 × $1 + 7 × $2 per million = $0.000025; a reservation about $0.000011.
    const path = writeConfig(upstream, { store: { schema } });
    const env = { DATABASE_URL: POSTGRES_URL };
    const first = await serve(path, env);
    const { key } = await createKey(first.url, { team: 'thrifty', budget: '0.0001/day' });
    const statuses = [];
    for (let request = 0; request < 5; request++) statuses.push(await chat(first.url, key));
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    first.gateway.stop('SIGTERM');
    assert.equal((await first.gateway.exit).code, 0);

    const second = await serve(path, env);
    try {
      const refused = await fetch(`${second.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'qwen-7b',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 5,
        }),
      });
      const body = (await refused.json()) as { error: { code: string } };
      assert.deepEqual([refused.status, body.error.code], [429, 'budget_exceeded']);
    } finally {
      second.gateway.stop('SIGTERM');
      await second.gateway.exit;
    }
  });
});
