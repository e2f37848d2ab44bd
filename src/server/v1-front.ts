/**
 * The /v1 API on node:http directly, in front of Fastify: a request for one of its routes is answered here,
 * anything else (admin, metrics, probes, unknown paths) goes on to Fastify. The hot path pays no framework
 * lifecycle (routing tree, request and reply objects, hook chains, a child logger): about 6 µs of the ~50 µs of
 * CPU a proxied request costs this process (docs/architecture.md, "The /v1 front"). What Fastify did for these routes is done here —
 * request ids, the key check before the body is read, the body limit, the 503 while closing, OpenAI errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { Authenticator, Principal } from './auth.ts';
import { errorResponse, readJsonBody, requestIdOf, writeJson, type Exchange } from './exchange.ts';

/** A /v1 route: answers the exchange (through `sendJson` or a stream), or throws. */
export type V1Route = (exchange: Exchange) => Promise<void>;

/** The routes by method and path; a path ending in `/*` matches any remainder (its `wildcard`). */
export type V1Routes = Readonly<Record<string, V1Route>>;

/** What the front needs. */
export interface V1FrontOptions {
  readonly routes: V1Routes;
  readonly authenticator: Authenticator;
  readonly bodyLimit: number;
  readonly logger: Logger;
}

/** The front: `handle` answers a request and returns true, or returns false for Fastify to answer it. */
export interface V1Front {
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** From now on requests are refused with 503 and connections are not kept alive (the server is draining). */
  close(): void;
  /** True once `close` was called. */
  readonly closing: boolean;
}

/** The message of the 503 every request gets while the gateway drains. */
export const SHUTTING_DOWN = 'the gateway is shutting down: retry on another replica';

/** Builds the front over its routes. */
export function createV1Front(options: V1FrontOptions): V1Front {
  const { authenticator, bodyLimit, logger } = options;
  const exact = new Map<string, V1Route>();
  const prefixed: { prefix: string; route: V1Route }[] = [];
  for (const [key, route] of Object.entries(options.routes)) {
    if (key.endsWith('/*')) prefixed.push({ prefix: key.slice(0, -1), route });
    else exact.set(key, route);
  }
  let closing = false;
  const load = { requests: 0 };

  function find(method: string, path: string): { route: V1Route; wildcard: string } | undefined {
    // HEAD is answered as GET, without a body (node:http drops it), as Fastify's exposed HEAD routes did.
    const key = `${method === 'HEAD' ? 'GET' : method} ${path}`;
    const route = exact.get(key);
    if (route !== undefined) return { route, wildcard: '' };
    for (const candidate of prefixed) {
      if (key.startsWith(candidate.prefix) && key.length > candidate.prefix.length)
        return { route: candidate.route, wildcard: decodePath(key.slice(candidate.prefix.length)) };
    }
    return undefined;
  }

  function fail(request: IncomingMessage, response: ServerResponse, id: string, thrown: unknown): void {
    const error = toGatewayError(thrown);
    if (error.status >= 500) logger.error({ reqId: id, err: thrown, code: error.code }, error.message);
    else logger.debug({ reqId: id, code: error.code }, error.message);
    const { headers, text } = errorResponse(error);
    // A body refused unread is left on the socket: the connection cannot carry another request.
    if (error.code === 'request_too_large' || closing) headers.connection = 'close';
    writeJson(response, id, error.status, headers, text);
    if (error.code === 'request_too_large') request.resume();
  }

  async function serve(
    request: IncomingMessage,
    response: ServerResponse,
    found: { route: V1Route; wildcard: string },
    id: string,
    startedAt: number,
  ): Promise<void> {
    if (closing) throw new GatewayError('shutting_down', SHUTTING_DOWN);
    load.requests++;
    try {
      const identified = authenticator.identify(request);
      const principal: Principal = identified instanceof Promise ? await identified : identified;
      const body = request.method === 'POST' ? await readJsonBody(request, bodyLimit) : undefined;
      if (closing) response.shouldKeepAlive = false;
      const { wildcard } = found;
      await found.route({ request, response, id, startedAt, principal, body, wildcard, load });
    } finally {
      load.requests--;
    }
  }

  return {
    handle(request, response) {
      const url = request.url ?? '/';
      if (!url.startsWith('/v1/')) return false;
      const query = url.indexOf('?');
      const found = find(request.method ?? 'GET', query === -1 ? url : url.slice(0, query));
      if (found === undefined) return false;
      const startedAt = performance.now();
      const id = requestIdOf(request);
      serve(request, response, found, id, startedAt).catch((error: unknown) =>
        fail(request, response, id, error),
      );
      return true;
    },
    close() {
      closing = true;
    },
    get closing() {
      return closing;
    },
  };
}

/** A path segment as the client meant it (`%2F` in a model id is a slash); left as sent when malformed. */
function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
