/** How the admin API shows records: snake_case JSON, ISO times, never a key's hash. */
import type {
  AuditEntry,
  KeyRecord,
  LedgerEntry,
  Team,
  UsageReport,
  UsageTotals,
} from '../../../store/store.ts';

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** A key as listed (the secret is shown once, at creation, never here). */
export function keyView(key: KeyRecord, now: number) {
  return {
    id: key.id,
    object: 'key',
    team: key.team,
    name: key.name ?? null,
    models: key.models ?? null,
    rpm: key.limits.rpm ?? null,
    tpm: key.limits.tpm ?? null,
    budget: key.limits.budget ?? null,
    guardrails: key.guardrails ?? null,
    log_content: key.logContent,
    status:
      key.revokedAt !== undefined
        ? 'revoked'
        : key.expiresAt !== undefined && key.expiresAt <= now
          ? 'expired'
          : 'active',
    created_at: iso(key.createdAt),
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
  };
}

/** A team and its limits. */
export function teamView(team: Team) {
  return {
    name: team.name,
    object: 'team',
    rpm: team.limits.rpm ?? null,
    tpm: team.limits.tpm ?? null,
    budget: team.limits.budget ?? null,
    reference_model: team.referenceModel ?? null,
    created_at: iso(team.createdAt),
    updated_at: iso(team.updatedAt),
  };
}

function totalsView(totals: UsageTotals) {
  return {
    requests: totals.requests,
    errors: totals.errors,
    tokens: {
      input: totals.inputTokens,
      cached_input: totals.cachedInputTokens,
      output: totals.outputTokens,
      reasoning: totals.reasoningTokens,
    },
    cost_usd: round(totals.costUsd),
    reference_cost_usd: round(totals.referenceCostUsd),
    savings_usd: round(totals.referenceCostUsd - totals.costUsd),
  };
}

/** Usage totals and savings, overall (guard-model calls included), per model and per purpose. */
export function usageView(report: UsageReport, scope: { team: string | null; since: number; until: number }) {
  return {
    object: 'usage',
    team: scope.team,
    since: iso(scope.since),
    until: iso(scope.until),
    ...totalsView(report),
    by_model: report.byModel.map((row) => ({ model: row.model, ...totalsView(row) })),
    by_purpose: {
      request: totalsView(report.byPurpose.request),
      guard: totalsView(report.byPurpose.guard),
    },
  };
}

/** An audit entry with its chain links. */
export function auditView(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: iso(entry.at),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** One ledger row. */
export function requestView(entry: LedgerEntry) {
  return {
    at: iso(entry.at),
    request_id: entry.requestId,
    purpose: entry.purpose ?? 'request',
    team: entry.team ?? null,
    key: entry.keyId ?? null,
    model: entry.model,
    deployment: entry.deployment ?? null,
    location: entry.location ?? null,
    operation: entry.operation,
    stream: entry.stream,
    status: entry.status,
    error_code: entry.errorCode ?? null,
    tokens: {
      input: entry.inputTokens,
      cached_input: entry.cachedInputTokens,
      output: entry.outputTokens,
      reasoning: entry.reasoningTokens,
    },
    cost_usd: entry.costUsd,
    reference_model: entry.referenceModel ?? null,
    reference_cost_usd: entry.referenceCostUsd,
    latency_ms: entry.latencyMs,
    ttft_ms: entry.ttftMs ?? null,
    attempts: entry.attempts,
    data_classes: entry.dataClasses?.split(',') ?? [],
    guard: entry.guardActions ?? null,
    content: entry.content === undefined ? null : (JSON.parse(entry.content) as unknown),
  };
}
