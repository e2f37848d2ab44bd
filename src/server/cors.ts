/**
 * Cross-origin calls from browsers (`server.cors`): a web app on another origin may call the API with its key.
 * The headers are the `cors` package's; this file decides its options and where it runs — in the HTTP
 * server's listener, before the /v1 front and Fastify, so a preflight is answered the same way on every path
 * and never needs a key (browsers send none with it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import type { ServerConfig } from '../config/schema.ts';
import { requestIdOf } from './exchange.ts';

/** Answers a preflight and returns true; otherwise adds the response's CORS headers and returns false. */
export type CorsHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Headers a browser script may read from a response: the request id, what the gateway did (deployment,
 * guardrails) and the limits a client backs off by. Browsers hide every other non-standard header.
 */
const EXPOSED_HEADERS = [
  'x-request-id',
  'x-daulat-deployment',
  'x-daulat-guard',
  'retry-after',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
];

/** The methods the API and the admin routes answer. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The handler for `config`, or undefined when no origin is allowed (the default: no CORS headers at all). */
export function createCors(config: ServerConfig['cors']): CorsHandler | undefined {
  if (config === undefined) return undefined;
  const middleware = cors({
    origin: config.origins.includes('*') ? '*' : config.origins.map(originMatcher),
    methods: METHODS,
    // Unset: the headers a preflight asks for are allowed (authorization, content-type, x-daulat-data-class …).
    allowedHeaders: undefined,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: config.max_age_seconds,
    optionsSuccessStatus: 204,
  });
  return (request, response) => {
    // Only a browser's cross-origin request carries Origin; any other request pays nothing here.
    if (request.headers.origin === undefined) return false;
    // A preflight is answered here, before any route: it carries its own request id like every response.
    if (request.method === 'OPTIONS') response.setHeader('x-request-id', requestIdOf(request));
    let passed = false;
    // With fixed options the middleware calls `next` before it returns, or answers the preflight itself.
    middleware(request, response, () => {
      passed = true;
    });
    return !passed;
  };
}

/** An exact origin as it is, `https://*.example.com` as a pattern for one or more subdomain labels. */
function originMatcher(origin: string): string | RegExp {
  const star = origin.indexOf('://*.');
  if (star === -1) return origin.toLowerCase();
  const scheme = origin.slice(0, star);
  const rest = origin.slice(star + '://*.'.length).replace(/[.]/g, '\\.');
  return new RegExp(`^${scheme}://[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${rest}$`, 'i');
}
