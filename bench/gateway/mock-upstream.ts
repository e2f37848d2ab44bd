/**
 * A minimal OpenAI-compatible upstream for the gateway bench, run as its own process (compiled by
 * compile.ts): `node .bench-tmp/servers/mock-upstream.js [port]`. Answers POST /v1/chat/completions with a
 * fixed completion, or with 32 SSE events written back-to-back when `stream: true`, and GET /v1/models.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { announceReady } from './child-ready.ts';

const STREAM_EVENTS = 32;
const CREATED = 1_700_000_000;
const WORDS = ['Hello', ' from', ' the', ' mock', ' upstream', ',', ' benchmark', '!'];

interface ChatRequest {
  readonly model?: unknown;
  readonly stream?: unknown;
  readonly stream_options?: { readonly include_usage?: unknown };
}

function contentPieces(count: number): string[] {
  return Array.from({ length: count }, (_, index) => WORDS[index % WORDS.length] ?? '');
}

function usage(completionTokens: number): Record<string, number> {
  return { prompt_tokens: 12, completion_tokens: completionTokens, total_tokens: 12 + completionTokens };
}

function completionBody(model: string): Buffer {
  const pieces = contentPieces(STREAM_EVENTS - 3);
  const message = { role: 'assistant', content: pieces.join('') };
  return Buffer.from(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }],
      usage: usage(pieces.length),
    }),
  );
}

function event(model: string, choices: unknown[], extra: Record<string, unknown> = {}): string {
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices,
    ...extra,
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Role chunk, content deltas, finish chunk and (optionally) a usage chunk: always STREAM_EVENTS events. */
function streamEvents(model: string, includeUsage: boolean): string[] {
  const pieces = contentPieces(STREAM_EVENTS - 2 - (includeUsage ? 1 : 0));
  const choice = (delta: object, finish: string | null): object => ({
    index: 0,
    delta,
    finish_reason: finish,
  });
  const events = [event(model, [choice({ role: 'assistant', content: '' }, null)])];
  for (const piece of pieces) events.push(event(model, [choice({ content: piece }, null)]));
  events.push(event(model, [choice({}, 'stop')]));
  if (includeUsage) events.push(event(model, [], { usage: usage(pieces.length) }));
  return events;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: Buffer | string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function answerChat(response: ServerResponse, body: Buffer): void {
  let chat: ChatRequest;
  try {
    chat = JSON.parse(body.toString('utf8')) as ChatRequest;
  } catch {
    sendJson(response, 400, '{"error":{"message":"invalid JSON","type":"invalid_request_error"}}');
    return;
  }
  const model = typeof chat.model === 'string' ? chat.model : 'bench-model';
  if (chat.stream !== true) {
    sendJson(response, 200, completionBody(model));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const line of streamEvents(model, chat.stream_options?.include_usage === true)) response.write(line);
  response.end('data: [DONE]\n\n');
}

const models = JSON.stringify({
  object: 'list',
  data: [{ id: 'bench-model', object: 'model', created: CREATED, owned_by: 'bench' }],
});

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/v1/models') {
    sendJson(response, 200, models);
    return;
  }
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    sendJson(response, 404, '{"error":{"message":"not found","type":"invalid_request_error"}}');
    return;
  }
  readBody(request).then(
    (body) => answerChat(response, body),
    () => response.destroy(),
  );
});
// Longer than any client's idle timeout, so pooled proxies never race a server-side keep-alive close.
server.keepAliveTimeout = 120_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => announceReady(server));
