/** Conversions between database rows (snake_case, JSON text, 0/1) and the store's domain records. */
import type { Selectable } from 'kysely';
import type {
  AuditEntry,
  BudgetPeriod,
  KeyRecord,
  LedgerEntry,
  LedgerPurpose,
  Limits,
  Team,
} from './store.ts';
import type { AuditTable, KeysTable, LedgerTable, TeamsTable } from './tables.ts';
import type { BatchBuilder } from './batch-writer.ts';
import { LedgerBatchBuilder, type LedgerBatch, type LedgerColumnReaders } from './ledger-batch.ts';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';

interface LimitColumns {
  rpm: number | null;
  tpm: number | null;
  budget_usd: number | null;
  budget_period: string | null;
}

function fromLimitColumns(row: LimitColumns): Limits {
  return {
    ...(row.rpm === null ? {} : { rpm: row.rpm }),
    ...(row.tpm === null ? {} : { tpm: row.tpm }),
    ...(row.budget_usd === null
      ? {}
      : { budget: { usd: Number(row.budget_usd), period: (row.budget_period ?? 'month') as BudgetPeriod } }),
  };
}

function toLimitColumns(limits: Limits): LimitColumns {
  return {
    rpm: limits.rpm ?? null,
    tpm: limits.tpm ?? null,
    budget_usd: limits.budget?.usd ?? null,
    budget_period: limits.budget?.period ?? null,
  };
}

export function fromTeamRow(row: Selectable<TeamsTable>): Team {
  return {
    name: row.name,
    limits: fromLimitColumns(row),
    ...(row.reference_model === null ? {} : { referenceModel: row.reference_model }),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function fromKeyRow(row: Selectable<KeysTable>): KeyRecord {
  return {
    id: row.id,
    team: row.team,
    ...(row.name === null ? {} : { name: row.name }),
    hash: row.hash,
    ...(row.models === null ? {} : { models: JSON.parse(row.models) as string[] }),
    limits: fromLimitColumns(row),
    ...(row.guardrails === null ? {} : { guardrails: JSON.parse(row.guardrails) as unknown }),
    logContent: Number(row.log_content) === 1,
    ...(row.expires_at === null ? {} : { expiresAt: Number(row.expires_at) }),
    ...(row.revoked_at === null ? {} : { revokedAt: Number(row.revoked_at) }),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function toKeyRow(key: KeyRecord): KeysTable {
  return {
    id: key.id,
    team: key.team,
    name: key.name ?? null,
    hash: key.hash,
    models: key.models === undefined ? null : JSON.stringify(key.models),
    ...toLimitColumns(key.limits),
    guardrails: key.guardrails === undefined ? null : JSON.stringify(key.guardrails),
    log_content: key.logContent ? 1 : 0,
    expires_at: key.expiresAt ?? null,
    revoked_at: key.revokedAt ?? null,
    created_at: key.createdAt,
    updated_at: key.updatedAt,
  };
}

/** Builds ledger entries into a batch as they come, each encoded at once (see LedgerBatchBuilder). */
export function ledgerEntryBuilder(): BatchBuilder<LedgerEntry, LedgerBatch> {
  return new LedgerBatchBuilder(ENTRY_COLUMNS);
}

/** The largest token count a ledger row holds: its token columns are 32-bit integers in PostgreSQL. */
export const MAX_LEDGER_TOKENS = 2_147_483_647;

/**
 * Each column of a ledger entry's row. Integer columns get whole numbers in range whatever the entry holds:
 * PostgreSQL refuses a fraction or an out-of-range value for them, and one refused row fails its whole batch.
 */
const ENTRY_COLUMNS: LedgerColumnReaders<LedgerEntry> = {
  at: (entry) => Math.round(entry.at),
  request_id: (entry) => entry.requestId,
  purpose: (entry) => entry.purpose ?? 'request',
  team: (entry) => entry.team ?? null,
  key_id: (entry) => entry.keyId ?? null,
  model: (entry) => entry.model,
  deployment: (entry) => entry.deployment ?? null,
  location: (entry) => entry.location ?? null,
  operation: (entry) => entry.operation,
  stream: (entry) => (entry.stream ? 1 : 0),
  status: (entry) => entry.status,
  error_code: (entry) => entry.errorCode ?? null,
  input_tokens: (entry) => tokenCount(entry.inputTokens),
  cached_input_tokens: (entry) => tokenCount(entry.cachedInputTokens),
  output_tokens: (entry) => tokenCount(entry.outputTokens),
  reasoning_tokens: (entry) => tokenCount(entry.reasoningTokens),
  cost_usd: (entry) => entry.costUsd,
  reference_model: (entry) => entry.referenceModel ?? null,
  reference_cost_usd: (entry) => entry.referenceCostUsd,
  latency_ms: (entry) => entry.latencyMs,
  ttft_ms: (entry) => entry.ttftMs ?? null,
  attempts: (entry) => Math.round(entry.attempts),
  data_classes: (entry) => entry.dataClasses ?? null,
  guard_actions: (entry) => entry.guardActions ?? null,
  content: (entry) => entry.content ?? null,
};

/** A ledger entry as its row (see ENTRY_COLUMNS). */
export function toLedgerRow(entry: LedgerEntry): LedgerTable {
  const row: Partial<Record<keyof LedgerTable, unknown>> = {};
  for (const column of LEDGER_COLUMNS) row[column] = ENTRY_COLUMNS[column](entry);
  return row as LedgerTable;
}

export function fromLedgerRow(row: Selectable<LedgerTable>): LedgerEntry {
  const optional = <K extends string, V>(key: K, value: V | null) =>
    (value === null ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    at: Number(row.at),
    requestId: row.request_id,
    purpose: row.purpose as LedgerPurpose,
    ...optional('team', row.team),
    ...optional('keyId', row.key_id),
    model: row.model,
    ...optional('deployment', row.deployment),
    ...optional('location', row.location),
    operation: row.operation,
    stream: Number(row.stream) === 1,
    status: row.status as LedgerEntry['status'],
    ...optional('errorCode', row.error_code),
    inputTokens: Number(row.input_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    outputTokens: Number(row.output_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costUsd: Number(row.cost_usd),
    ...optional('referenceModel', row.reference_model),
    referenceCostUsd: Number(row.reference_cost_usd),
    latencyMs: Number(row.latency_ms),
    ...optional('ttftMs', row.ttft_ms === null ? null : Number(row.ttft_ms)),
    attempts: Number(row.attempts),
    ...optional('dataClasses', row.data_classes),
    ...optional('guardActions', row.guard_actions),
    ...optional('content', row.content),
  };
}

export function fromAuditRow(row: Selectable<AuditTable>): AuditEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A token count as a ledger row holds it: whole, from 0 to MAX_LEDGER_TOKENS. */
export function tokenCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(Math.round(value), MAX_LEDGER_TOKENS) : 0;
}
