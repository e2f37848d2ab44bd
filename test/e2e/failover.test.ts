/** Upstream failures: retries, fallback, timeouts, breakers, queues — and streams that never lie. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const hi = [{ role: 'user' as const, content: 'hi' }];
const fastRouting = { retries: 1, backoff_ms: 1, max_backoff_ms: 2 };

/** A base URL where nothing listens: connections are refused. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

async function errorOf(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

async function drain(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

describe('routing and failure', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(
    count: number,
    deploymentExtra: Record<string, unknown>[] = [],
    routing: Record<string, unknown> = fastRouting,
  ) {
    const upstreams: MockUpstream[] = [];
    for (let index = 0; index < count; index += 1) {
      const upstream = await startMockUpstream(`m${index}`);
      cleanups.push(() => upstream.close());
      upstreams.push(upstream);
    }
    const gateway: TestGateway = await startGateway({
      routing,
      deployments: upstreams.map((upstream, index) =>
        mockDeployment(`d${index}`, upstream.baseUrl, { priority: index, ...deploymentExtra[index] }),
      ),
    });
    cleanups.push(() => gateway.close());
    return { upstreams, gateway };
  }

  it('retries a 500, then falls back to the next deployment', async () => {
    const { upstreams, gateway } = await setup(2);
    upstreams[0]!.fallback = { kind: 'status', status: 500 };
    const completion = await gateway.client.chat.completions.create({ model: 'test-model', messages: hi });
    assert.equal(completion.choices[0]?.message.content, 'Hello from m1');
    assert.equal(upstreams[0]!.requests.length, 2);
    const [record] = await gateway.waitForRecords(1);
    assert.deepEqual(
      record?.attempts.map((attempt) => [attempt.deployment, attempt.code]),
      [
        ['d0', 'upstream_error'],
        ['d0', 'upstream_error'],
        ['d1', 'ok'],
      ],
    );
  });

  it('answers 502 naming every deployment tried when all fail', async () => {
    const { upstreams, gateway } = await setup(2);
    for (const upstream of upstreams) upstream.fallback = { kind: 'status', status: 503 };
    const error = await errorOf(
      gateway.client.chat.completions.create({ model: 'test-model', messages: hi }),
    );
    assert.equal(error.status, 502);
    assert.equal(error.code, 'upstream_error');
    assert.match(error.message, /d0/);
    assert.match(error.message, /d1/);
  });

  it('honours Retry-After on a 429 and then succeeds on the same deployment', async () => {
    const { upstreams, gateway } = await setup(1);
    upstreams[0]!.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const completion = await gateway.client.chat.completions.create({ model: 'test-model', messages: hi });
    assert.equal(completion.choices[0]?.message.content, 'Hello from m0');
    assert.equal(upstreams[0]!.requests.length, 2);
  });

  it('relays an upstream 400 without retrying', async () => {
    const { upstreams, gateway } = await setup(2);
    upstreams[0]!.fallback = {
      kind: 'status',
      status: 400,
      body: {
        object: 'error',
        message: "This model's maximum context length is 4096 tokens",
        type: 'BadRequestError',
        code: 400,
      },
    };
    const error = await errorOf(
      gateway.client.chat.completions.create({ model: 'test-model', messages: hi }),
    );
    assert.equal(error.status, 400);
    assert.match(error.message, /maximum context length/);
    assert.equal(upstreams[0]!.requests.length, 1);
    assert.equal(upstreams[1]!.requests.length, 0);
  });

  it('falls back from a dead upstream (connection refused) to a live one', async () => {
    const live = await startMockUpstream('live');
    cleanups.push(() => live.close());
    const gateway = await startGateway({
      routing: fastRouting,
      deployments: [
        mockDeployment('dead', await deadUrl(), { priority: 0 }),
        mockDeployment('live', live.baseUrl, { priority: 1 }),
      ],
    });
    cleanups.push(() => gateway.close());
    const completion = await gateway.client.chat.completions.create({ model: 'test-model', messages: hi });
    assert.equal(completion.choices[0]?.message.content, 'Hello from live');
  });

  it('answers 502 when the only upstream is dead', async () => {
    const gateway = await startGateway({
      routing: fastRouting,
      deployments: [mockDeployment('dead', await deadUrl())],
    });
    cleanups.push(() => gateway.close());
    const error = await errorOf(
      gateway.client.chat.completions.create({ model: 'test-model', messages: hi }),
    );
    assert.equal(error.status, 502);
    assert.match(error.message, /dead/);
  });

  it('answers 504 when the upstream stalls before the first byte', async () => {
    const { upstreams, gateway } = await setup(1, [{ timeouts: { first_byte_ms: 150 } }], {
      ...fastRouting,
      retries: 0,
    });
    upstreams[0]!.fallback = { kind: 'stall' };
    const error = await errorOf(
      gateway.client.chat.completions.create({ model: 'test-model', messages: hi }),
    );
    assert.equal(error.status, 504);
    assert.equal(error.code, 'upstream_timeout');
  });

  it('ends a stream reset mid-way with an error event, not a clean [DONE], and records the failure', async () => {
    const { upstreams, gateway } = await setup(2);
    upstreams[0]!.fallback = { kind: 'reset-mid-stream', afterChunks: 2 };
    const stream = await gateway.client.chat.completions.create({
      model: 'test-model',
      messages: hi,
      stream: true,
    });
    await assert.rejects(drain(stream), OpenAI.APIError);
    assert.equal(upstreams[1]!.requests.length, 0, 'no fallback after the first byte');
    const [record] = await gateway.waitForRecords(1);
    assert.equal(record?.outcome, 'error');
  });

  it('relays an error object sent mid-stream as a stream error', async () => {
    const { upstreams, gateway } = await setup(1);
    upstreams[0]!.fallback = { kind: 'error-mid-stream', afterChunks: 2, message: 'engine died' };
    const stream = await gateway.client.chat.completions.create({
      model: 'test-model',
      messages: hi,
      stream: true,
    });
    await assert.rejects(drain(stream), /engine died/);
  });

  it('ends a stream that goes silent with an idle-timeout error event', async () => {
    const { upstreams, gateway } = await setup(1, [{ timeouts: { idle_ms: 150 } }]);
    upstreams[0]!.fallback = { kind: 'stall-mid-stream', afterChunks: 2 };
    const raw = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: hi, stream: true }),
    });
    const text = await raw.text();
    assert.match(text, /"error":\{/);
    assert.match(text, /upstream_timeout/);
    assert.doesNotMatch(text, /\[DONE\]/);
  });

  it('aborts the upstream at once when a streaming client disconnects', async () => {
    const { upstreams, gateway } = await setup(1);
    // Three chunks, so a whole word has arrived: the output guard holds back a word still being written.
    upstreams[0]!.fallback = { kind: 'stall-mid-stream', afterChunks: 3 };
    const aborted = upstreams[0]!.waitForAbort();
    const controller = new AbortController();
    const stream = await gateway.client.chat.completions.create(
      { model: 'test-model', messages: hi, stream: true },
      { signal: controller.signal },
    );
    for await (const _chunk of stream) {
      controller.abort();
      break;
    }
    const request = await aborted;
    assert.equal(request.aborted, true);
    const [record] = await gateway.waitForRecords(1);
    assert.equal(record?.outcome, 'cancelled');
  });

  it('aborts the upstream when a non-streaming client disconnects', async () => {
    const { upstreams, gateway } = await setup(1);
    upstreams[0]!.fallback = { kind: 'stall' };
    const aborted = upstreams[0]!.waitForAbort();
    const controller = new AbortController();
    const pending = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: hi }),
      signal: controller.signal,
    });
    while (upstreams[0]!.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await assert.rejects(pending);
    assert.equal((await aborted).aborted, true);
  });

  it('answers 429 with Retry-After when the deployment and its queue are full', async () => {
    const { upstreams, gateway } = await setup(1, [{ max_concurrency: 1, max_queue: 0 }]);
    upstreams[0]!.script.push({ kind: 'stall' });
    const controller = new AbortController();
    const first = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: hi }),
      signal: controller.signal,
    }).catch(() => undefined);
    while (upstreams[0]!.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: hi }),
    });
    assert.equal(second.status, 429);
    assert.ok(Number(second.headers.get('retry-after')) >= 1);
    const body = (await second.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'deployment_busy');
    controller.abort();
    await first;
  });

  it('opens the circuit breaker after consecutive failures and stops calling the deployment', async () => {
    const { upstreams, gateway } = await setup(1, [], {
      ...fastRouting,
      retries: 0,
      circuit_breaker: { failure_threshold: 2, cooldown_ms: 60_000 },
    });
    upstreams[0]!.fallback = { kind: 'status', status: 500 };
    for (let index = 0; index < 2; index += 1) {
      await errorOf(gateway.client.chat.completions.create({ model: 'test-model', messages: hi }));
    }
    const error = await errorOf(
      gateway.client.chat.completions.create({ model: 'test-model', messages: hi }),
    );
    assert.equal(error.status, 503);
    assert.equal(upstreams[0]!.requests.length, 2);
    const ready = await fetch(`${gateway.url}/readyz`);
    assert.equal(ready.status, 503);
  });
});
