/** Chat completions through the front door: the OpenAI SDK against a gateway over a recording mock upstream. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

describe('chat completions', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startMockUpstream('vllm');
    gateway = await startGateway({
      server: { api_key: 'test-key' },
      deployments: [mockDeployment('vllm-a', upstream.baseUrl, { models: ['Qwen/Qwen2.5-7B-Instruct'] })],
      models: [{ name: 'qwen', deployments: ['vllm-a'] }],
      // These tests check what reaches the upstream byte for byte: no system-prompt canary (guardrails tests cover it).
      guardrails: { output: { prompt_leak: 'off' } },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.script.length = 0;
    upstream.fallback = { kind: 'answer' };
    gateway.records.length = 0;
  });

  it('answers a non-streaming request and records its usage', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'Qwen/Qwen2.5-7B-Instruct',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(completion.choices[0]?.message.content, 'Hello from vllm');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.model, 'Qwen/Qwen2.5-7B-Instruct');
    assert.deepEqual(completion.usage, { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    const [record] = await gateway.waitForRecords(1);
    assert.equal(record?.outcome, 'ok');
    assert.equal(record?.deployment, 'vllm-a');
    assert.equal(record?.promptTokens, 11);
    assert.equal(record?.completionTokens, 7);
  });

  it('resolves an alias to the served model name upstream and reports the alias to the client', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'qwen',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(completion.model, 'qwen');
    assert.equal(upstream.requests[0]?.body?.model, 'Qwen/Qwen2.5-7B-Instruct');
  });

  it('passes unknown request fields through to the upstream untouched', async () => {
    const tools = [
      {
        type: 'function',
        function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
      },
    ];
    const extra = {
      tools,
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      chat_template_kwargs: { enable_thinking: false },
      logprobs: true,
      top_k: 20,
      repetition_penalty: 1.05,
    };
    await gateway.client.chat.completions.create({
      model: 'qwen',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'find x' }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'x is 1' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      stop: ['END'],
      seed: 7,
      ...extra,
    } as never);
    const body = upstream.requests[0]?.body ?? {};
    for (const [key, value] of Object.entries(extra)) assert.deepEqual(body[key], value, key);
    assert.equal(body.max_tokens, 50);
    assert.equal(body.temperature, 0.2);
    assert.deepEqual(body.stop, ['END']);
    assert.equal(body.seed, 7);
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: [{ type: 'text', text: 'find x' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'x is 1' },
    ]);
  });

  it('returns unknown response fields, reasoning_content and tool calls as the upstream sent them', async () => {
    upstream.script.push({
      kind: 'answer',
      reasoning: 'thinking…',
      toolCall: { name: 'lookup', arguments: '{"q":"x"}' },
      extraFields: { system_fingerprint: 'fp_1', prompt_logprobs: null },
    });
    const completion = await gateway.client.chat.completions.create({
      model: 'qwen',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const choice = completion.choices[0] as unknown as Record<string, unknown> & {
      message: Record<string, unknown>;
    };
    assert.equal(choice.message.reasoning_content, 'thinking…');
    assert.deepEqual(choice.message.tool_calls, [
      { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
    ]);
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.stop_reason, null);
    assert.ok('logprobs' in choice);
    assert.equal(completion.system_fingerprint, 'fp_1');
    assert.ok('prompt_logprobs' in completion);
  });

  it("returns an upstream field named '__proto__' as a field, not as the answer's prototype", async () => {
    // JSON.parse makes `__proto__` an own field, as an upstream's JSON would carry it.
    const extraFields = JSON.parse('{"__proto__":{"vendor":"x"},"system_fingerprint":"fp_2"}') as Record<
      string,
      unknown
    >;
    upstream.script.push({ kind: 'answer', extraFields });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    assert.equal(response.status, 200);
    assert.match(text, /"__proto__":\{"vendor":"x"\}/);
    assert.match(text, /"system_fingerprint":"fp_2"/);
  });

  it('streams content and hides the usage chunk the client did not ask for, but still records usage', async () => {
    const stream = await gateway.client.chat.completions.create({
      model: 'qwen',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    const finishReasons: (string | null)[] = [];
    let sawUsage = false;
    for await (const chunk of stream) {
      if (chunk.usage) sawUsage = true;
      for (const choice of chunk.choices) {
        text += choice.delta.content ?? '';
        finishReasons.push(choice.finish_reason);
      }
    }
    assert.equal(text, 'Hello from vllm');
    assert.equal(finishReasons.at(-1), 'stop');
    assert.equal(sawUsage, false);
    assert.deepEqual(upstream.requests[0]?.body?.stream_options, { include_usage: true });
    const [record] = await gateway.waitForRecords(1);
    assert.equal(record?.stream, true);
    assert.equal(record?.outcome, 'ok');
    assert.equal(record?.promptTokens, 11);
    assert.equal(record?.completionTokens, 7);
    assert.ok(record?.timeToFirstTokenMs !== undefined);
  });

  it('sends the usage chunk when the client asks for it', async () => {
    const stream = await gateway.client.chat.completions.create({
      model: 'qwen',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    assert.deepEqual(usages, [{ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }]);
  });

  it('streams reasoning_content and tool-call deltas as the upstream sent them', async () => {
    upstream.script.push({
      kind: 'answer',
      reasoning: 'let me think',
      toolCall: { name: 'lookup', arguments: '{"q":"xyz"}' },
    });
    const stream = await gateway.client.chat.completions.create({
      model: 'qwen',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let reasoning = '';
    let args = '';
    let name = '';
    let id = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      reasoning += (choice.delta as { reasoning_content?: string }).reasoning_content ?? '';
      for (const call of choice.delta.tool_calls ?? []) {
        id ||= call.id ?? '';
        name ||= call.function?.name ?? '';
        args += call.function?.arguments ?? '';
      }
      finish = choice.finish_reason ?? finish;
    }
    assert.equal(reasoning, 'let me think');
    assert.equal(id, 'call_1');
    assert.equal(name, 'lookup');
    assert.equal(args, '{"q":"xyz"}');
    assert.equal(finish, 'tool_calls');
  });

  it('puts x-request-id on every response, echoing a well-formed one from the client', async () => {
    const response = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: 'Bearer test-key', 'x-request-id': 'abc-123' },
    });
    assert.equal(response.headers.get('x-request-id'), 'abc-123');
    const generated = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: 'Bearer test-key' },
    });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    assert.match(generated.headers.get('x-request-id') ?? '', uuid);
    const failed = await fetch(`${gateway.url}/v1/models`);
    assert.equal(failed.status, 401);
    assert.match(failed.headers.get('x-request-id') ?? '', uuid);
    assert.notEqual(failed.headers.get('x-request-id'), generated.headers.get('x-request-id'));
  });

  it('accepts a JSON body sent without a JSON content type, as curl -d does', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ model: 'qwen', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-daulat-deployment'), 'vllm-a');
  });
});
