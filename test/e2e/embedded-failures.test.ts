/** The embedded engine when things go wrong: cancelled streams, a full queue, missing and broken model files. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { embeddedDeployment, TEST_RUNTIME } from '../helpers/embedded.ts';
import { startGateway, type TestGateway } from '../helpers/gateway.ts';
import { testModel, testModelPath } from '../helpers/gguf/index.ts';

const ask = [{ role: 'user' as const, content: 'Ceritakan sebuah kisah panjang.' }];

/**
 * A request the random-weight model cannot end early: greedy, with both end-of-generation tokens banned
 * (sampled, it sometimes spelled an end within a token or two, freeing a sequence too soon or answering
 * fewer tokens than asked), so it generates exactly `max_tokens`.
 */
async function unending(maxTokens: number): Promise<ChatCompletionCreateParamsNonStreaming> {
  const { eosTokenId, bosTokenId } = await testModel({ preset: 'tiny-qwen2' });
  return {
    model: 'solo',
    messages: ask,
    max_tokens: maxTokens,
    temperature: 0,
    logit_bias: { [String(eosTokenId)]: -100, [String(bosTokenId)]: -100 },
  };
}

/** A stream that holds the deployment's one sequence until the client lets go. */
async function endlessStream(): Promise<ChatCompletionCreateParamsStreaming> {
  return { ...(await unending(3_000)), stream: true as const };
}

describe('embedded engine: failures', () => {
  let gateway: TestGateway;
  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'daulat-broken-'));
    const good = await readFile(await testModelPath({ preset: 'tiny-qwen2' }));
    await writeFile(join(directory, 'truncated.gguf'), good.subarray(0, Math.floor(good.length / 2)));
    await writeFile(join(directory, 'garbage.gguf'), Buffer.from('this is not a model at all'.repeat(40)));
    gateway = await startGateway({
      server: { api_key: 'test-key' },
      embedded: TEST_RUNTIME,
      model_store: { dir: join(directory, 'store') },
      deployments: [
        await embeddedDeployment('solo', 'solo', { preset: 'tiny-qwen2' }, { parallel: 1, max_queue: 0 }),
        {
          name: 'truncated',
          engine: 'embedded',
          model: join(directory, 'truncated.gguf'),
          models: ['truncated'],
        },
        { name: 'garbage', engine: 'embedded', model: join(directory, 'garbage.gguf'), models: ['garbage'] },
        { name: 'missing', engine: 'embedded', model: 'qwen2.5:0.5b', models: ['missing'] },
      ],
    });
  });
  after(() => gateway.close());

  it('answers 429 deployment_busy with Retry-After when every sequence is busy and the queue is full', async () => {
    const controller = new AbortController();
    const stream = await gateway.client.chat.completions.create(await endlessStream(), {
      signal: controller.signal,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'solo', messages: ask, max_tokens: 4 }),
    });
    assert.equal(response.status, 429);
    assert.ok(Number(response.headers.get('retry-after')) >= 1);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'deployment_busy');
    const recorded = gateway.records.length;
    controller.abort();
    await gateway.waitForRecords(recorded + 1);
  });

  it('frees the sequence when the client cancels a stream, so the next request is served', async () => {
    const recorded = gateway.records.length;
    const controller = new AbortController();
    const stream = await gateway.client.chat.completions.create(await endlessStream(), {
      signal: controller.signal,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    const records = await gateway.waitForRecords(recorded + 1);
    assert.equal(records[recorded]?.outcome, 'cancelled');
    // parallel 1 and no queue: this succeeds only if the cancelled request gave its sequence back.
    const next = await gateway.client.chat.completions.create(await unending(3));
    assert.equal(next.usage?.completion_tokens, 3);
  });

  it('reports a truncated GGUF as model_invalid naming the file, and keeps serving', async () => {
    await assert.rejects(gateway.client.chat.completions.create({ model: 'truncated', messages: ask }), {
      status: 503,
      code: 'model_invalid',
      message: /truncated\.gguf/,
    });
    await assert.rejects(gateway.client.chat.completions.create({ model: 'garbage', messages: ask }), {
      status: 503,
      code: 'model_invalid',
    });
    const still = await gateway.client.chat.completions.create(await unending(2));
    assert.equal(still.usage?.completion_tokens, 2);
  });

  it('reports a model that was never pulled as model_not_downloaded, naming it', async () => {
    await assert.rejects(gateway.client.chat.completions.create({ model: 'missing', messages: ask }), {
      status: 503,
      code: 'model_not_downloaded',
      message: /qwen2\.5:0\.5b/,
    });
  });

  it('answers malformed JSON and wrong types on an embedded model in OpenAI error JSON', async () => {
    const malformed = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: '{"model": "solo", "messages": [',
    });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'invalid_json');
    await assert.rejects(
      gateway.client.chat.completions.create({
        model: 'solo',
        messages: ask,
        response_format: { type: 'json_schema' },
      } as never),
      { status: 400, param: 'response_format.json_schema' },
    );
    await assert.rejects(
      gateway.client.chat.completions.create({
        model: 'solo',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }],
      }),
      { status: 400, param: 'messages' },
    );
  });
});
