/**
 * The floor any Node gateway pays, run as its own process (compiled by compile.ts):
 * `node .bench-tmp/servers/minimal-proxy.js <upstream origin>`. Reads the body, JSON-parses it (a gateway
 * must, to route on `model`), forwards the bytes over a keep-alive undici Pool and streams the response back.
 * No auth, routing, guardrails or accounting.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { announceReady } from './child-ready.ts';

const upstream = process.argv[2];
if (upstream === undefined) throw new Error('usage: minimal-proxy.ts <upstream origin>');

const pool = new Pool(upstream, { connections: 256, keepAliveTimeout: 60_000 });
const PASSED_HEADERS = ['content-type', 'content-length', 'cache-control'];

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function responseHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const picked: Record<string, string | string[]> = {};
  for (const name of PASSED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const parsed = JSON.parse(body.toString('utf8')) as { model?: unknown };
  if (typeof parsed.model !== 'string') throw new Error('model is required');
  // Byte-for-byte: the parsed request is only inspected, never re-serialised.
  await pool.stream(
    { path: request.url ?? '/', method: 'POST', headers: { 'content-type': 'application/json' }, body },
    ({ statusCode, headers }) => {
      response.writeHead(statusCode, responseHeaders(headers));
      return response;
    },
  );
}

function fail(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  response.writeHead(502, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type: 'upstream_error' } }));
}

const server = createServer((request, response) => {
  forward(request, response).catch((error: unknown) => fail(response, error));
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => announceReady(server));
