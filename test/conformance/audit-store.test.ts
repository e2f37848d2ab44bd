/**
 * The keyed audit chain and its head on every store: SQLite and PostgreSQL key the chain at start, verify
 * with their key, name a missing or wrong key, catch a rewrite without the key and, given an anchor, truncation.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { auditKey, entryHash, GENESIS_HASH, type ChainVerdict } from '../../src/store/audit-chain.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import type { AuditEvent, Store } from '../../src/store/store.ts';
import { isolatedName, POSTGRES_URL, serviceSkipReason } from '../helpers/services.ts';

const KEY = 'k'.repeat(40);
const OTHER_KEY = 'o'.repeat(40);

interface Backend {
  readonly name: string;
  readonly skip: string | undefined;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

const sqlitePath = join(mkdtempSync(join(tmpdir(), 'daulat-audit-')), 'daulat.db');
const schema = isolatedName('audit_test');
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: undefined,
    open: () => openDatabase({ url: sqlitePath }),
    cleanup: async () => undefined,
  },
  {
    name: 'PostgreSQL',
    skip: await serviceSkipReason('PostgreSQL'),
    open: () => openDatabase({ url: POSTGRES_URL, schema }),
    cleanup: async () => {
      const database = await openDatabase({ url: POSTGRES_URL });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
      await database.db.destroy();
    },
  },
];

function events(count: number, from = 0): AuditEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    at: 70_000 + from + index,
    actor: 'admin',
    action: 'key.create',
    subject: `k${from + index}`,
    details: { team: 'risk' },
  }));
}

function problem(verdict: ChainVerdict): [string, number] | 'ok' {
  return verdict.ok ? 'ok' : [verdict.problem, verdict.seq];
}

for (const backend of backends) {
  describe(`the audit chain on ${backend.name}`, { skip: backend.skip }, () => {
    let database: Database;
    const opened: Store[] = [];

    /** A store on the same database, as another gateway (or a restart) with `key` would open it. */
    function storeWith(key?: string, retired: readonly string[] = []): Store {
      const store = createSqlStore(
        database,
        key === undefined ? {} : { auditKey: key, retiredAuditKeys: retired },
      );
      opened.push(store);
      return store;
    }

    before(async () => {
      database = await backend.open();
    });
    beforeEach(async () => {
      await database.db.deleteFrom('audit').execute();
    });
    after(async () => {
      await database.db.destroy();
      await backend.cleanup();
    });

    it('continues an unkeyed chain under a key: the switch entry links to the unkeyed head', async () => {
      await storeWith().appendAudit(events(3));
      const keyed = storeWith(KEY);
      const switched = await keyed.startAudit(80_000);
      assert.equal(switched?.seq, 4);
      assert.equal(switched.action, 'audit.key');
      assert.deepEqual(switched.details, { key_id: auditKey(KEY).id, previous_key_id: null });
      assert.equal(await keyed.startAudit(80_001), undefined, 'a restart with the same key writes nothing');
      await keyed.appendAudit(events(2, 3));
      const entries = await keyed.listAudit();
      assert.equal(entries[3]?.prevHash, entries[2]?.hash);
      assert.ok(entries.slice(3).every((entry) => entry.hash.startsWith(`hmac:${auditKey(KEY).id}:`)));
      assert.deepEqual(await keyed.verifyAudit(), {
        ok: true,
        entries: 6,
        head: entries[5]?.hash,
        keyedFrom: 4,
      });
      const head = await keyed.auditHead();
      assert.deepEqual([head?.seq, head?.hash], [6, entries[5]?.hash]);
    });

    it('keys an empty log at start, so a keyed gateway’s log always ends keyed', async () => {
      const keyed = storeWith(KEY);
      assert.equal(await keyed.auditHead(), undefined);
      assert.equal((await keyed.startAudit(1))?.seq, 1);
      assert.equal((await keyed.verifyAudit()).ok, true);
      assert.equal(await storeWith().startAudit(2), undefined, 'no key, nothing to record');
    });

    it('names a missing key and a wrong key', async () => {
      const keyed = storeWith(KEY);
      await keyed.startAudit(1);
      await keyed.appendAudit(events(2));
      assert.deepEqual(problem(await storeWith().verifyAudit()), ['key_missing', 1]);
      const wrong = await storeWith(OTHER_KEY).verifyAudit();
      assert.deepEqual(problem(wrong), ['wrong_key', 1]);
      assert.match(wrong.ok ? '' : wrong.message, /the audit key is wrong, or the entry was forged/);
    });

    it('rotates the key: a restart with a new key records the switch, and the old stretch verifies as retired', async () => {
      const first = storeWith(KEY);
      await first.startAudit(1);
      await first.appendAudit(events(2));
      const rotated = storeWith(OTHER_KEY, [KEY]);
      const switched = await rotated.startAudit(2);
      assert.deepEqual(switched?.details, {
        key_id: auditKey(OTHER_KEY).id,
        previous_key_id: auditKey(KEY).id,
      });
      await rotated.appendAudit(events(2, 2));
      const verdict = await rotated.verifyAudit();
      assert.deepEqual([verdict.ok, verdict.entries, verdict.ok && verdict.keyedFrom], [true, 6, 1]);
      // Without the retired key the first stretch cannot be checked.
      assert.deepEqual(problem(await storeWith(OTHER_KEY).verifyAudit()), ['wrong_key', 1]);
      // A gateway still on the retired key appends after the switch: refused from there.
      await storeWith(KEY).appendAudit(events(1, 4));
      assert.deepEqual(problem(await rotated.verifyAudit()), ['wrong_key', 7]);
    });

    it('catches a chain rewritten in the database by someone without the key', async () => {
      const keyed = storeWith(KEY);
      await keyed.startAudit(1);
      await keyed.appendAudit(events(4));
      // The classic forgery: edit an entry, then recompute every hash from there with plain SHA-256.
      const rows = await database.db.selectFrom('audit').selectAll().orderBy('seq').execute();
      let prevHash = rows[1]!.hash;
      for (const row of rows.slice(2)) {
        const fields = { ...row, at: Number(row.at), actor: row.seq === rows[2]!.seq ? 'nobody' : row.actor };
        const hash = entryHash(prevHash, fields);
        await database.db
          .updateTable('audit')
          .set({ actor: fields.actor, prev_hash: prevHash, hash })
          .where('seq', '=', row.seq)
          .execute();
        prevHash = hash;
      }
      assert.deepEqual(problem(await keyed.verifyAudit()), ['unkeyed', 3]);
      // The same forgery passes on an unkeyed chain: this is what the key is for.
      await database.db.deleteFrom('audit').execute();
      const unkeyed = storeWith();
      await unkeyed.appendAudit(events(3));
      await database.db.updateTable('audit').set({ actor: 'nobody' }).where('seq', '=', 3).execute();
      const last = await database.db
        .selectFrom('audit')
        .selectAll()
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable('audit')
        .set({ hash: entryHash(last.prev_hash, { ...last, at: Number(last.at) }) })
        .where('seq', '=', 3)
        .execute();
      assert.equal((await unkeyed.verifyAudit()).ok, true);
    });

    it('catches entries cut off the end against an anchor taken before', async () => {
      const keyed = storeWith(KEY);
      await keyed.startAudit(1);
      await keyed.appendAudit(events(5));
      const head = await keyed.auditHead();
      assert.ok(head !== undefined);
      const anchor = { seq: head.seq, hash: head.hash };
      assert.equal((await keyed.verifyAudit(anchor)).ok, true);
      await database.db.deleteFrom('audit').where('seq', '>', 4).execute();
      assert.equal((await keyed.verifyAudit()).ok, true, 'a shorter keyed chain is still a valid chain');
      assert.deepEqual(problem(await keyed.verifyAudit(anchor)), ['truncated', 6]);
      await keyed.appendAudit(events(2, 10));
      assert.deepEqual(problem(await keyed.verifyAudit(anchor)), ['anchor_mismatch', 6]);
    });

    it('reports the genesis head of an empty log', async () => {
      const verdict = await storeWith().verifyAudit();
      assert.deepEqual(verdict, { ok: true, entries: 0, head: GENESIS_HASH, keyedFrom: null });
    });
  });
}
