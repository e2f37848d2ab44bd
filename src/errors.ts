/**
 * Every error Daulat reports, modelled once: a code maps to an HTTP status and an OpenAI error type.
 * Routes, the pipeline and engines throw `GatewayError`; the error handler and stream encoders write it.
 */

/** OpenAI's `error.type` values that Daulat emits. */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'api_error'
  | 'timeout_error';

/** The code table: one row per error Daulat can report; docs/api.md lists every row (a test checks). */
export const ERROR_CODES = {
  invalid_json: { status: 400, type: 'invalid_request_error' },
  invalid_request: { status: 400, type: 'invalid_request_error' },
  request_too_large: { status: 413, type: 'invalid_request_error' },
  invalid_api_key: { status: 401, type: 'authentication_error' },
  key_revoked: { status: 401, type: 'authentication_error' },
  key_expired: { status: 401, type: 'authentication_error' },
  admin_key_required: { status: 403, type: 'permission_error' },
  model_not_allowed: { status: 403, type: 'permission_error' },
  key_not_found: { status: 404, type: 'not_found_error' },
  team_not_found: { status: 404, type: 'not_found_error' },
  rate_limit_exceeded: { status: 429, type: 'rate_limit_error' },
  budget_exceeded: { status: 429, type: 'insufficient_quota' },
  store_unavailable: { status: 503, type: 'api_error' },
  shutting_down: { status: 503, type: 'api_error' },
  model_not_found: { status: 404, type: 'invalid_request_error' },
  route_not_found: { status: 404, type: 'not_found_error' },
  deployment_busy: { status: 429, type: 'rate_limit_error' },
  upstream_rejected: { status: 400, type: 'invalid_request_error' },
  upstream_rate_limited: { status: 429, type: 'rate_limit_error' },
  upstream_error: { status: 502, type: 'api_error' },
  upstream_unavailable: { status: 503, type: 'api_error' },
  upstream_timeout: { status: 504, type: 'timeout_error' },
  stream_interrupted: { status: 502, type: 'api_error' },
  client_closed: { status: 499, type: 'invalid_request_error' },
  model_not_in_catalog: { status: 404, type: 'invalid_request_error' },
  model_not_downloaded: { status: 503, type: 'api_error' },
  model_invalid: { status: 503, type: 'api_error' },
  model_download_failed: { status: 502, type: 'api_error' },
  hub_unreachable: { status: 503, type: 'api_error' },
  context_length_exceeded: { status: 400, type: 'invalid_request_error' },
  content_blocked: { status: 400, type: 'invalid_request_error' },
  residency_denied: { status: 403, type: 'permission_error' },
  model_load_failed: { status: 503, type: 'api_error' },
  internal_error: { status: 500, type: 'api_error' },
} as const satisfies Record<string, { status: number; type: OpenAIErrorType }>;

/** A code from the table. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Which phase of an upstream call ran out of time, as undici names its timeouts. */
export type TimeoutPhase = 'connect' | 'first_byte' | 'idle' | 'total';

/** Optional details an error carries besides its code and message. */
export interface GatewayErrorOptions {
  /** The request field at fault, for validation errors (OpenAI's `param`). */
  readonly param?: string | null;
  /** Overrides the table's status, e.g. to relay an upstream's own 4xx. */
  readonly status?: number;
  /** The upstream's HTTP status, when the error came from one. */
  readonly upstreamStatus?: number;
  /** Whether trying again (here or on another deployment) may succeed. */
  readonly isRetryable?: boolean;
  /** Whether the failure counts against the deployment's health (circuit breaker). */
  readonly isDeploymentFault?: boolean;
  /** How long the upstream asked us to wait, from its `Retry-After`. */
  readonly retryAfterMs?: number;
  /** The phase of a timeout. */
  readonly phase?: TimeoutPhase;
  /** Response headers the error carries, such as `x-ratelimit-*` on a 429. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/** The one error class: a code from the table plus a message that names the thing at fault. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly upstreamStatus: number | undefined;
  readonly isRetryable: boolean;
  readonly isDeploymentFault: boolean;
  readonly retryAfterMs: number | undefined;
  readonly phase: TimeoutPhase | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.type = ERROR_CODES[code].type;
    this.param = options.param ?? null;
    this.upstreamStatus = options.upstreamStatus;
    this.isRetryable = options.isRetryable ?? false;
    this.isDeploymentFault = options.isDeploymentFault ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.phase = options.phase;
    this.headers = options.headers;
  }

  /** The body OpenAI clients expect: `{"error": {message, type, param, code}}`. */
  toJSON(): { error: { message: string; type: OpenAIErrorType; param: string | null; code: ErrorCode } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** Normalises anything thrown into a GatewayError; unknown errors become `internal_error`. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError('internal_error', `internal error: ${message}`, { cause: error });
}

/** True for a GatewayError with the given code. */
export function isGatewayError(error: unknown, code?: ErrorCode): error is GatewayError {
  return error instanceof GatewayError && (code === undefined || error.code === code);
}
