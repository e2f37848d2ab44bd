/**
 * Upstream failures → GatewayErrors: HTTP statuses, undici and socket errors, timeouts by phase, and error
 * objects sent mid-stream. Each error says whether another attempt may succeed and whose fault it was.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { OpenAICompatibleDeploymentConfig } from '../../config/schema.ts';
import { GatewayError } from '../../errors.ts';
import type { CancelSignal } from '../../client-signal.ts';
import type { DeadlinePhase } from './call-deadline.ts';

/** At most this much of an error body is read; the rest is discarded with the connection. */
export const ERROR_BODY_LIMIT = 64 * 1024;

const MESSAGE_LIMIT = 1_000;

/** Where a transport failure happened: before the headers, reading a JSON body, or inside a stream. */
export type FailureStage = 'request' | 'body' | 'stream';

/** What `transportError` needs to tell a client abort from a timeout from a network failure. */
export interface CallState {
  /** The caller's signal (client disconnect). */
  readonly client: CancelSignal;
  /** The timeout that ended the call, if one did. */
  readonly expired: DeadlinePhase | undefined;
  /** The total timeout, in milliseconds. */
  readonly deadlineMs: number;
}

/** Maps a non-2xx upstream response (status, headers, bounded body text) to a GatewayError. */
export function statusError(
  deployment: string,
  status: number,
  headers: IncomingHttpHeaders,
  body: string,
): GatewayError {
  const message = `deployment '${deployment}' returned ${status}: ${upstreamMessage(body)}`;
  const upstreamStatus = status;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers);
    return new GatewayError('upstream_rate_limited', message, {
      upstreamStatus,
      isRetryable: true,
      retryAfterMs,
    });
  }
  // 401/403 mean a misconfigured key and 404 a model this deployment does not serve: another may succeed.
  if (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 404 && status !== 408) {
    return new GatewayError('upstream_rejected', message, { status, upstreamStatus });
  }
  return new GatewayError('upstream_error', message, {
    upstreamStatus,
    isRetryable: true,
    isDeploymentFault: true,
  });
}

/** Maps an error thrown by undici or the socket (or an abort) to a GatewayError. */
export function transportError(
  deployment: OpenAICompatibleDeploymentConfig,
  error: unknown,
  call: CallState,
  stage: FailureStage,
): GatewayError {
  if (error instanceof GatewayError) return error;
  const name = deployment.name;
  if (call.client.aborted) {
    const reason: unknown = call.client.reason;
    if (reason instanceof GatewayError) return reason;
    return new GatewayError('client_closed', `client closed the request to deployment '${name}'`, {
      cause: error,
    });
  }
  const timeouts = deployment.timeouts;
  switch (call.expired ?? undiciTimeout(error)) {
    case 'total': {
      const message = `deployment '${name}' did not finish within the total timeout of ${call.deadlineMs} ms`;
      return new GatewayError('upstream_timeout', message, { phase: 'total', cause: error });
    }
    case 'connect':
      return timeoutError(
        `deployment '${name}' did not accept a connection within ${timeouts.connect_ms} ms`,
        'connect',
        error,
      );
    case 'first_byte':
      return timeoutError(
        `deployment '${name}' sent no response headers within ${timeouts.first_byte_ms} ms`,
        'first_byte',
        error,
      );
    case 'idle':
      return timeoutError(`deployment '${name}' sent nothing for ${timeouts.idle_ms} ms`, 'idle', error);
    case undefined:
      return networkError(name, error, stage);
  }
}

/** Timeouts undici raises itself: connecting (and, from a dispatcher that times them, the rest). */
const UNDICI_TIMEOUTS: ReadonlyMap<string, 'connect' | 'first_byte' | 'idle'> = new Map([
  ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
  ['UND_ERR_HEADERS_TIMEOUT', 'first_byte'],
  ['UND_ERR_BODY_TIMEOUT', 'idle'],
]);

function undiciTimeout(error: unknown): 'connect' | 'first_byte' | 'idle' | undefined {
  const code = errorCode(error);
  return code === undefined ? undefined : UNDICI_TIMEOUTS.get(code);
}

/** Maps an error object an upstream sent inside a stream (`data: {"error": …}`) to a GatewayError. */
export function streamPayloadError(deployment: string, payload: unknown): GatewayError {
  const message = `deployment '${deployment}' sent an error mid-stream: ${messageOf(payload) ?? 'unknown error'}`;
  const code =
    typeof payload === 'object' && payload !== null ? Number((payload as { code?: unknown }).code) : NaN;
  // vLLM reports request validation failures (e.g. context too long) this way once the stream has begun.
  if (code >= 400 && code < 500 && code !== 429)
    return new GatewayError('upstream_rejected', message, { status: code });
  return new GatewayError('upstream_error', message, { isDeploymentFault: true });
}

/** A 2xx response whose body is not what the API promises. */
export function invalidResponseError(deployment: string, detail: string, cause?: unknown): GatewayError {
  return new GatewayError(
    'upstream_error',
    `deployment '${deployment}' returned an invalid response: ${detail}`,
    {
      isRetryable: true,
      isDeploymentFault: true,
      cause,
    },
  );
}

/** Reads at most ERROR_BODY_LIMIT bytes of an error body as text; a failing body yields what arrived. */
export async function readErrorBody(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const room = ERROR_BODY_LIMIT - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      // Leaving the loop destroys the body: the rest of an oversized error is not worth reading.
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // The status already tells what happened; a broken error body only loses the detail.
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The wait an upstream asked for: `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const milliseconds = Number(headerValue(headers['retry-after-ms']) ?? NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.round(milliseconds);
  const value = headerValue(headers['retry-after']);
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The human part of an error body: `error.message`, `message`, `detail`, or the text itself. */
export function upstreamMessage(body: string): string {
  const text = body.trim();
  if (text === '') return 'empty response body';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return truncate(text);
  }
  return truncate(messageOf(parsed) ?? text);
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const error = record.error;
  if (error !== undefined && error !== null) return messageOf(error) ?? JSON.stringify(error);
  for (const key of ['message', 'detail'] as const) {
    const field = record[key];
    if (typeof field === 'string') return field;
    // FastAPI-style validation details are arrays of objects.
    if (field !== undefined && field !== null) return JSON.stringify(field);
  }
  return undefined;
}

function timeoutError(
  message: string,
  phase: 'connect' | 'first_byte' | 'idle',
  cause: unknown,
): GatewayError {
  return new GatewayError('upstream_timeout', message, {
    phase,
    isRetryable: true,
    isDeploymentFault: true,
    cause,
  });
}

function networkError(name: string, error: unknown, stage: FailureStage): GatewayError {
  const cause = causeText(error);
  switch (stage) {
    case 'request':
      return new GatewayError('upstream_error', `deployment '${name}' unreachable: ${cause}`, {
        isRetryable: true,
        isDeploymentFault: true,
        cause: error,
      });
    case 'body':
      return new GatewayError('upstream_error', `deployment '${name}' broke off its response: ${cause}`, {
        isRetryable: true,
        isDeploymentFault: true,
        cause: error,
      });
    case 'stream':
      return new GatewayError('stream_interrupted', `deployment '${name}' stream interrupted: ${cause}`, {
        isDeploymentFault: true,
        cause: error,
      });
  }
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's happy-eyeballs connect fails with an AggregateError whose own message is empty.
  if (error.message === '' && error instanceof AggregateError) {
    return error.errors.map((inner: unknown) => causeText(inner)).join('; ');
  }
  return error.message === '' ? (errorCode(error) ?? error.name) : error.message;
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === '' ? undefined : text;
}

function truncate(text: string): string {
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT)}…` : text;
}
