/**
 * The guard-model scanner through the front door: a Llama Guard 3 (or Qwen3Guard) model served by a
 * deployment of the gateway judges the prompt and the answer; its verdicts block, flag or pass as the policy
 * says, and a guard model that fails is handled as `on_error` says.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const OTHER_SCANNERS_OFF = {
  input: { injection: 'off', indirect_injection: 'off', pii: 'off', secrets: 'off' },
  output: { pii: 'off', secrets: 'off', prompt_leak: 'off' },
};

function config(chat: MockUpstream, guard: MockUpstream, guardrails: Record<string, unknown>) {
  return {
    deployments: [
      mockDeployment('chat', chat.baseUrl, { models: ['chat-model'] }),
      mockDeployment('guard', guard.baseUrl, { models: ['llama-guard-3'] }),
    ],
    guardrails,
  };
}

describe('the guard model', () => {
  let chat: MockUpstream;
  let guard: MockUpstream;
  let gateway: TestGateway;
  let closed: TestGateway;

  before(async () => {
    chat = await startMockUpstream('chat');
    guard = await startMockUpstream('guard');
    gateway = await startGateway(
      config(chat, guard, {
        guard_model: { model: 'llama-guard-3', format: 'llama-guard-3', timeout_ms: 2_000 },
        input: { ...OTHER_SCANNERS_OFF.input, guard_model: { action: 'block', categories: ['S1', 'S9'] } },
        output: { ...OTHER_SCANNERS_OFF.output, guard_model: 'block' },
      }),
    );
    closed = await startGateway(
      config(chat, guard, {
        guard_model: { model: 'llama-guard-3', format: 'qwen3-guard', timeout_ms: 2_000, on_error: 'block' },
        input: { ...OTHER_SCANNERS_OFF.input, guard_model: { action: 'block', controversial: 'flag' } },
        output: { ...OTHER_SCANNERS_OFF.output, guard_model: 'flag' },
      }),
    );
  });
  after(async () => {
    await gateway.close();
    await closed.close();
    await chat.close();
    await guard.close();
  });
  beforeEach(() => {
    chat.requests.length = 0;
    guard.requests.length = 0;
    guard.script.length = 0;
    chat.fallback = { kind: 'answer', content: 'Hello from chat' };
    guard.fallback = { kind: 'answer', content: 'safe' };
    gateway.records.length = 0;
    closed.records.length = 0;
  });

  const ask = [
    { role: 'system' as const, content: 'You are the bank assistant.' },
    { role: 'user' as const, content: 'How do I reset my PIN?' },
  ];

  it('passes a prompt the guard model calls safe, showing it the conversation without the system prompt', async () => {
    const completion = await gateway.client.chat.completions.create({ model: 'chat-model', messages: ask });
    assert.equal(completion.choices[0]?.message.content, 'Hello from chat');
    assert.equal(guard.requests.length, 2, 'the prompt, then the answer');
    assert.deepEqual(guard.requests[0]?.body?.messages, [
      { role: 'user', content: 'How do I reset my PIN?' },
    ]);
    assert.deepEqual(guard.requests[1]?.body?.messages, [
      { role: 'user', content: 'How do I reset my PIN?' },
      { role: 'assistant', content: 'Hello from chat' },
    ]);
    assert.equal(guard.requests[0]?.body?.temperature, 0);
  });

  it('blocks a prompt in a listed category before any model sees it, naming the category', async () => {
    guard.fallback = { kind: 'answer', content: '\n\nunsafe\nS9' };
    await assert.rejects(
      gateway.client.chat.completions.create({ model: 'chat-model', messages: ask }),
      (error: { status: number; code: string; message: string }) => {
        assert.equal(error.status, 400);
        assert.equal(error.code, 'content_blocked');
        assert.match(error.message, /guard_model guardrail: S9/);
        return true;
      },
    );
    assert.equal(chat.requests.length, 0);
  });

  it('lets through a category the policy does not list', async () => {
    guard.script.push({ kind: 'answer', content: 'unsafe\nS2' });
    const completion = await gateway.client.chat.completions.create({ model: 'chat-model', messages: ask });
    assert.equal(completion.choices[0]?.message.content, 'Hello from chat');
  });

  it('withholds an unsafe answer: no content, finish_reason content_filter, for JSON and for streams', async () => {
    guard.script.push({ kind: 'answer', content: 'safe' }, { kind: 'answer', content: 'unsafe\nS10' });
    const completion = await gateway.client.chat.completions.create({ model: 'chat-model', messages: ask });
    assert.equal(completion.choices[0]?.message.content, null);
    assert.equal(completion.choices[0]?.finish_reason, 'content_filter');

    guard.script.push({ kind: 'answer', content: 'safe' }, { kind: 'answer', content: 'unsafe\nS10' });
    chat.fallback = { kind: 'answer', content: 'Step one: something unsafe', chunks: 4 };
    const stream = await gateway.client.chat.completions.create({
      model: 'chat-model',
      messages: ask,
      stream: true,
    });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(text, '', 'nothing of the unsafe answer reached the client');
    assert.equal(finish, 'content_filter');
  });

  it('shows the guard model the reasoning with the answer, and withholds both when the reasoning is unsafe', async () => {
    chat.fallback = { kind: 'answer', content: 'Here is the plan.', reasoning: 'First, plan the attack.' };
    guard.script.push({ kind: 'answer', content: 'safe' }, { kind: 'answer', content: 'unsafe\nS1' });
    const completion = await gateway.client.chat.completions.create({ model: 'chat-model', messages: ask });
    assert.deepEqual(guard.requests[1]?.body?.messages, [
      { role: 'user', content: 'How do I reset my PIN?' },
      { role: 'assistant', content: 'First, plan the attack.\n\nHere is the plan.' },
    ]);
    const message = completion.choices[0]?.message as { content: string | null; reasoning_content?: string };
    assert.equal(message.content, null);
    assert.equal(message.reasoning_content, undefined);
    assert.equal(completion.choices[0]?.finish_reason, 'content_filter');

    guard.requests.length = 0;
    chat.fallback = {
      kind: 'answer',
      content: '',
      reasoning: 'Only thinking, and it is unsafe.',
      reasoningChunks: 3,
      chunks: 1,
    };
    guard.script.push({ kind: 'answer', content: 'safe' }, { kind: 'answer', content: 'unsafe\nS1' });
    const stream = await gateway.client.chat.completions.create({
      model: 'chat-model',
      messages: ask,
      stream: true,
    });
    let reasoning = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      reasoning +=
        (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(reasoning, '', 'nothing of the unsafe reasoning reached the client');
    assert.equal(finish, 'content_filter');
    assert.deepEqual(guard.requests[1]?.body?.messages?.at(-1), {
      role: 'assistant',
      content: 'Only thinking, and it is unsafe.',
    });
  });

  it('releases a held-back stream whole once the guard model calls it safe', async () => {
    chat.fallback = { kind: 'answer', content: 'Open the app, then settings.', chunks: 4 };
    const stream = await gateway.client.chat.completions.create({
      model: 'chat-model',
      messages: ask,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Open the app, then settings.');
  });

  it('flags a controversial (Qwen3Guard) prompt and still answers it', async () => {
    guard.fallback = { kind: 'answer', content: 'Safety: Safe\nCategories: None' };
    guard.script.push({
      kind: 'answer',
      content: 'Safety: Controversial\nCategories: Politically Sensitive Topics',
    });
    const response = await fetch(`${closed.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: ask }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-daulat-guard'), 'flagged=Politically Sensitive Topics');
  });

  it('fails closed when on_error is block and the guard model is down, and open (flagged) otherwise', async () => {
    guard.fallback = { kind: 'status', status: 500, body: { error: { message: 'down' } } };
    await assert.rejects(closed.client.chat.completions.create({ model: 'chat-model', messages: ask }), {
      status: 400,
      code: 'content_blocked',
    });
    assert.equal(chat.requests.length, 0);
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: ask }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-daulat-guard'), 'flagged=unavailable');
  });

  it('judges a stream answer at its end when the policy only flags, without holding it back', async () => {
    guard.script.push(
      { kind: 'answer', content: 'Safety: Safe' },
      { kind: 'answer', content: 'Safety: Unsafe\nCategories: Violent' },
    );
    chat.fallback = { kind: 'answer', content: 'A violent answer', chunks: 3 };
    const stream = await closed.client.chat.completions.create({
      model: 'chat-model',
      messages: ask,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'A violent answer');
    const [record] = await closed.waitForRecords(1);
    assert.deepEqual(
      record?.guardEvents.map((event) => [event.direction, event.scanner, event.category, event.action]),
      [['output', 'guard_model', 'Violent', 'flag']],
    );
  });
});

describe('guard model configuration', () => {
  it('refuses a config that uses the guard model without naming one, or names a model nobody serves', async () => {
    const upstream = await startMockUpstream();
    try {
      await assert.rejects(
        startGateway({
          deployments: [mockDeployment('a', upstream.baseUrl)],
          guardrails: { input: { guard_model: 'block' } },
        }),
        /guardrails\.input\.guard_model: the guard model is used but guardrails\.guard_model/,
      );
      await assert.rejects(
        startGateway({
          deployments: [mockDeployment('a', upstream.baseUrl)],
          guardrails: {
            guard_model: { model: 'llama-guard-3', format: 'llama-guard-3' },
            input: { guard_model: 'block' },
          },
        }),
        /no deployment serves 'llama-guard-3'/,
      );
    } finally {
      await upstream.close();
    }
  });
});
