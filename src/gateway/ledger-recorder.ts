/**
 * The recorder behind the ledger: prices each finished request (its deployment's cost and the same tokens
 * on the team's reference model), queues the ledger row — and one row for each guard-model call it caused,
 * `purpose: 'guard'` — and queues an audit entry for each request the guardrails acted on. Everything here is
 * synchronous and in memory; the batch writers do the I/O.
 */
import type { CostModel, TokenCounts } from '../accounting/cost-model.ts';
import type { BatchWriter } from '../store/batch-writer.ts';
import type { AuditEvent, LedgerEntry } from '../store/store.ts';
import type { GuardCallRecord, RequestRecord, RequestRecorder } from './request-record.ts';

/** Where priced requests go. */
export interface LedgerRecorderOptions {
  readonly costs: CostModel;
  /** Where ledger rows go; undefined when the ledger is off (`ledger.enabled: false`). */
  readonly ledger: BatchWriter<LedgerEntry> | undefined;
  readonly audit: BatchWriter<AuditEvent>;
  /** The proprietary model a team's savings are measured against. */
  readonly referenceModel: (team: string | undefined) => string;
  /** Also told of every priced request (metrics). */
  readonly observe?: (record: RequestRecord, costUsd: number) => void;
}

/** Builds the recorder. */
export function createLedgerRecorder(options: LedgerRecorderOptions): RequestRecorder {
  const { costs } = options;
  return (record) => {
    const tokens = tokenCounts(record);
    const finishedAt = record.at + record.latencyMs;
    if (record.deployment !== undefined && record.outcome === 'ok')
      costs.observe(record.deployment, tokens, record.at, finishedAt);
    const costUsd = record.deployment === undefined ? 0 : costs.deploymentCost(record.deployment, tokens);
    if (options.ledger !== undefined) {
      const referenceModel = options.referenceModel(record.tenant?.team);
      options.ledger.write(ledgerEntry(record, tokens, costUsd, referenceModel, costs));
    }
    for (const call of record.guardCalls ?? []) recordGuardCall(record, call, options);
    if (record.guardEvents.length > 0) options.audit.write(guardAudit(record));
    options.observe?.(record, costUsd);
  };
}

/** USD the request's guard-model calls cost; its budget settles with this on top of its own cost. */
export function guardCallsCost(record: RequestRecord, costs: CostModel): number {
  let total = 0;
  for (const call of record.guardCalls ?? [])
    if (call.deployment !== undefined) total += costs.deploymentCost(call.deployment, tokenCounts(call));
  return total;
}

/** The tokens of a record or a guard call, by class. */
export function tokenCounts(record: RequestRecord | GuardCallRecord): TokenCounts {
  return {
    input: record.promptTokens,
    cachedInput: record.cachedPromptTokens,
    output: record.completionTokens,
    reasoning: record.reasoningTokens,
  };
}

function ledgerEntry(
  record: RequestRecord,
  tokens: TokenCounts,
  costUsd: number,
  referenceModel: string,
  costs: CostModel,
): LedgerEntry {
  // One literal of fixed shape, absent values undefined: rows wait up to a flush window in memory, so under
  // load they outlive scavenges, and conditional spreads would cost a temporary object each and a bigger row.
  return {
    at: record.at,
    requestId: record.requestId,
    purpose: 'request',
    team: record.tenant?.team,
    keyId: record.tenant?.keyId,
    model: record.model,
    deployment: record.deployment,
    location: record.location,
    operation: record.operation,
    stream: record.stream,
    status: record.outcome,
    errorCode: record.errorCode,
    inputTokens: tokens.input,
    cachedInputTokens: tokens.cachedInput,
    outputTokens: tokens.output,
    reasoningTokens: tokens.reasoning,
    costUsd,
    referenceModel,
    referenceCostUsd: costs.referenceCost(referenceModel, tokens) ?? 0,
    latencyMs: record.latencyMs,
    ttftMs: record.timeToFirstTokenMs,
    attempts: record.attempts.length,
    dataClasses: record.dataClasses.length === 0 ? undefined : record.dataClasses.join(','),
    guardActions: record.guardSummary,
    content: record.content,
  };
}

/**
 * A guard call's own row: the request's id, team and key, the guard model's deployment and tokens. No
 * reference cost: the proprietary alternative has no such call, so its cost counts against the savings.
 */
function recordGuardCall(record: RequestRecord, call: GuardCallRecord, options: LedgerRecorderOptions) {
  const tokens = tokenCounts(call);
  if (call.deployment !== undefined && call.outcome === 'ok')
    options.costs.observe(call.deployment, tokens, call.at, call.at + call.latencyMs);
  if (options.ledger === undefined) return;
  options.ledger.write({
    at: call.at,
    requestId: record.requestId,
    purpose: 'guard',
    ...(record.tenant === undefined ? {} : { team: record.tenant.team, keyId: record.tenant.keyId }),
    model: call.model,
    ...(call.deployment === undefined ? {} : { deployment: call.deployment }),
    ...(call.location === undefined ? {} : { location: call.location }),
    operation: 'chat',
    stream: false,
    status: call.outcome,
    ...(call.errorCode === undefined ? {} : { errorCode: call.errorCode }),
    inputTokens: tokens.input,
    cachedInputTokens: tokens.cachedInput,
    outputTokens: tokens.output,
    reasoningTokens: tokens.reasoning,
    costUsd: call.deployment === undefined ? 0 : options.costs.deploymentCost(call.deployment, tokens),
    referenceCostUsd: 0,
    latencyMs: call.latencyMs,
    attempts: call.attempts,
  });
}

/** One audit entry per guarded request: classes and actions, never a value. */
function guardAudit(record: RequestRecord): AuditEvent {
  return {
    at: record.at,
    actor: record.tenant === undefined ? 'anonymous' : `key:${record.tenant.keyId}`,
    action: 'guard.decision',
    subject: record.requestId,
    details: {
      model: record.model,
      deployment: record.deployment ?? null,
      team: record.tenant?.team ?? null,
      data_classes: record.dataClasses,
      decisions: record.guardEvents.map((event) => ({
        direction: event.direction,
        scanner: event.scanner,
        category: event.category,
        action: event.action,
        score: event.score,
        source: event.source,
      })),
    },
  };
}
