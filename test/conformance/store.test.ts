/**
 * One suite for every store: SQLite (a file, WAL) and PostgreSQL (its own schema). Keys, teams, the ledger's
 * totals and the audit chain behave the same on both; tampering with the chain is caught on both.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { verifyChain } from '../../src/store/audit-chain.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { encodeLedgerBatch } from '../../src/store/ledger-batch.ts';
import { recordAllButRefused } from '../../src/store/ledger-refusals.ts';
import { migrations } from '../../src/store/migrations.ts';
import { toLedgerRow } from '../../src/store/rows.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import type { KeyRecord, LedgerEntry, Store } from '../../src/store/store.ts';
import type { LedgerTable } from '../../src/store/tables.ts';
import { isolatedName, POSTGRES_URL, serviceSkipReason } from '../helpers/services.ts';

interface Backend {
  readonly name: string;
  readonly skip: string | undefined;
  open(): Promise<Database>;
  /** A second, fresh database, for migrating back and forth. */
  openOther(): Promise<Database>;
  /** What Kysely's Migrator needs besides the database to find its bookkeeping in `openOther`'s. */
  readonly otherMigratorOptions: { readonly migrationTableSchema?: string };
  cleanup(): Promise<void>;
}

const sqliteDirectory = mkdtempSync(join(tmpdir(), 'daulat-store-'));
const sqlitePath = join(sqliteDirectory, 'daulat.db');
const schema = isolatedName('store_test');
const otherSchema = isolatedName('store_test_other');
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: undefined,
    open: () => openDatabase({ url: sqlitePath }),
    openOther: () => openDatabase({ url: join(sqliteDirectory, 'other.db') }),
    otherMigratorOptions: {},
    cleanup: async () => undefined,
  },
  {
    name: 'PostgreSQL',
    skip: await serviceSkipReason('PostgreSQL'),
    open: () => openDatabase({ url: POSTGRES_URL, schema }),
    openOther: () => openDatabase({ url: POSTGRES_URL, schema: otherSchema }),
    otherMigratorOptions: { migrationTableSchema: otherSchema },
    cleanup: async () => {
      const database = await openDatabase({ url: POSTGRES_URL });
      for (const name of [schema, otherSchema])
        await sql`drop schema if exists ${sql.id(name)} cascade`.execute(database.db);
      await database.db.destroy();
    },
  },
];

function key(id: string, team: string, at: number, extra: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id,
    team,
    hash: 'ab'.repeat(32),
    limits: {},
    logContent: false,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

function ledgerRow(index: number, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    at: 1_700_000_000_000 + index,
    requestId: `r${index}`,
    team: 'risk',
    keyId: 'k1',
    model: index % 2 === 0 ? 'qwen' : 'llama',
    deployment: 'd1',
    location: 'on-prem',
    operation: 'chat',
    stream: index % 3 === 0,
    status: index % 10 === 0 ? 'error' : 'ok',
    inputTokens: 100,
    cachedInputTokens: 20,
    outputTokens: 50,
    reasoningTokens: 10,
    costUsd: 0.001,
    referenceModel: 'gpt-4.1',
    referenceCostUsd: 0.01,
    latencyMs: 12.5,
    attempts: 1,
    ...extra,
  };
}

for (const backend of backends) {
  describe(`store on ${backend.name}`, { skip: backend.skip }, () => {
    let database: Database;
    let store: Store;

    before(async () => {
      database = await backend.open();
      store = createSqlStore(database);
    });
    after(async () => {
      await store.close();
      await backend.cleanup();
    });

    it('migrates idempotently: opening a migrated database again changes nothing', async () => {
      const again = await backend.open();
      const tables = await again.db.introspection.getTables();
      assert.ok(
        ['teams', 'keys', 'ledger', 'audit'].every((name) => tables.some((table) => table.name === name)),
      );
      await again.db.destroy();
    });

    it('creates, updates, reads and lists teams', async () => {
      const created = await store.putTeam({ name: 'risk', limits: { rpm: 60 } }, 1_000);
      assert.deepEqual(created.limits, { rpm: 60 });
      const updated = await store.putTeam(
        {
          name: 'risk',
          limits: { tpm: 5_000, budget: { usd: 50, period: 'month' } },
          referenceModel: 'gpt-4o',
        },
        2_000,
      );
      assert.deepEqual(updated.limits, { tpm: 5_000, budget: { usd: 50, period: 'month' } });
      assert.equal(updated.createdAt, 1_000);
      assert.equal(updated.updatedAt, 2_000);
      assert.equal((await store.getTeam('risk'))?.referenceModel, 'gpt-4o');
      assert.equal(await store.getTeam('nobody'), undefined);
      await store.putTeam({ name: 'audit', limits: {} }, 3_000);
      assert.deepEqual(
        (await store.listTeams()).map((team) => team.name),
        ['audit', 'risk'],
      );
    });

    it('stores keys, finds them by id, lists by team, revokes once and reports changes since a time', async () => {
      await store.insertKey(
        key('k1', 'risk', 10_000, {
          models: ['qwen*'],
          limits: { rpm: 5, budget: { usd: 1.5, period: 'day' } },
          guardrails: { input: { pii: 'block' } },
          logContent: true,
          expiresAt: 99_000,
        }),
      );
      await store.insertKey(key('k2', 'audit', 11_000));
      const found = await store.findKey('k1');
      assert.deepEqual(found?.models, ['qwen*']);
      assert.deepEqual(found?.limits, { rpm: 5, budget: { usd: 1.5, period: 'day' } });
      assert.deepEqual(found?.guardrails, { input: { pii: 'block' } });
      assert.equal(found?.logContent, true);
      assert.equal(found?.expiresAt, 99_000);
      assert.equal(await store.findKey('nope'), undefined);
      assert.deepEqual(
        (await store.listKeys({ team: 'risk' })).map((entry) => entry.id),
        ['k1'],
      );
      assert.equal((await store.listKeys()).length, 2);
      const revoked = await store.revokeKey('k1', 20_000);
      assert.equal(revoked?.revokedAt, 20_000);
      assert.equal(
        (await store.revokeKey('k1', 30_000))?.revokedAt,
        20_000,
        'the first revocation time stays',
      );
      assert.equal(await store.revokeKey('nope', 30_000), undefined);
      assert.deepEqual(
        (await store.keysChangedSince(15_000)).map((entry) => entry.id),
        ['k1'],
      );
    });

    it('writes ledger rows in batches larger than one INSERT and adds them up by model, team, key and time', async () => {
      const rows = Array.from({ length: 1_203 }, (_, index) => ledgerRow(index));
      await store.recordUsage(rows);
      await store.recordUsage([ledgerRow(5_000, { team: 'audit', keyId: 'k2', costUsd: 2 })]);
      const report = await store.usage({ team: 'risk', since: 0 });
      assert.equal(report.requests, 1_203);
      assert.equal(report.errors, 121);
      assert.equal(report.inputTokens, 120_300);
      assert.equal(report.cachedInputTokens, 24_060);
      assert.equal(report.outputTokens, 60_150);
      assert.equal(report.reasoningTokens, 12_030);
      assert.ok(Math.abs(report.costUsd - 1.203) < 1e-9);
      assert.ok(Math.abs(report.referenceCostUsd - 12.03) < 1e-9);
      assert.deepEqual(
        report.byModel.map((row) => [row.model, row.requests]),
        [
          ['llama', 601],
          ['qwen', 602],
        ],
      );
      const window = await store.usage({ keyId: 'k1', since: 1_700_000_000_100, until: 1_700_000_000_200 });
      assert.equal(window.requests, 100);
      assert.equal((await store.usage({ team: 'nobody', since: 0 })).requests, 0);
      assert.ok(Math.abs((await store.spend({ team: 'audit' }, 0)) - 2) < 1e-9);
      assert.ok(Math.abs((await store.spend({ keyId: 'k1' }, 1_700_000_001_000)) - 0.203) < 1e-9);
    });

    it('writes a ledger batch once, however often it is sent, and lets ids older than a day go', async () => {
      await database.db.insertInto('ledger_batches').values({ id: 'long-gone', at: 0 }).execute();
      const rows = [ledgerRow(9_000, { team: 'once' }), ledgerRow(9_001, { team: 'once' })];
      const batch = encodeLedgerBatch(rows.map(toLedgerRow));
      await store.recordLedgerBatch(batch);
      // Sent again, as the batch writer does when a commit went unacknowledged; and twice at once.
      await store.recordLedgerBatch(batch);
      await Promise.all([store.recordLedgerBatch(batch), store.recordLedgerBatch(batch)]);
      assert.equal((await store.usage({ team: 'once', since: 0 })).requests, 2);
      // The same rows in another batch are written: two requests may look alike.
      await store.recordLedgerBatch(encodeLedgerBatch([toLedgerRow(ledgerRow(9_000, { team: 'once' }))]));
      assert.equal((await store.usage({ team: 'once', since: 0 })).requests, 3);
      const ids = (await database.db.selectFrom('ledger_batches').select('id').execute()).map(
        (row) => row.id,
      );
      assert.ok(ids.includes(batch.id));
      assert.ok(!ids.includes('long-gone'), 'an id older than a day is let go by the next batch');
    });

    it('drops only the rows the database refuses from a batch, once however often it is sent', async () => {
      const rows = Array.from({ length: 9 }, (_, index) =>
        toLedgerRow(ledgerRow(9_600 + index, { team: 'refusing' })),
      );
      // NOT NULL columns left empty: refused by SQLite (SQLITE_CONSTRAINT_NOTNULL) and PostgreSQL (23502).
      const refusedIds = ['r9602', 'r9607'];
      const batch = encodeLedgerBatch(
        rows.map((row) => (refusedIds.includes(row.request_id) ? { ...row, model: null as never } : row)),
      );
      for (let attempt = 0; attempt < 2; attempt++) {
        const refused: string[] = [];
        await recordAllButRefused(
          (part) => store.recordLedgerBatch(part),
          batch,
          (_error, requestId) => refused.push(requestId),
        );
        assert.deepEqual(refused, refusedIds);
      }
      const written = await store.ledgerEntries({ team: 'refusing', since: 0, limit: 20 });
      assert.deepEqual(
        written.map((row) => row.requestId).sort(),
        rows.map((row) => row.request_id).filter((id) => !refusedIds.includes(id)),
      );
    });

    it('stores every field of every row exactly, across each statement size (627 rows: 500, 100, 20, 5, 1, 1)', async () => {
      // Optional fields set to undefined are left out, as the recorder leaves them out.
      const defined = (entry: LedgerEntry): LedgerEntry =>
        Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as LedgerEntry;
      const rows = Array.from({ length: 627 }, (_, index) =>
        defined(
          ledgerRow(index, {
            at: 1_800_000_000_000 + index,
            requestId: `exact-${index}`,
            team: 'exact',
            keyId: `key-${index % 7}`,
            model: `model-${index % 5}`,
            deployment: index % 4 === 0 ? undefined : `d${index % 3}`,
            location: index % 4 === 0 ? undefined : 'id-jakarta',
            operation: index % 2 === 0 ? 'chat' : 'embeddings',
            stream: index % 2 === 1,
            status: index % 9 === 0 ? 'error' : 'ok',
            ...(index % 9 === 0 ? { errorCode: 'upstream_timeout' } : {}),
            inputTokens: index,
            cachedInputTokens: index % 13,
            outputTokens: 2 * index,
            reasoningTokens: index % 3,
            costUsd: index / 1_000_000,
            referenceModel: index % 6 === 0 ? undefined : 'gpt-4.1',
            referenceCostUsd: index / 100_000,
            latencyMs: index + 0.25,
            ...(index % 5 === 0 ? {} : { ttftMs: index / 4 }),
            attempts: 1 + (index % 3),
            ...(index % 8 === 0 ? { dataClasses: 'pii.nik', guardActions: 'redacted=1' } : {}),
            ...(index % 11 === 0 ? { content: `{"request":${index}}` } : {}),
          }),
        ),
      );
      await store.recordUsage(rows);
      const stored = await store.ledgerEntries({ team: 'exact', since: 0, limit: 1_000 });
      const byId = new Map(stored.map((entry) => [entry.requestId, entry]));
      assert.equal(byId.size, rows.length);
      for (const row of rows) {
        assert.deepEqual(byId.get(row.requestId), { purpose: 'request', ...row }, row.requestId);
      }
    });

    it('keeps guard-model calls apart from requests: purpose stored, split and filtered in usage, counted in spend', async () => {
      const guard = { purpose: 'guard', model: 'llama-guard-3', costUsd: 0.25, referenceCostUsd: 0 } as const;
      await store.recordUsage([
        ledgerRow(7_000, { team: 'guarded', keyId: 'kg', requestId: 'g1', costUsd: 0.5, model: 'qwen' }),
        ledgerRow(7_001, {
          team: 'guarded',
          keyId: 'kg',
          requestId: 'g1',
          ...guard,
          referenceModel: undefined,
        }),
        ledgerRow(7_002, { team: 'guarded', keyId: 'kg', requestId: 'g1', ...guard, status: 'error' }),
      ]);
      const report = await store.usage({ team: 'guarded', since: 0 });
      assert.equal(report.requests, 3);
      assert.ok(Math.abs(report.costUsd - 1) < 1e-9);
      assert.equal(report.byPurpose.request.requests, 1);
      assert.ok(Math.abs(report.byPurpose.request.costUsd - 0.5) < 1e-9);
      assert.equal(report.byPurpose.guard.requests, 2);
      assert.equal(report.byPurpose.guard.errors, 1);
      assert.equal(report.byPurpose.guard.inputTokens, 200);
      assert.ok(Math.abs(report.byPurpose.guard.costUsd - 0.5) < 1e-9);
      assert.deepEqual(
        report.byModel.map((row) => [row.model, row.requests]),
        [
          ['llama-guard-3', 2],
          ['qwen', 1],
        ],
      );
      const guardOnly = await store.usage({ team: 'guarded', since: 0, purpose: 'guard' });
      assert.equal(guardOnly.requests, 2);
      assert.equal(guardOnly.byPurpose.request.requests, 0);
      const rows = await store.ledgerEntries({ team: 'guarded', since: 0, limit: 10, purpose: 'guard' });
      assert.deepEqual(
        rows.map((row) => [row.requestId, row.purpose, row.model, row.referenceModel]),
        [
          ['g1', 'guard', 'llama-guard-3', 'gpt-4.1'],
          ['g1', 'guard', 'llama-guard-3', undefined],
        ],
      );
      const all = await store.ledgerEntries({ team: 'guarded', since: 0, limit: 10 });
      assert.equal(all.at(-1)?.purpose, 'request');
      // Budgets start from the ledger's spend: guard calls are part of it.
      assert.ok(Math.abs((await store.spend({ team: 'guarded' }, 0)) - 1) < 1e-9);
      assert.ok(Math.abs((await store.spend({ keyId: 'kg' }, 0)) - 1) < 1e-9);
    });

    it('migrates rows written before 0002_guard_calls to client requests, and migrates back down', async () => {
      const other = await backend.openOther();
      const types =
        other.dialect === 'postgres'
          ? ({ time: 'bigint', money: 'double precision' } as const)
          : ({ time: 'integer', money: 'real' } as const);
      const migrator = new Migrator({
        db: other.db,
        provider: { getMigrations: () => Promise.resolve(migrations(types)) },
        ...backend.otherMigratorOptions,
      });
      try {
        assert.equal((await migrator.migrateTo('0001_tenancy_ledger_audit')).error, undefined);
        const columns = async () =>
          (await other.db.introspection.getTables())
            .find(
              (table) =>
                table.name === 'ledger' &&
                // PostgreSQL lists every schema's tables.
                (backend.otherMigratorOptions.migrationTableSchema ?? table.schema) === table.schema,
            )
            ?.columns.map((column) => column.name) ?? [];
        assert.ok(!(await columns()).includes('purpose'));
        const { purpose: _purpose, ...before } = toLedgerRow(ledgerRow(1));
        await other.db
          .insertInto('ledger')
          .values(before as LedgerTable)
          .execute();
        assert.equal((await migrator.migrateToLatest()).error, undefined);
        assert.ok((await columns()).includes('purpose'));
        const [entry] = await createSqlStore(other).ledgerEntries({ since: 0, limit: 10 });
        assert.equal(entry?.purpose, 'request');
        assert.equal(entry?.requestId, 'r1');
      } finally {
        await other.db.destroy();
      }
    });

    it('chains audit entries across concurrent appends (and replicas), and the chain verifies', async () => {
      // PostgreSQL replicas are separate pools; SQLite's are separate processes (workers), whose lock waits
      // would block this one thread, so there the concurrency is within one store.
      const other = backend.name === 'PostgreSQL' ? createSqlStore(await backend.open()) : store;
      const event = (index: number) => ({
        at: 50_000 + index,
        actor: 'admin',
        action: 'key.create',
        subject: `k${index}`,
        details: { team: 'risk', index },
      });
      await store.appendAudit([event(1), event(2)]);
      await Promise.all([
        ...Array.from({ length: 5 }, (_, index) => store.appendAudit([event(10 + index)])),
        ...Array.from({ length: 5 }, (_, index) => other.appendAudit([event(20 + index)])),
      ]);
      if (other !== store) await other.close();
      const entries = await store.listAudit();
      assert.deepEqual(
        entries.map((entry) => entry.seq),
        Array.from({ length: 12 }, (_, index) => index + 1),
      );
      assert.deepEqual(verify(entries), {
        ok: true,
        entries: 12,
        head: entries.at(-1)!.hash,
        keyedFrom: null,
      });
      assert.equal((await store.listAudit({ afterSeq: 10, limit: 1 }))[0]?.seq, 11);
    });

    describe('audit verification', () => {
      /** Empties the log and writes six fresh entries. */
      async function freshChain(): Promise<void> {
        await database.db.deleteFrom('audit').execute();
        await store.appendAudit(
          Array.from({ length: 6 }, (_, index) => ({
            at: 60_000 + index,
            actor: 'admin',
            action: 'team.update',
            subject: 'risk',
            details: { rpm: index },
          })),
        );
        assert.equal(verify(await store.listAudit()).ok, true);
      }

      it('names an edited entry', async () => {
        await freshChain();
        await database.db.updateTable('audit').set({ details: '{"rpm":999}' }).where('seq', '=', 3).execute();
        const verdict = verify(await store.listAudit());
        assert.deepEqual(verdict.ok ? verdict : [verdict.problem, verdict.seq], ['edited', 3]);
      });

      it('names a deleted entry, even when the rows after it are renumbered to hide the gap', async () => {
        await freshChain();
        await database.db.deleteFrom('audit').where('seq', '=', 3).execute();
        let verdict = verify(await store.listAudit());
        assert.deepEqual(verdict.ok ? verdict : [verdict.problem, verdict.seq], ['deleted', 4]);
        assert.match(verdict.ok ? '' : verdict.message, /between entry 2 and entry 4/);
        for (const seq of [4, 5, 6])
          await database.db
            .updateTable('audit')
            .set({ seq: seq - 1 })
            .where('seq', '=', seq)
            .execute();
        verdict = verify(await store.listAudit());
        assert.deepEqual(verdict.ok ? verdict : [verdict.problem, verdict.seq], ['deleted', 3]);
      });

      it('names a reordered entry', async () => {
        await freshChain();
        const db = database.db;
        await db.updateTable('audit').set({ seq: 1_000 }).where('seq', '=', 4).execute();
        await db.updateTable('audit').set({ seq: 4 }).where('seq', '=', 5).execute();
        await db.updateTable('audit').set({ seq: 5 }).where('seq', '=', 1_000).execute();
        const verdict = verify(await store.listAudit());
        assert.deepEqual(verdict.ok ? verdict : [verdict.problem, verdict.seq], ['reordered', 4]);
      });

      it('keeps a fractional time as whole milliseconds, hashed as kept', async () => {
        await database.db.deleteFrom('audit').execute();
        const event = { actor: 'admin', action: 'team.update', subject: 'risk', details: {} };
        const [written] = await store.appendAudit([{ ...event, at: 70_000.6 }]);
        assert.equal(written?.at, 70_001);
        const entries = await store.listAudit();
        assert.deepEqual(
          entries.map((entry) => entry.at),
          [70_001],
        );
        assert.equal(verify(entries).ok, true);
      });
    });

    it('keeps ledger times and token counts whole: a fraction is rounded, a count out of range is bounded', async () => {
      await store.recordUsage([
        ledgerRow(9_500, { team: 'whole', at: 1_700_000_000_000.6, inputTokens: 2.5, outputTokens: -1 }),
        ledgerRow(9_501, { team: 'whole', inputTokens: 3e9, outputTokens: Number.NaN }),
      ]);
      const rows = await store.ledgerEntries({ team: 'whole', since: 0, limit: 10 });
      assert.deepEqual(
        rows
          .sort((a, b) => a.requestId.localeCompare(b.requestId))
          .map((row) => [row.at, row.inputTokens, row.outputTokens]),
        [
          [1_700_000_000_001, 3, 0],
          [1_700_000_009_501, 2_147_483_647, 0],
        ],
      );
    });
  });
}

function verify(entries: Awaited<ReturnType<Store['listAudit']>>) {
  return verifyChain(entries.map((entry) => ({ ...entry, details: JSON.stringify(entry.details) })));
}
