/**
 * The keyed audit chain and anchors as an operator uses them: `daulat audit head` and
 * `daulat audit verify [--anchor]` against a running gateway, GET /admin/audit/head and
 * /admin/audit/verify?anchor=, and the key from `audit.key` or DAULAT_AUDIT_KEY.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { entryHash } from '../../src/store/audit-chain.ts';
import { openDatabase } from '../../src/store/database.ts';
import { run } from '../helpers/daulat-process.ts';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const ADMIN = 'audit-admin-key';
const KEY = 'audit-key-'.padEnd(48, 'x');
const OTHER_KEY = 'another-audit-key-'.padEnd(48, 'y');

interface Head {
  seq: number;
  hash: string;
  at: string | null;
}

describe('the keyed audit log, through the admin API and the CLI', () => {
  let upstream: MockUpstream;
  const gateways: TestGateway[] = [];

  before(async () => {
    upstream = await startMockUpstream('vllm');
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close();
    await upstream.close();
  });

  /** A gateway on `database` (a fresh SQLite file unless given), with `key` as its audit key. */
  async function gatewayOn(
    database: string,
    key: string | undefined,
    retired: string[] = [],
  ): Promise<TestGateway> {
    const gateway = await startGateway(
      {
        admin: { key: ADMIN },
        store: { url: database },
        ...(key === undefined ? {} : { audit: { key, retired_keys: retired } }),
        deployments: [mockDeployment('gpu-a', upstream.baseUrl, { models: ['qwen-7b'] })],
      },
      ADMIN,
    );
    gateways.push(gateway);
    return gateway;
  }

  function freshDatabase(): string {
    return join(mkdtempSync(join(tmpdir(), 'daulat-audit-db-')), 'daulat.db');
  }

  async function admin<T>(gateway: TestGateway, method: string, path: string, body?: unknown) {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Audited admin actions: each key created is one entry. */
  async function createKeys(gateway: TestGateway, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1)
      assert.equal((await admin(gateway, 'POST', '/admin/keys', { team: 'risk' })).status, 201);
  }

  function daulat(gateway: TestGateway, args: string[]) {
    return run(process.execPath, ['bin/daulat.js', 'audit', ...args], {
      DAULAT_URL: gateway.url,
      DAULAT_ADMIN_KEY: ADMIN,
    }).exit;
  }

  it('prints the head as an anchor, and verify --anchor passes on an intact keyed chain', async () => {
    const gateway = await gatewayOn(freshDatabase(), KEY);
    await createKeys(gateway, 3);
    const { body: head } = await admin<Head>(gateway, 'GET', '/admin/audit/head');
    assert.equal(head.seq, 5, 'the key switch at start, team.create, then three key.create');
    assert.match(head.hash, /^hmac:[0-9a-f]{16}:[0-9a-f]{64}$/);
    assert.ok(head.at !== null && !Number.isNaN(Date.parse(head.at)));
    const printed = await daulat(gateway, ['head']);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(printed.stdout.trim(), `5:${head.hash}`);
    const verified = await daulat(gateway, ['verify', '--anchor', printed.stdout.trim()]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /audit log intact: 5 entries, keyed \(HMAC\) from entry 1, anchor matches/);
  });

  it('detects entries cut off the end only against an anchor', async () => {
    const database = freshDatabase();
    const gateway = await gatewayOn(database, KEY);
    await createKeys(gateway, 3);
    const { body: head } = await admin<Head>(gateway, 'GET', '/admin/audit/head');
    const tamper = await openDatabase({ url: database });
    await tamper.db.deleteFrom('audit').where('seq', '>=', 3).execute();
    await tamper.db.destroy();
    const blind = await daulat(gateway, ['verify']);
    assert.equal(blind.code, 0, 'a shorter chain is a valid chain');
    const anchored = await daulat(gateway, ['verify', '--anchor', `${head.seq}:${head.hash}`]);
    assert.equal(anchored.code, 1);
    assert.match(
      anchored.stdout,
      /TAMPERED at entry 5 \(truncated\): anchored entry 5 is gone: the log ends at entry 2/,
    );
    const query = new URLSearchParams({ anchor: `${head.seq}:${head.hash}` }).toString();
    const { body: verdict } = await admin<Record<string, unknown>>(
      gateway,
      'GET',
      `/admin/audit/verify?${query}`,
    );
    assert.deepEqual([verdict.ok, verdict.problem, verdict.seq], [false, 'truncated', 5]);
    const bad = await admin<{ error: Record<string, unknown> }>(
      gateway,
      'GET',
      '/admin/audit/verify?anchor=latest',
    );
    assert.equal(bad.status, 400);
    assert.deepEqual([bad.body.error.code, bad.body.error.param], ['invalid_request', 'anchor']);
    assert.match(String(bad.body.error.message), /expected <seq>:<hash>/);
  });

  it('detects a chain rewritten in the database without the key', async () => {
    const database = freshDatabase();
    const gateway = await gatewayOn(database, KEY);
    await createKeys(gateway, 3);
    const tamper = await openDatabase({ url: database });
    const rows = await tamper.db.selectFrom('audit').selectAll().orderBy('seq').execute();
    let prevHash = rows[0]!.prev_hash;
    for (const row of rows) {
      const fields = { ...row, subject: row.seq === 3 ? 'someone-else' : row.subject };
      const hash = entryHash(prevHash, fields);
      await tamper.db
        .updateTable('audit')
        .set({ subject: fields.subject, prev_hash: prevHash, hash })
        .where('seq', '=', row.seq)
        .execute();
      prevHash = hash;
    }
    await tamper.db.destroy();
    const verdict = await daulat(gateway, ['verify']);
    assert.equal(verdict.code, 1);
    assert.match(
      verdict.stdout,
      /TAMPERED at entry 5 \(unkeyed\): an audit key is configured but the newest entry \(5\) is not keyed/,
    );
  });

  it('names a wrong audit key and a missing one', async () => {
    const database = freshDatabase();
    await createKeys(await gatewayOn(database, KEY), 1);
    const wrong = await daulat(await gatewayOn(database, OTHER_KEY), ['verify']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /TAMPERED at entry 1 \(wrong_key\): .*the audit key is wrong/);
    const missing = await daulat(await gatewayOn(database, undefined), ['verify']);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stdout,
      /\(key_missing\): entries from 1 on are keyed .* no audit key is configured: set audit\.key or DAULAT_AUDIT_KEY/,
    );
  });

  it('rotates the key: the new key with the old one retired verifies the whole log', async () => {
    const database = freshDatabase();
    await createKeys(await gatewayOn(database, KEY), 1);
    const rotated = await gatewayOn(database, OTHER_KEY, [KEY]);
    await createKeys(rotated, 1);
    const verified = await daulat(rotated, ['verify']);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /audit log intact: 5 entries, keyed \(HMAC\) from entry 1/);
    const { body: entries } = await admin<{ data: { action: string; details: unknown }[] }>(
      rotated,
      'GET',
      '/admin/audit',
    );
    const switches = entries.data.filter((entry) => entry.action === 'audit.key');
    assert.equal(switches.length, 2, 'one switch per key');
  });
});

describe('the audit key of a gateway process', () => {
  it('refuses a short DAULAT_AUDIT_KEY with the field path, and keys the log with a good one', async () => {
    const short = await run(process.execPath, ['bin/daulat.js', 'serve', '--port', '0'], {
      DAULAT_AUDIT_KEY: 'too-short',
    }).exit;
    assert.equal(short.code, 2);
    assert.match(short.stderr, /audit\.key: expected at least 32 characters/);

    const gateway = run(process.execPath, ['bin/daulat.js', 'serve', '--port', '0', '--no-pull'], {
      DAULAT_AUDIT_KEY: KEY,
      DAULAT_ADMIN_KEY: ADMIN,
    });
    try {
      const url = await Promise.race([
        gateway.listening,
        gateway.exit.then(({ stderr }) => Promise.reject(new Error(`gateway exited: ${stderr}`))),
      ]);
      const verified = await run(process.execPath, ['bin/daulat.js', 'audit', 'verify'], {
        DAULAT_URL: url,
        DAULAT_ADMIN_KEY: ADMIN,
      }).exit;
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /audit log intact: 1 entries, keyed \(HMAC\) from entry 1/);
    } finally {
      gateway.stop();
      await gateway.exit;
    }
  });
});
