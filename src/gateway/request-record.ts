/** What the gateway reports about every finished request: the input to the ledger, metrics and logs. */
import type { ErrorCode } from '../errors.ts';
import type { AttemptRecord } from '../router/router.ts';

/** The API operation a request used. */
export type Operation = 'chat' | 'completion' | 'embedding';

/** One finished request. Token counts are the upstream's (0 when it reported none). */
export interface RequestRecord {
  readonly requestId: string;
  readonly operation: Operation;
  readonly model: string;
  readonly deployment: string | undefined;
  readonly stream: boolean;
  readonly outcome: 'ok' | 'error' | 'cancelled';
  readonly errorCode?: ErrorCode;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** From the request's arrival to its last byte, in milliseconds. */
  readonly latencyMs: number;
  /** From arrival to the first generated token of a stream, in milliseconds. */
  readonly timeToFirstTokenMs?: number;
  readonly attempts: readonly AttemptRecord[];
}

/** Receives every finished request; must not throw or block (ledger writers batch). */
export type RequestRecorder = (record: RequestRecord) => void;
