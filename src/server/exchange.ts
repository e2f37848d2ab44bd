/**
 * One /v1 request on node:http, as the API routes see it: the raw request and response, the request's id,
 * arrival time and caller, and the helpers that read its body and write its answer.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import secureJson from 'secure-json-parse';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { Principal } from './auth.ts';
import { newRequestId } from './request-id.ts';
import { pushResultHeaders } from './result-headers.ts';
import type { GatewayResult } from '../gateway/gateway.ts';

/** A request being answered; `body` is its parsed JSON (undefined when it came without one). */
export interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly id: string;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  readonly principal: Principal;
  readonly body: unknown;
  /** The path's remainder after a route's `*` (a model id, which may contain slashes). */
  readonly wildcard: string;
  /** How busy the front is now. */
  readonly load: FrontLoad;
}

/** What the /v1 front is doing now, across all its requests. */
export interface FrontLoad {
  /** Requests being answered, this one included: from arrival until the route is done with them. */
  readonly requests: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request's id: the client's `x-request-id` when it is well-formed, else a new UUID. */
export function requestIdOf(request: { readonly headers: IncomingHttpHeaders }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId();
}

/**
 * Reads the body as Fastify's own parser does — raw buffers, decoded once, refused past `limit` bytes (by
 * its content-length first) — and resolves it parsed, or undefined when the request has none. Bodies are
 * JSON whatever the content type says: `curl -d` sends form-urlencoded, and OpenAI clients always mean JSON.
 */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = request.headers['content-length'];
  if (request.headers['transfer-encoding'] === undefined && (declared === undefined || declared === '0'))
    return Promise.resolve(undefined);
  const length = Number(declared);
  if (length > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        detach();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    // Not detached at the end: the stream emits nothing after it but an error, which these listeners ignore
    // once settled (and without any listener, an error would be thrown). Three removeListener calls less.
    const onEnd = (): void => {
      if (!Number.isNaN(length) && received !== length) {
        reject(new GatewayError('invalid_request', 'request body size did not match content-length'));
        return;
      }
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      // The listeners stay on the request: they must not keep its bytes for as long as it is answered.
      chunks.length = 0;
      try {
        resolve(parseJson(text));
      } catch (error) {
        reject(toGatewayError(error));
      }
    };
    const onError = (error: Error): void => {
      detach();
      reject(new GatewayError('invalid_request', `reading the request body failed: ${error.message}`));
    };
    const detach = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError('request_too_large', `request body too large: it exceeds ${limit} bytes`);
}

/**
 * JSON.parse, then one scan of the text for a `__proto__` key (escaped or not) before any object walk
 * (secure-json-parse, Fastify's own parser): no API field has that name, and copying unknown fields through
 * to the upstream would set a prototype instead of passing it on, so it would be silently lost.
 */
export function parseJson(text: string): unknown {
  try {
    return secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'ignore' });
  } catch {
    throw parseFailure(text);
  }
}

/** Why a body failed to parse: not JSON, or (valid JSON) a `__proto__` key. Only on the error path. */
function parseFailure(text: string): GatewayError {
  try {
    JSON.parse(text);
  } catch (error) {
    return new GatewayError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
  return new GatewayError(
    'invalid_request',
    "request body has a '__proto__' key, which no API field is named",
    {
      param: '__proto__',
    },
  );
}

/** Answers with JSON `text`, and the headers of the gateway's `result` when it has one. */
export function sendJson(exchange: Exchange, text: string, result?: GatewayResult<unknown>): void {
  const response = exchange.response;
  if (response.headersSent || response.destroyed) return;
  const all: OutgoingHttpHeader[] = ['x-request-id', exchange.id];
  if (result !== undefined) pushResultHeaders(all, result);
  endJson(response, 200, all, text);
}

/** Writes a whole JSON answer with its request id, unless an answer has already begun. */
export function writeJson(
  response: ServerResponse,
  id: string,
  status: number,
  headers: Readonly<Record<string, string>>,
  text: string,
): void {
  if (response.headersSent || response.destroyed) return;
  const all: OutgoingHttpHeader[] = ['x-request-id', id];
  for (const name in headers) all.push(name, headers[name]!);
  endJson(response, status, all, text);
}

/**
 * Ends `response` with JSON `text` after `headers`, a flat name/value list, which writeHead takes as it is: an
 * object would be built key by key and walked again by Node (0.4–0.8 µs more for an answer with rate-limit
 * headers). The list never names the two added here, so no name is sent twice.
 */
function endJson(
  response: ServerResponse,
  status: number,
  headers: OutgoingHttpHeader[],
  text: string,
): void {
  headers.push('content-type', JSON_TYPE, 'content-length', Buffer.byteLength(text));
  response.writeHead(status, headers);
  response.end(text);
}

/** The OpenAI error JSON for `error`, with Retry-After where it applies and the error's own headers. */
export function errorResponse(error: GatewayError): { headers: Record<string, string>; text: string } {
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503))
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  if (error.headers !== undefined) for (const name in error.headers) headers[name] = error.headers[name]!;
  return { headers, text: JSON.stringify(error.toJSON()) };
}
