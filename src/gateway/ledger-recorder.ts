/**
 * The recorder behind the ledger: prices each finished request (its deployment's cost and the same tokens
 * on the team's reference model), queues the ledger row, and queues an audit entry for each request the
 * guardrails acted on. Everything here is synchronous and in memory; the batch writers do the I/O.
 */
import type { CostModel, TokenCounts } from '../accounting/cost-model.ts';
import type { BatchWriter } from '../store/batch-writer.ts';
import type { AuditEvent, LedgerEntry } from '../store/store.ts';
import type { RequestRecord, RequestRecorder } from './request-record.ts';

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
    if (record.guardEvents.length > 0) options.audit.write(guardAudit(record));
    options.observe?.(record, costUsd);
  };
}

/** The record's tokens by class. */
export function tokenCounts(record: RequestRecord): TokenCounts {
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
  return {
    at: record.at,
    requestId: record.requestId,
    ...(record.tenant === undefined ? {} : { team: record.tenant.team, keyId: record.tenant.keyId }),
    model: record.model,
    ...(record.deployment === undefined ? {} : { deployment: record.deployment }),
    ...(record.location === undefined ? {} : { location: record.location }),
    operation: record.operation,
    stream: record.stream,
    status: record.outcome,
    ...(record.errorCode === undefined ? {} : { errorCode: record.errorCode }),
    inputTokens: tokens.input,
    cachedInputTokens: tokens.cachedInput,
    outputTokens: tokens.output,
    reasoningTokens: tokens.reasoning,
    costUsd,
    referenceModel,
    referenceCostUsd: costs.referenceCost(referenceModel, tokens) ?? 0,
    latencyMs: record.latencyMs,
    ...(record.timeToFirstTokenMs === undefined ? {} : { ttftMs: record.timeToFirstTokenMs }),
    attempts: record.attempts.length,
    ...(record.dataClasses.length === 0 ? {} : { dataClasses: record.dataClasses.join(',') }),
    ...(record.guardSummary === undefined ? {} : { guardActions: record.guardSummary }),
    ...(record.content === undefined ? {} : { content: record.content }),
  };
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
