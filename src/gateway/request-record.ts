/** What the gateway reports about every finished request: the input to the ledger, metrics and logs. */
import type { ErrorCode } from '../errors.ts';
import type { GuardEvent } from '../guardrails/guard-event.ts';
import type { AttemptRecord } from '../router/router.ts';

/** The API operation a request used. */
export type Operation = 'chat' | 'completion' | 'embedding';

/** Who sent a request, when it came with a virtual key. */
export interface RequestTenant {
  readonly keyId: string;
  readonly team: string;
}

/**
 * One finished request. Token counts are the upstream's (0 when it reported none), with OpenAI's
 * nesting: `cachedPromptTokens` are part of `promptTokens`, `reasoningTokens` part of `completionTokens`.
 */
export interface RequestRecord {
  readonly requestId: string;
  /** Epoch milliseconds at arrival. */
  readonly at: number;
  readonly operation: Operation;
  readonly model: string;
  readonly deployment: string | undefined;
  /** The deployment's location (`on-prem`, a region), when one answered. */
  readonly location?: string;
  readonly stream: boolean;
  readonly outcome: 'ok' | 'error' | 'cancelled';
  readonly errorCode?: ErrorCode;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedPromptTokens: number;
  readonly reasoningTokens: number;
  /** From the request's arrival to its last byte, in milliseconds. */
  readonly latencyMs: number;
  /** From arrival to the first generated token of a stream, in milliseconds. */
  readonly timeToFirstTokenMs?: number;
  readonly attempts: readonly AttemptRecord[];
  readonly tenant?: RequestTenant;
  /** Every guardrail decision on the request and its answer. */
  readonly guardEvents: readonly GuardEvent[];
  /** The `x-daulat-guard` summary, when the guardrails did anything. */
  readonly guardSummary?: string;
  /** Data classes found or declared (`pii.nik`, `secret.aws`), for the ledger and audit. */
  readonly dataClasses: readonly string[];
  /** The caller's W3C `traceparent` header, when it sent one. */
  readonly traceParent?: string;
  /** `{request, response}` as JSON, only for keys with content logging on. */
  readonly content?: string;
  /** The guard-model calls the request caused; each is its own ledger row and counts in the budget. */
  readonly guardCalls?: readonly GuardCallRecord[];
}

/**
 * One call the guard-model scanner made for a request (src/gateway/guard-model-call.ts). It belongs to the
 * request's team and key; token counts nest as in RequestRecord.
 */
export interface GuardCallRecord {
  /** Epoch milliseconds when the call started. */
  readonly at: number;
  /** The guard model's public name. */
  readonly model: string;
  /** The deployment that answered; undefined when none did. */
  readonly deployment: string | undefined;
  readonly location?: string;
  readonly outcome: 'ok' | 'error' | 'cancelled';
  readonly errorCode?: ErrorCode;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedPromptTokens: number;
  readonly reasoningTokens: number;
  /** From the call's start to its answer or failure, in milliseconds. */
  readonly latencyMs: number;
  /** Deployments tried, retries and fallbacks included. */
  readonly attempts: number;
}

/** Receives every finished request; must not throw or block (ledger writers batch). */
export type RequestRecorder = (record: RequestRecord) => void;
