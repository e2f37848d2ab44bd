/**
 * A recording mock of an OpenAI-compatible model server (answers like vLLM), for tests. Each request
 * takes the next scripted behaviour (or the default): answer, fail with a status, stall, or reset.
 * It records every request body and whether the client went away before the answer finished.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the mock does with one request. */
export type Behaviour =
  | {
      readonly kind: 'answer';
      readonly content?: string;
      readonly reasoning?: string;
      /** Pieces the streamed reasoning is cut into (default 1). */
      readonly reasoningChunks?: number;
      /** The field reasoning is sent in (default vLLM's `reasoning_content`). */
      readonly reasoningField?: 'reasoning_content' | 'reasoning';
      readonly toolCall?: { name: string; arguments: string };
      readonly chunks?: number;
      readonly extraFields?: Record<string, unknown>;
    }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
    }
  /** Answers 200 with exactly this JSON text. */
  | { readonly kind: 'raw'; readonly body: string }
  | { readonly kind: 'stall' }
  | { readonly kind: 'reset-mid-stream'; readonly afterChunks: number }
  | { readonly kind: 'stall-mid-stream'; readonly afterChunks: number }
  | { readonly kind: 'error-mid-stream'; readonly afterChunks: number; readonly message: string };

/** One request the mock received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown> | undefined;
  /** The body as it arrived. */
  readonly text: string;
  /** True once the client closed the connection before the mock finished answering. */
  aborted: boolean;
}

/** A running mock upstream. */
export interface MockUpstream {
  /** Base URL including /v1, for a deployment's base_url. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Behaviours for the next requests, consumed in order; then `fallback`. */
  readonly script: Behaviour[];
  fallback: Behaviour;
  /** Resolves when a request has been aborted by the client. */
  waitForAbort(): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/** Starts a mock on a free loopback port; `name` appears in its answers so tests can tell mocks apart. */
export async function startMockUpstream(name = 'mock'): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  const script: Behaviour[] = [];
  const sockets = new Set<Socket>();
  const abortWaiters: ((request: RecordedRequest) => void)[] = [];
  const mock: MockUpstream = {
    baseUrl: '',
    requests,
    script,
    fallback: { kind: 'answer' },
    waitForAbort: () => new Promise((resolve) => abortWaiters.push(resolve)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        headers: request.headers,
        body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
        text,
        aborted: false,
      };
      requests.push(recorded);
      response.once('close', () => {
        if (!response.writableFinished) {
          recorded.aborted = true;
          for (const resolve of abortWaiters.splice(0)) resolve(recorded);
        }
      });
      respond(name, recorded, script.shift() ?? mock.fallback, response);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(mock, { baseUrl: `http://127.0.0.1:${port}/v1` });
}

function respond(
  name: string,
  request: RecordedRequest,
  behaviour: Behaviour,
  response: ServerResponse,
): void {
  if (request.path.endsWith('/models'))
    return json(response, 200, { object: 'list', data: [{ id: 'served', object: 'model' }] });
  switch (behaviour.kind) {
    case 'status':
      return json(
        response,
        behaviour.status,
        behaviour.body ?? { error: { message: `mock ${name} failed`, type: 'server_error' } },
        behaviour.headers,
      );
    case 'raw':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(behaviour.body);
      return;
    case 'stall':
      return;
    case 'answer':
    case 'reset-mid-stream':
    case 'stall-mid-stream':
    case 'error-mid-stream':
      return answer(name, request, behaviour, response);
  }
}

function answer(
  name: string,
  request: RecordedRequest,
  behaviour: Behaviour,
  response: ServerResponse,
): void {
  const body = request.body ?? {};
  const answerBehaviour = behaviour.kind === 'answer' ? behaviour : { kind: 'answer' as const };
  if (request.path.endsWith('/embeddings')) return embeddings(body, response);
  const isCompletion = request.path.endsWith('/completions') && !request.path.endsWith('/chat/completions');
  const content = answerBehaviour.content ?? `Hello from ${name}`;
  if (body.stream === true)
    return stream(name, body, behaviour, answerBehaviour, isCompletion, content, response);
  const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };
  if (isCompletion) {
    return json(response, 200, {
      id: `cmpl-${name}`,
      object: 'text_completion',
      created: 1_700_000_000,
      model: body.model,
      choices: [{ index: 0, text: content, logprobs: null, finish_reason: 'stop' }],
      usage,
    });
  }
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answerBehaviour.toolCall ? null : content,
  };
  if (answerBehaviour.reasoning)
    message[answerBehaviour.reasoningField ?? 'reasoning_content'] = answerBehaviour.reasoning;
  if (answerBehaviour.toolCall) {
    message.tool_calls = [{ id: 'call_1', type: 'function', function: answerBehaviour.toolCall }];
  }
  json(response, 200, {
    id: `chatcmpl-${name}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: answerBehaviour.toolCall ? 'tool_calls' : 'stop',
        stop_reason: null,
      },
    ],
    usage,
    ...answerBehaviour.extraFields,
  });
}

function stream(
  name: string,
  body: Record<string, unknown>,
  behaviour: Behaviour,
  answerBehaviour: Extract<Behaviour, { kind: 'answer' }>,
  isCompletion: boolean,
  content: string,
  response: ServerResponse,
): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const base = {
    id: `chatcmpl-${name}`,
    object: isCompletion ? 'text_completion' : 'chat.completion.chunk',
    created: 1_700_000_000,
    model: body.model,
  };
  const events: unknown[] = [];
  const choice = (delta: Record<string, unknown>, finish: string | null = null) =>
    isCompletion
      ? { index: 0, text: delta.content ?? '', logprobs: null, finish_reason: finish }
      : { index: 0, delta, logprobs: null, finish_reason: finish };
  if (!isCompletion) events.push({ ...base, choices: [choice({ role: 'assistant', content: '' })] });
  if (answerBehaviour.reasoning) {
    const { reasoning, reasoningField = 'reasoning_content' } = answerBehaviour;
    const size = Math.ceil(reasoning.length / (answerBehaviour.reasoningChunks ?? 1));
    for (let index = 0; index < reasoning.length; index += size)
      events.push({ ...base, choices: [choice({ [reasoningField]: reasoning.slice(index, index + size) })] });
  }
  if (answerBehaviour.toolCall) {
    const { name: toolName, arguments: args } = answerBehaviour.toolCall;
    const half = Math.floor(args.length / 2);
    events.push({
      ...base,
      choices: [
        choice({
          tool_calls: [
            { index: 0, id: 'call_1', type: 'function', function: { name: toolName, arguments: '' } },
          ],
        }),
      ],
    });
    events.push({
      ...base,
      choices: [choice({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] })],
    });
    events.push({
      ...base,
      choices: [choice({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] })],
    });
  } else {
    const pieces = answerBehaviour.chunks ?? 3;
    const size = Math.ceil(content.length / pieces);
    for (let index = 0; index < content.length; index += size) {
      events.push({ ...base, choices: [choice({ content: content.slice(index, index + size) })] });
    }
  }
  events.push({ ...base, choices: [choice({}, answerBehaviour.toolCall ? 'tool_calls' : 'stop')] });
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage)
    events.push({
      ...base,
      choices: [],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });

  const cut = 'afterChunks' in behaviour ? behaviour.afterChunks : Infinity;
  for (const [index, event] of events.entries()) {
    if (index === cut) return interrupt(behaviour, response);
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  response.end('data: [DONE]\n\n');
}

function interrupt(behaviour: Behaviour, response: ServerResponse): void {
  if (behaviour.kind === 'reset-mid-stream') {
    // Reset only once the chunks already written have reached the gateway, or it would see no first byte.
    response.write('', () => setTimeout(() => response.socket?.resetAndDestroy(), 50));
  }
  if (behaviour.kind === 'error-mid-stream') {
    response.end(
      `data: ${JSON.stringify({ error: { message: behaviour.message, type: 'server_error', code: 500 } })}\n\n`,
    );
  }
  // stall-mid-stream: leave the response open and silent.
}

function embeddings(body: Record<string, unknown>, response: ServerResponse): void {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  json(response, 200, {
    object: 'list',
    model: body.model,
    data: inputs.map((_input, index) => ({
      object: 'embedding',
      index,
      embedding: [0.1 * (index + 1), 0.2, 0.3],
    })),
    usage: { prompt_tokens: 4 * inputs.length, total_tokens: 4 * inputs.length },
  });
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
