import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { openAICompatibleDeploymentSchema } from '../../config/schema.ts';
import { GatewayError, isGatewayError } from '../../errors.ts';
import type { CallContext, ChatEvent, ChatRequest, Engine, ReadyAwareStream } from '../engine.ts';
import { createOpenAICompatibleEngine } from './factory.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, body: unknown) => void;

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

interface MockUpstream {
  readonly url: string;
  readonly requests: Recorded[];
  close(): Promise<void>;
}

/** A recording upstream on port 0; `handler` answers each request after its body was read. */
async function startUpstream(handler: Handler): Promise<MockUpstream> {
  const requests: Recorded[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

const engines: Engine[] = [];
const upstreams: MockUpstream[] = [];

after(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
  await Promise.all(upstreams.map((upstream) => upstream.close()));
});

async function setup(
  handler: Handler,
  options: { timeouts?: Record<string, number>; api_key?: string; headers?: Record<string, string> } = {},
): Promise<{ engine: Engine; upstream: MockUpstream }> {
  const upstream = await startUpstream(handler);
  upstreams.push(upstream);
  const engine = engineFor(upstream.url, options);
  return { engine, upstream };
}

function engineFor(baseUrl: string, options: object = {}): Engine {
  const deployment = openAICompatibleDeploymentSchema.parse({
    name: 'vllm-a',
    engine: 'openai-compatible',
    base_url: baseUrl,
    models: ['qwen3'],
    health_check: { timeout_ms: 500 },
    ...options,
  });
  const engine = createOpenAICompatibleEngine(deployment);
  engines.push(engine);
  return engine;
}

function context(signal: AbortSignal = new AbortController().signal): CallContext {
  return { signal, requestId: 'req-1', upstreamModel: 'Qwen/Qwen3-8B' };
}

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'qwen3',
    messages: [{ role: 'user', content: 'hi' }],
    stream: false,
    includeUsage: false,
    extra: {},
    ...overrides,
  };
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

function sse(response: ServerResponse, ...payloads: unknown[]): void {
  if (!response.headersSent) response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const payload of payloads) {
    response.write(typeof payload === 'string' ? payload : `data: ${JSON.stringify(payload)}\n\n`);
  }
}

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const result: ChatEvent[] = [];
  for await (const event of events) result.push(event);
  return result;
}

function lastError(events: ChatEvent[]): GatewayError {
  const last = events.at(-1);
  assert.ok(last?.type === 'error', `expected a final error event, got ${JSON.stringify(last)}`);
  return last.error;
}

const chunk = {
  id: 'chatcmpl-9',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'Qwen/Qwen3-8B',
};
const textChunk = (content: string) => ({
  ...chunk,
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const options = { timeout: 10_000 };

void describe('OpenAICompatibleEngine', () => {
  void it(
    'sends unknown request fields, auth and configured headers to the upstream untouched',
    options,
    async () => {
      const { engine, upstream } = await setup(
        (_request, response) => json(response, 200, { id: 'x', created: 1, choices: [] }),
        { api_key: 'sk-test', headers: { 'X-Tenant': 'acme' } },
      );
      const extra = {
        tools: [
          { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } },
        ],
        tool_choice: 'auto',
        response_format: { type: 'json_object' },
        chat_template_kwargs: { enable_thinking: false },
        logprobs: true,
        n: 1,
      };
      await engine.chat(chatRequest({ extra, temperature: 0.2 }), context());
      const recorded = upstream.requests[0];
      assert.ok(recorded);
      assert.equal(recorded.method, 'POST');
      assert.equal(recorded.url, '/v1/chat/completions');
      assert.equal(recorded.headers.authorization, 'Bearer sk-test');
      assert.equal(recorded.headers['x-tenant'], 'acme');
      assert.equal(recorded.headers['content-type'], 'application/json');
      assert.deepEqual(recorded.body, {
        ...extra,
        model: 'Qwen/Qwen3-8B',
        messages: [{ role: 'user', content: 'hi' }],
        stream: false,
        temperature: 0.2,
      });
    },
  );

  void it(
    'translates a non-streaming response with reasoning_content and unknown fields',
    options,
    async () => {
      const { engine } = await setup((_request, response) =>
        json(response, 200, {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1700000000,
          model: 'Qwen/Qwen3-8B',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hi!', reasoning_content: 'greet', refusal: null },
              logprobs: null,
              finish_reason: 'stop',
              stop_reason: null,
            },
          ],
          usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
          prompt_logprobs: null,
        }),
      );
      assert.deepEqual(await engine.chat(chatRequest(), context()), {
        id: 'chatcmpl-1',
        created: 1700000000,
        choices: [
          {
            index: 0,
            content: 'Hi!',
            reasoning: { text: 'greet', field: 'reasoning_content' },
            finishReason: { unified: 'stop', raw: 'stop' },
            messageExtra: { refusal: null },
            choiceExtra: { logprobs: null, stop_reason: null },
          },
        ],
        usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
        extra: { prompt_logprobs: null },
      });
    },
  );

  void it(
    'forces include_usage and translates a stream with reasoning and tool-call deltas',
    options,
    async () => {
      const { engine, upstream } = await setup((_request, response) => {
        sse(
          response,
          {
            ...chunk,
            choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
          },
          {
            ...chunk,
            choices: [{ index: 0, delta: { reasoning_content: 'need the weather' }, finish_reason: null }],
          },
          {
            ...chunk,
            choices: [
              {
                index: 0,
                delta: {
                  tool_calls: [
                    {
                      index: 0,
                      id: 'call_1',
                      type: 'function',
                      function: { name: 'weather', arguments: '' },
                    },
                  ],
                },
                finish_reason: null,
              },
            ],
          },
          {
            ...chunk,
            choices: [
              {
                index: 0,
                delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":"Jakarta"}' } }] },
              },
            ],
          },
          { ...chunk, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
          { ...chunk, choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } },
          'data: [DONE]\n\n',
        );
        response.end();
      });
      const stream = await engine.chatStream(
        chatRequest({ stream: true, extra: { stream_options: { continuous_usage_stats: false } } }),
        context(),
      );
      const events = await collect(stream);
      assert.deepEqual((upstream.requests[0]?.body as { stream_options: unknown }).stream_options, {
        continuous_usage_stats: false,
        include_usage: true,
      });
      assert.deepEqual(events, [
        { type: 'start', id: 'chatcmpl-9', created: 1700000000 },
        { type: 'text-delta', choice: 0, text: '' },
        { type: 'reasoning-delta', choice: 0, text: 'need the weather', field: 'reasoning_content' },
        { type: 'tool-call-delta', choice: 0, index: 0, id: 'call_1', name: 'weather', arguments: '' },
        { type: 'tool-call-delta', choice: 0, index: 0, arguments: '{"city":"Jakarta"}' },
        { type: 'finish', choice: 0, reason: { unified: 'tool-calls', raw: 'tool_calls' } },
        { type: 'usage', usage: { promptTokens: 5, completionTokens: 7, totalTokens: 12 } },
      ]);
    },
  );

  void it('streams legacy completions', options, async () => {
    const { engine, upstream } = await setup((_request, response) => {
      const head = { id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm' };
      sse(
        response,
        { ...head, choices: [{ index: 0, text: 'ab', finish_reason: 'length' }] },
        'data: [DONE]',
      );
      response.end();
    });
    const stream = await engine.completionStream(
      { model: 'qwen3', prompt: 'x', stream: true, includeUsage: false, extra: {} },
      context(),
    );
    assert.deepEqual(await collect(stream), [
      { type: 'start', id: 'cmpl-1', created: 1 },
      { type: 'text-delta', choice: 0, text: 'ab' },
      { type: 'finish', choice: 0, reason: { unified: 'length', raw: 'length' } },
    ]);
    assert.equal(upstream.requests[0]?.url, '/v1/completions');
  });

  void it('computes embeddings', options, async () => {
    const { engine, upstream } = await setup((_request, response) =>
      json(response, 200, {
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding: [1, 2] }],
        model: 'e',
      }),
    );
    const result = await engine.embed({ model: 'e', input: ['a'], dimensions: 2, extra: {} }, context());
    assert.deepEqual(result, { data: [{ index: 0, embedding: [1, 2] }] });
    assert.deepEqual(upstream.requests[0]?.body, { model: 'Qwen/Qwen3-8B', input: ['a'], dimensions: 2 });
  });

  void it('maps an upstream 500 to a retryable upstream_error naming the deployment', options, async () => {
    const { engine } = await setup((_request, response) =>
      json(response, 500, { error: { message: 'CUDA out of memory' } }),
    );
    await assert.rejects(engine.chat(chatRequest(), context()), (error: unknown) => {
      assert.ok(isGatewayError(error, 'upstream_error'));
      assert.equal(error.message, "deployment 'vllm-a' returned 500: CUDA out of memory");
      assert.equal(error.upstreamStatus, 500);
      assert.equal(error.isRetryable, true);
      assert.equal(error.isDeploymentFault, true);
      return true;
    });
  });

  void it(
    'maps 429 with Retry-After to upstream_rate_limited, also before a stream starts',
    options,
    async () => {
      const { engine } = await setup((_request, response) =>
        json(response, 429, { error: { message: 'slow down' } }, { 'retry-after': '2' }),
      );
      await assert.rejects(engine.chatStream(chatRequest({ stream: true }), context()), (error: unknown) => {
        assert.ok(isGatewayError(error, 'upstream_rate_limited'));
        assert.equal(error.retryAfterMs, 2000);
        assert.equal(error.isRetryable, true);
        assert.equal(error.isDeploymentFault, false);
        return true;
      });
    },
  );

  void it("relays a 400 as upstream_rejected with the upstream's message", options, async () => {
    const { engine } = await setup((_request, response) =>
      json(response, 400, {
        object: 'error',
        message: 'max_tokens is too large',
        type: 'BadRequestError',
        code: 400,
      }),
    );
    await assert.rejects(engine.chat(chatRequest(), context()), (error: unknown) => {
      assert.ok(isGatewayError(error, 'upstream_rejected'));
      assert.equal(error.status, 400);
      assert.equal(error.isRetryable, false);
      assert.equal(error.message, "deployment 'vllm-a' returned 400: max_tokens is too large");
      return true;
    });
  });

  void it('rejects a 2xx body that is not JSON as a retryable upstream_error', options, async () => {
    const { engine } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy</html>');
    });
    await assert.rejects(engine.chat(chatRequest(), context()), (error: unknown) => {
      assert.ok(isGatewayError(error, 'upstream_error'));
      assert.equal(error.isRetryable, true);
      assert.equal(error.isDeploymentFault, true);
      return true;
    });
  });

  void it('reports a refused connection as a retryable unreachable deployment', options, async () => {
    const closed = await startUpstream(() => {});
    await closed.close();
    const engine = engineFor(closed.url);
    await assert.rejects(engine.chat(chatRequest(), context()), (error: unknown) => {
      assert.ok(isGatewayError(error, 'upstream_error'));
      assert.match(error.message, /^deployment 'vllm-a' unreachable: .*ECONNREFUSED/);
      assert.equal(error.isRetryable, true);
      assert.equal(error.isDeploymentFault, true);
      return true;
    });
  });

  void it('times out a stall before the first byte with phase first_byte', options, async () => {
    const { engine } = await setup(() => {}, { timeouts: { first_byte_ms: 100 } });
    await assert.rejects(engine.chatStream(chatRequest({ stream: true }), context()), (error: unknown) => {
      assert.ok(isGatewayError(error, 'upstream_timeout'));
      assert.equal(error.phase, 'first_byte');
      assert.equal(error.isRetryable, true);
      return true;
    });
  });

  void it('times out the whole call with phase total, not retryable', options, async () => {
    const { engine } = await setup(() => {}, { timeouts: { total_ms: 100 } });
    await assert.rejects(engine.chat(chatRequest(), context()), (error: unknown) => {
      assert.ok(isGatewayError(error, 'upstream_timeout'));
      assert.equal(error.phase, 'total');
      assert.equal(error.isRetryable, false);
      return true;
    });
  });

  void it('reports a client abort as client_closed', options, async () => {
    const { engine, upstream } = await setup(() => {});
    const controller = new AbortController();
    const pending = engine.chat(chatRequest(), context(controller.signal));
    while (upstream.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(
      pending,
      (error: unknown) => isGatewayError(error, 'client_closed') && !error.isRetryable,
    );
  });

  void it(
    'ends with stream_interrupted when the upstream resets the connection mid-stream',
    options,
    async () => {
      const { engine } = await setup((request, response) => {
        sse(response, textChunk('Hel'));
        setImmediate(() => request.socket.destroy());
      });
      const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
      assert.deepEqual(events.slice(0, 2), [
        { type: 'start', id: 'chatcmpl-9', created: 1700000000 },
        { type: 'text-delta', choice: 0, text: 'Hel' },
      ]);
      assert.equal(lastError(events).code, 'stream_interrupted');
    },
  );

  void it('ends with an idle upstream_timeout when the upstream stalls mid-stream', options, async () => {
    const { engine } = await setup((_request, response) => sse(response, textChunk('Hel')), {
      timeouts: { idle_ms: 100 },
    });
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    const error = lastError(events);
    assert.equal(error.code, 'upstream_timeout');
    assert.equal(error.phase, 'idle');
  });

  void it('ends with a total upstream_timeout when the budget runs out mid-stream', options, async () => {
    // Long enough that a loaded machine still connects and gets the first chunk within the budget.
    const { engine } = await setup((_request, response) => sse(response, textChunk('Hel')), {
      timeouts: { idle_ms: 0, total_ms: 500 },
    });
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    const error = lastError(events);
    assert.equal(error.code, 'upstream_timeout');
    assert.equal(error.phase, 'total');
  });

  void it(
    'times out a JSON answer that stalls before its headers, or halfway through its body',
    options,
    async () => {
      const silent = await setup(() => {}, { timeouts: { first_byte_ms: 100 } });
      await assert.rejects(silent.engine.chat(chatRequest(), context()), (error: unknown) => {
        assert.ok(isGatewayError(error, 'upstream_timeout'));
        assert.equal(error.phase, 'first_byte');
        assert.equal(error.isRetryable, true);
        return true;
      });
      const halfway = await setup(
        (_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"id": "chatcmpl-9", "choices": [');
        },
        { timeouts: { idle_ms: 100 } },
      );
      await assert.rejects(halfway.engine.chat(chatRequest(), context()), (error: unknown) => {
        assert.ok(isGatewayError(error, 'upstream_timeout'));
        assert.equal(error.phase, 'idle');
        assert.match(error.message, /sent nothing for 100 ms/);
        return true;
      });
    },
  );

  void it('times idleness from the headers, however long the first-byte timeout is', options, async () => {
    // One timer serves every phase: armed while waiting for the first byte (60 s), it must still catch a
    // 100 ms gap after the headers, not a minute later (past this test's 10 s timeout).
    const { engine } = await setup((_request, response) => sse(response, textChunk('Hel')), {
      timeouts: { first_byte_ms: 60_000, idle_ms: 100, total_ms: 0 },
    });
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    assert.equal(lastError(events).phase, 'idle');
  });

  void it('ends a stream that keeps sending at its total timeout, not its idle one', options, async () => {
    const { engine } = await setup(
      (_request, response) => {
        sse(response);
        const timer = setInterval(() => sse(response, textChunk('.')), 20);
        response.once('close', () => clearInterval(timer));
      },
      { timeouts: { idle_ms: 150, total_ms: 500 } },
    );
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    assert.ok(events.filter((event) => event.type === 'text-delta').length > 3);
    assert.equal(lastError(events).phase, 'total');
  });

  void it('does not count a pause its own reader caused as the upstream being idle', options, async () => {
    const event = `data: ${JSON.stringify(textChunk('x'.repeat(1_000)))}\n\n`;
    const { engine } = await setup(
      (_request, response) => {
        sse(response);
        let written = 0;
        const pump = (): void => {
          while (written < 2_000) {
            written++;
            if (!response.write(event)) {
              response.once('drain', pump);
              return;
            }
          }
          response.end('data: [DONE]\n\n');
        };
        pump();
      },
      { timeouts: { idle_ms: 100 } },
    );
    const stream = (await engine.chatStream(chatRequest({ stream: true }), context()))[
      Symbol.asyncIterator
    ]();
    await stream.next();
    // The reader stops for three idle periods; the upstream, held back, sends nothing meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rest = await collect({ [Symbol.asyncIterator]: () => stream });
    assert.equal(rest.filter((item) => item.type === 'error').length, 0);
    assert.equal(rest.filter((item) => item.type === 'text-delta').length, 2_000);
  });

  void it(
    'ends with stream_interrupted when the body ends before the choices finished',
    options,
    async () => {
      const { engine } = await setup((_request, response) => {
        sse(response, textChunk('Hel'));
        response.end();
      });
      const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
      assert.equal(lastError(events).code, 'stream_interrupted');
    },
  );

  void it('ends cleanly without [DONE] when every choice finished', options, async () => {
    const { engine } = await setup((_request, response) => {
      sse(response, { ...chunk, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }] });
      response.end();
    });
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    assert.equal(events.at(-1)?.type, 'finish');
  });

  void it('turns an error object sent mid-stream into an error event', options, async () => {
    const { engine } = await setup((_request, response) => {
      sse(response, textChunk('a'), {
        error: { object: 'error', message: 'engine dead', type: 'InternalServerError', code: 500 },
      });
      sse(response, 'data: [DONE]\n\n');
      response.end();
    });
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    const error = lastError(events);
    assert.equal(error.code, 'upstream_error');
    assert.match(error.message, /engine dead/);
  });

  void it('turns invalid JSON in a data line into an error event', options, async () => {
    const { engine } = await setup((_request, response) => {
      sse(response, textChunk('a'), 'data: {"id": tru\n\n');
      response.end();
    });
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    assert.equal(lastError(events).code, 'upstream_error');
  });

  void it('translates a burst of events one at a time, as the consumer asks', options, async () => {
    const burst = ['a', 'b', 'c', 'd', 'e', 'f'].map(
      (text) => `data: ${JSON.stringify(textChunk(text))}\n\n`,
    );
    const { engine } = await setup((_request, response) => {
      // One write: the whole burst arrives in one read, as after a prefill or from a batching server.
      sse(response, burst.join(''));
      response.end('data: [DONE]\n\n');
    });
    const stream = (await engine.chatStream(chatRequest({ stream: true }), context()))[
      Symbol.asyncIterator
    ]();
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>): unknown => {
      parsed++;
      return parse(...args);
    };
    try {
      let first: ChatEvent | undefined;
      do first = (await stream.next()).value as ChatEvent | undefined;
      while (first !== undefined && first.type !== 'text-delta');
      assert.deepEqual(first, { type: 'text-delta', choice: 0, text: 'a' });
      // Only the first payload was parsed: the first token does not wait for the rest of the burst.
      assert.equal(parsed, 1);
    } finally {
      JSON.parse = parse;
    }
    const rest = await collect({ [Symbol.asyncIterator]: () => stream });
    assert.deepEqual(
      rest.filter((event) => event.type === 'text-delta').map((event) => event.text),
      ['b', 'c', 'd', 'e', 'f'],
    );
  });

  void it(
    'hands over events already in hand without waiting: through a burst yes, while the upstream is silent no',
    options,
    async () => {
      let resume!: () => void;
      const silent = new Promise<void>((resolve) => (resume = resolve));
      const { engine } = await setup((_request, response) => {
        sse(response, ['a', 'b', 'c'].map((text) => `data: ${JSON.stringify(textChunk(text))}\n\n`).join(''));
        void silent.then(() => {
          sse(response, textChunk('d'));
          response.end('data: [DONE]\n\n');
        });
      });
      const stream = (await engine.chatStream(chatRequest({ stream: true }), context()))[
        Symbol.asyncIterator
      ]() as AsyncIterator<ChatEvent> & ReadyAwareStream;
      let first: ChatEvent | undefined;
      do first = (await stream.next()).value as ChatEvent | undefined;
      while (first !== undefined && first.type !== 'text-delta');
      // b and c came in the same read as a; after c the upstream has sent nothing more.
      const inHand: (ChatEvent | undefined)[] = [stream.takeReady(), stream.takeReady(), stream.takeReady()];
      assert.deepEqual(inHand, [
        { type: 'text-delta', choice: 0, text: 'b' },
        { type: 'text-delta', choice: 0, text: 'c' },
        undefined,
      ]);
      resume();
      const rest = await collect({ [Symbol.asyncIterator]: () => stream });
      assert.deepEqual(
        rest.filter((event) => event.type === 'text-delta').map((event) => event.text),
        ['d'],
      );
      assert.equal(stream.takeReady(), undefined);
    },
  );

  void it(
    'stops reading the upstream while the consumer does not read (backpressure), then reads it all',
    options,
    async () => {
      const event = `data: ${JSON.stringify(textChunk('x'.repeat(1_000)))}\n\n`;
      let written = 0;
      let blocked = false;
      let finished!: Promise<unknown>;
      const { engine } = await setup((_request, response) => {
        finished = once(response, 'finish');
        sse(response);
        const pump = (): void => {
          while (written < 4_000) {
            written++;
            if (!response.write(event)) {
              blocked = true;
              response.once('drain', pump);
              return;
            }
          }
          response.end('data: [DONE]\n\n');
        };
        pump();
      });
      const stream = (await engine.chatStream(chatRequest({ stream: true }), context()))[
        Symbol.asyncIterator
      ]();
      await stream.next();
      await new Promise((resolve) => setTimeout(resolve, 200));
      // ~4 MB were to be sent; with the consumer idle, the upstream is held back well before the end.
      assert.ok(blocked, 'the upstream never saw backpressure');
      assert.ok(written < 4_000, `the upstream wrote all ${written} events while nobody read them`);
      const rest = await collect({ [Symbol.asyncIterator]: () => stream });
      assert.equal(rest.filter((item) => item.type === 'text-delta').length, 4_000);
      await finished;
    },
  );

  void it('closes a connection that stalls after [DONE] once the idle timeout passes', options, async () => {
    let closed!: Promise<unknown>;
    const { engine } = await setup(
      (_request, response) => {
        closed = once(response, 'close');
        // [DONE], but never the end of the body.
        sse(response, textChunk('a'), 'data: [DONE]\n\n');
      },
      { timeouts: { idle_ms: 100, total_ms: 0 } },
    );
    const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
    assert.deepEqual(
      events.map((event) => event.type),
      ['start', 'text-delta'],
    );
    await closed;
  });

  void it(
    'drops what follows [DONE], and closes a connection that keeps sending after it',
    options,
    async () => {
      let closed!: Promise<unknown>;
      const { engine } = await setup((_request, response) => {
        closed = once(response, 'close');
        sse(response, textChunk('a'), 'data: [DONE]\n\n');
        const junk = `: ${'j'.repeat(4_096)}\n`;
        const timer = setInterval(() => response.write(junk), 5);
        response.once('close', () => clearInterval(timer));
      });
      const events = await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
      assert.deepEqual(
        events.map((event) => event.type),
        ['start', 'text-delta'],
      );
      // Resolves only if the gateway gives up on the connection; otherwise the test times out.
      await closed;
    },
  );

  void it('reuses the upstream connection after a stream that ended well', options, async () => {
    const sockets = new Set<unknown>();
    const { engine } = await setup((request, response) => {
      sockets.add(request.socket);
      sse(response, textChunk('a'), 'data: [DONE]\n\n');
      response.end();
    });
    for (let round = 0; round < 3; round++) {
      await collect(await engine.chatStream(chatRequest({ stream: true }), context()));
      // The stream ends at [DONE]; the response's last bytes may still be on their way to the pool.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(sockets.size, 1);
  });

  void it('aborts the upstream request when the consumer stops early', options, async () => {
    let upstreamClosed!: Promise<unknown>;
    const { engine } = await setup((_request, response) => {
      upstreamClosed = once(response, 'close');
      sse(response, textChunk('a'), textChunk('b'));
    });
    const stream = await engine.chatStream(chatRequest({ stream: true }), context());
    for await (const event of stream) {
      if (event.type === 'text-delta') break;
    }
    // Resolves only if the upstream sees its connection close; otherwise the test times out.
    await upstreamClosed;
  });

  void it('resolves checkHealth on 2xx from /models and rejects otherwise', options, async () => {
    let healthy = true;
    const { engine, upstream } = await setup((_request, response) =>
      healthy
        ? json(response, 200, { object: 'list', data: [] })
        : json(response, 503, { message: 'loading' }),
    );
    await engine.checkHealth(new AbortController().signal);
    assert.equal(upstream.requests[0]?.method, 'GET');
    assert.equal(upstream.requests[0]?.url, '/v1/models');
    healthy = false;
    await assert.rejects(engine.checkHealth(new AbortController().signal), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.message, "deployment 'vllm-a' returned 503: loading");
      return true;
    });
  });
});
