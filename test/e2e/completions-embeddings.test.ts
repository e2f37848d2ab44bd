/** Legacy completions and embeddings through the OpenAI SDK. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

describe('completions and embeddings', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startMockUpstream('tgi');
    gateway = await startGateway({
      deployments: [mockDeployment('a', upstream.baseUrl, { models: ['test-model', 'embedder'] })],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('completes a prompt', async () => {
    const completion = await gateway.client.completions.create({
      model: 'test-model',
      prompt: 'Once',
      max_tokens: 5,
      best_of: 1,
    } as never);
    assert.equal(completion.choices[0]?.text, 'Hello from tgi');
    assert.equal(completion.usage?.total_tokens, 18);
    const body = upstream.requests.at(-1)?.body;
    assert.equal(body?.prompt, 'Once');
    assert.equal(body?.best_of, 1);
  });

  it('streams a completion', async () => {
    const stream = await gateway.client.completions.create({
      model: 'test-model',
      prompt: 'Once',
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(text, 'Hello from tgi');
    assert.equal(finish, 'stop');
  });

  it('embeds several inputs', async () => {
    const result = await gateway.client.embeddings.create({
      model: 'embedder',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    assert.equal(result.data.length, 2);
    assert.deepEqual(result.data[1]?.embedding, [0.2, 0.2, 0.3]);
    assert.equal(result.usage.prompt_tokens, 8);
    assert.equal(result.model, 'embedder');
  });

  it('rejects an embeddings request without input', async () => {
    const response = await fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      body: JSON.stringify({ model: 'embedder' }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { param: string } };
    assert.equal(body.error.param, 'input');
  });
});
