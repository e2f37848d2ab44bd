/**
 * The Store over Kysely: every query written once for SQLite and PostgreSQL. Only the audit append's lock
 * differs (an advisory lock in PostgreSQL, `BEGIN IMMEDIATE` in SQLite), so replicas never fork the chain.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  auditKey,
  entryHash,
  GENESIS_HASH,
  hashKeyId,
  KEY_SWITCH_ACTION,
  verifyChain,
  type AuditKey,
} from './audit-chain.ts';
import type { Database } from './database.ts';
import { encodeLedgerBatch } from './ledger-batch.ts';
import { createLedgerInsert, type LedgerWriterOptions } from './ledger-insert.ts';
import type { AuditEntry, AuditEvent, Store, UsageFilter, UsageReport, UsageTotals } from './store.ts';
import { fromAuditRow, fromKeyRow, fromLedgerRow, fromTeamRow, toKeyRow, toLedgerRow } from './rows.ts';
import type { Tables } from './tables.ts';

/** How the store writes and checks the audit chain. */
export interface SqlStoreOptions {
  /** Hash audit entries as HMAC-SHA256 under this secret (`audit.key`); without it, plain SHA-256. */
  readonly auditKey?: string;
  /** Keys the log was keyed under before `auditKey`, oldest first (`audit.retired_keys`); verification only. */
  readonly retiredAuditKeys?: readonly string[];
  /** How a SQLite file's ledger writer thread runs (`ledger.writer_priority`). */
  readonly ledgerWriter?: LedgerWriterOptions;
}

/** A store over an open, migrated database. */
export function createSqlStore(database: Database, options: SqlStoreOptions = {}): Store {
  const { db, dialect } = database;
  const key = options.auditKey === undefined ? undefined : auditKey(options.auditKey);
  const retiredKeys = (options.retiredAuditKeys ?? []).map(auditKey);
  const insertLedger = createLedgerInsert(database, options.ledgerWriter);

  return {
    dialect,

    async putTeam(team, at) {
      const values = {
        rpm: team.limits.rpm ?? null,
        tpm: team.limits.tpm ?? null,
        budget_usd: team.limits.budget?.usd ?? null,
        budget_period: team.limits.budget?.period ?? null,
        reference_model: team.referenceModel ?? null,
        updated_at: at,
      };
      const row = await db
        .insertInto('teams')
        .values({ name: team.name, created_at: at, ...values })
        .onConflict((conflict) => conflict.column('name').doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromTeamRow(row);
    },

    async getTeam(name) {
      const row = await db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : fromTeamRow(row);
    },

    async listTeams() {
      return (await db.selectFrom('teams').selectAll().orderBy('name').execute()).map(fromTeamRow);
    },

    async insertKey(key) {
      await db.insertInto('keys').values(toKeyRow(key)).execute();
    },

    async findKey(id) {
      const row = await db.selectFrom('keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromKeyRow(row);
    },

    async listKeys(filter = {}) {
      let query = db.selectFrom('keys').selectAll().orderBy('created_at').orderBy('id');
      if (filter.team !== undefined) query = query.where('team', '=', filter.team);
      return (await query.execute()).map(fromKeyRow);
    },

    async revokeKey(id, at) {
      const row = await db
        .updateTable('keys')
        .set({ revoked_at: sql<number>`coalesce(revoked_at, ${at})`, updated_at: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : fromKeyRow(row);
    },

    async keysChangedSince(updatedAfter) {
      const rows = await db
        .selectFrom('keys')
        .selectAll()
        .where('updated_at', '>', updatedAfter)
        .orderBy('updated_at')
        .execute();
      return rows.map(fromKeyRow);
    },

    async recordUsage(entries) {
      if (entries.length === 0) return;
      await insertLedger.insert(encodeLedgerBatch(entries.map(toLedgerRow)));
    },

    recordLedgerBatch: (batch) => insertLedger.insert(batch),

    async usage(filter) {
      return usageReport(db, filter);
    },

    async ledgerEntries(filter) {
      let query = db
        .selectFrom('ledger')
        .selectAll()
        .where('at', '>=', filter.since)
        .orderBy('at', 'desc')
        .limit(filter.limit);
      if (filter.until !== undefined) query = query.where('at', '<', filter.until);
      if (filter.team !== undefined) query = query.where('team', '=', filter.team);
      if (filter.keyId !== undefined) query = query.where('key_id', '=', filter.keyId);
      if (filter.purpose !== undefined) query = query.where('purpose', '=', filter.purpose);
      return (await query.execute()).map(fromLedgerRow);
    },

    async spend(scope, since) {
      const row = await db
        .selectFrom('ledger')
        .select(sql<number>`coalesce(sum(cost_usd), 0)`.as('spent'))
        .where('at', '>=', since)
        .where('team' in scope ? 'team' : 'key_id', '=', 'team' in scope ? scope.team : scope.keyId)
        .executeTakeFirstOrThrow();
      return Number(row.spent);
    },

    async appendAudit(events) {
      if (events.length === 0) return [];
      return withAuditLock(database, async (transaction) => appendChained(transaction, events, key));
    },

    async startAudit(at) {
      if (key === undefined) return undefined;
      return withAuditLock(database, async (transaction) => {
        const previous = (await newestAuditRow(transaction))?.hash;
        const previousKeyId = previous === undefined ? undefined : hashKeyId(previous);
        if (previousKeyId === key.id) return undefined;
        const details = { key_id: key.id, previous_key_id: previousKeyId ?? null };
        const event = { at, actor: 'gateway', action: KEY_SWITCH_ACTION, subject: 'audit', details };
        return (await appendChained(transaction, [event], key))[0];
      });
    },

    async auditHead() {
      const row = await newestAuditRow(db);
      return row === undefined ? undefined : fromAuditRow(row);
    },

    async verifyAudit(anchor) {
      // The stored details text, not a re-serialisation of it: the hash covers exactly these bytes.
      const rows = await db.selectFrom('audit').selectAll().orderBy('seq').execute();
      const entries = rows.map((row) => ({
        ...row,
        seq: Number(row.seq),
        at: Number(row.at),
        prevHash: row.prev_hash,
      }));
      return verifyChain(entries, {
        ...(key === undefined ? {} : { key, retiredKeys }),
        ...(anchor ? { anchor } : {}),
      });
    },

    async listAudit(options = {}) {
      const rows = await db
        .selectFrom('audit')
        .selectAll()
        .where('seq', '>', options.afterSeq ?? 0)
        .orderBy('seq')
        .limit(options.limit ?? 1_000_000)
        .execute();
      return rows.map(fromAuditRow);
    },

    async close() {
      await insertLedger.close();
      await db.destroy();
    },
  };
}

function newestAuditRow(db: Kysely<Tables>) {
  return db.selectFrom('audit').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

async function appendChained(
  transaction: Kysely<Tables>,
  events: readonly AuditEvent[],
  key: AuditKey | undefined,
): Promise<AuditEntry[]> {
  const last = await newestAuditRow(transaction);
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const entries: AuditEntry[] = [];
  for (const given of events) {
    seq += 1;
    // Whole milliseconds, as the column keeps them (PostgreSQL's bigint refuses a fraction), and hashed as kept.
    const event = { ...given, at: Math.round(given.at) };
    const details = JSON.stringify(event.details);
    const hash = entryHash(prevHash, { ...event, details }, key);
    entries.push({ ...event, seq, prevHash, hash });
    await transaction
      .insertInto('audit')
      .values({
        seq,
        at: event.at,
        actor: event.actor,
        action: event.action,
        subject: event.subject,
        details,
        prev_hash: prevHash,
        hash,
      })
      .execute();
    prevHash = hash;
  }
  return entries;
}

/** Runs `work` in a transaction that no other writer of the audit log (in any process) can interleave with. */
async function withAuditLock<T>(
  database: Database,
  work: (transaction: Kysely<Tables>) => Promise<T>,
): Promise<T> {
  if (database.dialect === 'postgres') {
    return database.db.transaction().execute(async (transaction: Transaction<Tables>) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`.execute(transaction);
      return work(transaction);
    });
  }
  // SQLite's default BEGIN is deferred: two processes could both read the same head. IMMEDIATE takes the
  // write lock before reading it.
  return database.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/** An arbitrary constant naming the audit log's advisory lock. */
const AUDIT_LOCK_ID = 0x6461_756c;

async function usageReport(db: Kysely<Tables>, filter: UsageFilter): Promise<UsageReport> {
  let query = db
    .selectFrom('ledger')
    .select([
      'model',
      'purpose',
      sql<number>`count(*)`.as('requests'),
      sql<number>`sum(case when status = 'ok' then 0 else 1 end)`.as('errors'),
      sql<number>`sum(input_tokens)`.as('inputTokens'),
      sql<number>`sum(cached_input_tokens)`.as('cachedInputTokens'),
      sql<number>`sum(output_tokens)`.as('outputTokens'),
      sql<number>`sum(reasoning_tokens)`.as('reasoningTokens'),
      sql<number>`sum(cost_usd)`.as('costUsd'),
      sql<number>`sum(reference_cost_usd)`.as('referenceCostUsd'),
    ])
    .where('at', '>=', filter.since)
    .groupBy(['model', 'purpose'])
    .orderBy('model');
  if (filter.until !== undefined) query = query.where('at', '<', filter.until);
  if (filter.team !== undefined) query = query.where('team', '=', filter.team);
  if (filter.keyId !== undefined) query = query.where('key_id', '=', filter.keyId);
  if (filter.purpose !== undefined) query = query.where('purpose', '=', filter.purpose);
  const rows = (await query.execute()).map((row) => ({
    model: row.model,
    purpose: row.purpose,
    ...numericTotals(row),
  }));
  const models = [...new Set(rows.map((row) => row.model))];
  const byModel = models.map((model) => ({
    model,
    ...sumTotals(rows.filter((row) => row.model === model)),
  }));
  const byPurpose = {
    request: sumTotals(rows.filter((row) => row.purpose !== 'guard')),
    guard: sumTotals(rows.filter((row) => row.purpose === 'guard')),
  };
  return { ...sumTotals(rows), byModel, byPurpose };
}

const TOTAL_FIELDS = [
  'requests',
  'errors',
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'reasoningTokens',
  'costUsd',
  'referenceCostUsd',
] as const satisfies readonly (keyof UsageTotals)[];

function numericTotals(row: Record<(typeof TOTAL_FIELDS)[number], unknown>): UsageTotals {
  return Object.fromEntries(
    TOTAL_FIELDS.map((field) => [field, Number(row[field] ?? 0)]),
  ) as unknown as UsageTotals;
}

function sumTotals(rows: readonly UsageTotals[]): UsageTotals {
  return Object.fromEntries(
    TOTAL_FIELDS.map((field) => [field, rows.reduce((total, row) => total + row[field], 0)]),
  ) as unknown as UsageTotals;
}
