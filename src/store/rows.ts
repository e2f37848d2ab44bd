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
import { LedgerBatchBuilder, type LedgerBatch } from './ledger-batch.ts';

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
  const rows = new LedgerBatchBuilder();
  return {
    add: (entry) => rows.add(toLedgerRow(entry)),
    get count() {
      return rows.count;
    },
    seal: () => rows.seal(),
  };
}

/** The largest token count a ledger row holds: its token columns are 32-bit integers in PostgreSQL. */
export const MAX_LEDGER_TOKENS = 2_147_483_647;

/**
 * A ledger entry as its row. Integer columns get whole numbers in range whatever the entry holds: PostgreSQL
 * refuses a fraction or an out-of-range value for them, and one refused row fails its whole batch.
 */
export function toLedgerRow(entry: LedgerEntry): LedgerTable {
  return {
    at: Math.round(entry.at),
    request_id: entry.requestId,
    purpose: entry.purpose ?? 'request',
    team: entry.team ?? null,
    key_id: entry.keyId ?? null,
    model: entry.model,
    deployment: entry.deployment ?? null,
    location: entry.location ?? null,
    operation: entry.operation,
    stream: entry.stream ? 1 : 0,
    status: entry.status,
    error_code: entry.errorCode ?? null,
    input_tokens: tokenCount(entry.inputTokens),
    cached_input_tokens: tokenCount(entry.cachedInputTokens),
    output_tokens: tokenCount(entry.outputTokens),
    reasoning_tokens: tokenCount(entry.reasoningTokens),
    cost_usd: entry.costUsd,
    reference_model: entry.referenceModel ?? null,
    reference_cost_usd: entry.referenceCostUsd,
    latency_ms: entry.latencyMs,
    ttft_ms: entry.ttftMs ?? null,
    attempts: Math.round(entry.attempts),
    data_classes: entry.dataClasses ?? null,
    guard_actions: entry.guardActions ?? null,
    content: entry.content ?? null,
  };
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
