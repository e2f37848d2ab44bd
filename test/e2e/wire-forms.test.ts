/**
 * JSON sent on as it came (src/engines/wire-forms.ts): a client's body goes to the upstream, and an upstream's
 * answer to the client, unchanged when translating them would write the same — and never when a model name,
 * the translation or a guardrail changes what must be sent.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const KEY = 'test-key';
const TOKEN = `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`;
const EMAIL = 'siti.rahma@example.co.id';

/** An answer as vLLM writes it, spacing and field order included: null reasoning, empty tool calls, extras. */
function vllmAnswer(model: string, content = 'Halo dari vLLM'): string {
  return (
    `{"id":"chatcmpl-7f3a","object":"chat.completion","created":1700000000,"model":${JSON.stringify(model)},` +
    `"choices":[{"index":0,"message":{"role":"assistant","reasoning_content":null,` +
    `"content":${JSON.stringify(content)},"tool_calls":[]},"logprobs":null,"finish_reason":"stop",` +
    `"stop_reason":null}],"usage":{"prompt_tokens":9, "total_tokens":14,"completion_tokens":5,` +
    `"prompt_tokens_details":null},"prompt_logprobs":null,"kv_transfer_params":null}`
  );
}

describe('JSON sent on as it came', () => {
  let upstream: MockUpstream;
  let plain: TestGateway;
  let guarded: TestGateway;

  const post = (gateway: TestGateway, body: unknown): Promise<Response> =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    upstream = await startMockUpstream('vllm');
    const deployments = [
      mockDeployment('vllm', upstream.baseUrl, { models: ['served-model'], location: 'us' }),
    ];
    const models = [{ name: 'alias', deployments: ['vllm'] }];
    plain = await startGateway({
      server: { api_key: KEY },
      deployments,
      models,
      guardrails: {
        input: { injection: 'off', indirect_injection: 'off', pii: 'off', secrets: 'off' },
        output: { pii: 'off', secrets: 'off', prompt_leak: 'off' },
      },
    });
    // Defaults: personal data is redacted before it leaves for the `us` deployment, secrets in answers too.
    guarded = await startGateway({ server: { api_key: KEY }, deployments, models });
  });
  after(async () => {
    await Promise.all([plain.close(), guarded.close()]);
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.script.length = 0;
    upstream.fallback = { kind: 'answer' };
    plain.records.length = 0;
  });

  it("answers with the upstream's own bytes when they already are the answer, and still records usage", async () => {
    const text = vllmAnswer('served-model');
    upstream.fallback = { kind: 'raw', body: text };
    const response = await post(plain, {
      model: 'served-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), text);
    const [record] = await plain.waitForRecords(1);
    assert.equal(record?.promptTokens, 9);
    assert.equal(record?.completionTokens, 5);
  });

  it("answers embeddings with the upstream's own bytes, and under an alias encodes them again", async () => {
    const text =
      '{"id":"embd-1","object":"list","created":1700000000,"model":"served-model","data":[{"index":0,' +
      '"object":"embedding","embedding":[0.125,-0.5,1e-7]}],"usage":{"prompt_tokens":3,"total_tokens":3,' +
      '"completion_tokens":0,"prompt_tokens_details":null}}';
    upstream.fallback = { kind: 'raw', body: text };
    const embed = (model: string) =>
      fetch(`${plain.url}/v1/embeddings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, input: 'hi' }),
      });
    assert.equal(await (await embed('served-model')).text(), text);
    const aliased = (await (await embed('alias')).json()) as {
      model: string;
      data: { embedding: number[] }[];
    };
    assert.equal(aliased.model, 'alias');
    assert.deepEqual(aliased.data[0]?.embedding, [0.125, -0.5, 1e-7]);
  });

  it('encodes the answer again under the name the client asked for when it was an alias', async () => {
    upstream.fallback = { kind: 'raw', body: vllmAnswer('served-model') };
    const response = await post(plain, { model: 'alias', messages: [{ role: 'user', content: 'hi' }] });
    const answer = (await response.json()) as Record<string, unknown>;
    assert.equal(answer.model, 'alias');
    assert.equal(upstream.requests[0]?.body?.model, 'served-model');
  });

  it('encodes an answer the translation fills in', async () => {
    // No total_tokens and no choice index: the client gets both, as from any other upstream.
    const text =
      '{"id":"x","object":"chat.completion","created":1,"model":"served-model","choices":[{"message":' +
      '{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":2,"completion_tokens":3}}';
    upstream.fallback = { kind: 'raw', body: text };
    const response = await post(plain, {
      model: 'served-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const answer = (await response.json()) as {
      choices: { index: number }[];
      usage: { total_tokens: number };
    };
    assert.equal(answer.choices[0]?.index, 0);
    assert.equal(answer.usage.total_tokens, 5);
  });

  it("sends the client's body on when translating it would write the same, unknown fields and all", async () => {
    const body = {
      model: 'served-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi', name: 'siti' },
      ],
      max_tokens: 16,
      temperature: 0.2,
      stop: ['\n\n'],
      chat_template_kwargs: { enable_thinking: false },
      response_format: { type: 'json_object' },
    };
    await post(plain, body);
    assert.deepEqual(upstream.requests[0]?.body, body);
  });

  it('translates a body whose form the upstream gets differently', async () => {
    await post(plain, {
      model: 'served-model',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 16,
      stop: 'END',
    });
    const sent = upstream.requests[0]?.body;
    assert.equal(sent?.max_tokens, 16);
    assert.equal(sent?.max_completion_tokens, undefined);
    assert.deepEqual(sent?.stop, ['END']);
    assert.equal(sent?.stream, false);
  });

  it('asks for the usage chunk of a stream when the client did not, and sends its body on when it did', async () => {
    const asked = {
      model: 'served-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    };
    await (await post(plain, asked)).text();
    await (await post(plain, { ...asked, stream_options: undefined })).text();
    assert.deepEqual(upstream.requests[0]?.body, asked);
    assert.deepEqual(upstream.requests[1]?.body?.stream_options, { include_usage: true });
  });

  it('redacts what the guardrails redact, whatever form the body and the answer came in', async () => {
    upstream.fallback = { kind: 'raw', body: vllmAnswer('served-model', `Pakai token ${TOKEN}.`) };
    const response = await post(guarded, {
      model: 'served-model',
      messages: [{ role: 'user', content: `Email saya ${EMAIL}.` }],
    });
    const sent = upstream.requests[0]?.text ?? '';
    assert.ok(!sent.includes(EMAIL), 'the address reached the off-prem deployment');
    const answer = (await response.json()) as { choices: { message: { content: string } }[] };
    const content = answer.choices[0]?.message.content ?? '';
    assert.ok(!content.includes(TOKEN), content);
    assert.match(content, /^Pakai token \[[A-Z_]+_1\]\.$/);
  });

  it('sends both on unchanged through the guardrails when they find nothing', async () => {
    const text = vllmAnswer('served-model');
    upstream.fallback = { kind: 'raw', body: text };
    const body = { model: 'served-model', messages: [{ role: 'user', content: 'Apa kabar?' }] };
    const response = await post(guarded, body);
    assert.equal(await response.text(), text);
    assert.deepEqual(upstream.requests[0]?.body, body);
  });
});
