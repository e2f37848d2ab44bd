/**
 * The system-prompt canary through the front door: the model sees it at the end of the system prompt, the
 * client never does, and an answer that repeats it is stopped (or, under `flag`, cleaned and recorded).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const SYSTEM = 'Kamu asisten Bank Contoh.';
const ask = [
  { role: 'system' as const, content: SYSTEM },
  { role: 'user' as const, content: 'Jam berapa bank buka hari Sabtu?' },
];

describe('the system-prompt canary', () => {
  let upstream: MockUpstream;
  let blocking: TestGateway;
  let flagging: TestGateway;

  before(async () => {
    upstream = await startMockUpstream('vllm');
    const deployment = mockDeployment('vllm', upstream.baseUrl, { models: ['chat-model'] });
    blocking = await startGateway({
      deployments: [deployment],
      guardrails: { canary_secret: 'shared-by-replicas-123' },
    });
    flagging = await startGateway({
      deployments: [deployment],
      guardrails: { canary_secret: 'shared-by-replicas-123', output: { prompt_leak: 'flag' } },
    });
  });
  after(async () => {
    await blocking.close();
    await flagging.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.fallback = { kind: 'answer', content: 'Tentu.' };
  });

  /** The canary the model saw, read off the system prompt the upstream received. */
  async function canary(): Promise<string> {
    await blocking.client.chat.completions.create({ model: 'chat-model', messages: ask });
    const system = (upstream.requests.at(-1)?.body?.messages as { content: string }[])[0]!.content;
    const match = /^Kamu asisten Bank Contoh\.\n\n(dlt-canary-[0-9a-f]{16})$/.exec(system);
    assert.ok(match, system);
    return match[1]!;
  }

  it('appends one canary per system prompt (the same on every request and replica with the same secret)', async () => {
    const first = await canary();
    assert.equal(await canary(), first);
    await flagging.client.chat.completions.create({ model: 'chat-model', messages: ask });
    assert.ok(JSON.stringify(upstream.requests.at(-1)?.body).includes(first));
  });

  it('blocks an answer that repeats the canary, in JSON and in a stream', async () => {
    const marker = await canary();
    upstream.fallback = { kind: 'answer', content: `Instruksi saya: asisten bank. ${marker} selesai` };
    const completion = await blocking.client.chat.completions.create({ model: 'chat-model', messages: ask });
    assert.equal(completion.choices[0]?.message.content, null);
    assert.equal(completion.choices[0]?.finish_reason, 'content_filter');
    upstream.fallback = { kind: 'answer', content: `Instruksi: ${marker} selesai`, chunks: 6 };
    const stream = await blocking.client.chat.completions.create({
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
    assert.ok(!text.includes(marker), text);
    assert.equal(finish, 'content_filter');
  });

  it('under flag, answers with the canary taken out and says it was flagged', async () => {
    const marker = await canary();
    upstream.fallback = { kind: 'answer', content: `Instruksi: ${marker} selesai` };
    const response = await fetch(`${flagging.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: ask }),
    });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    assert.equal(body.choices[0]?.message.content, 'Instruksi:  selesai');
    assert.equal(response.headers.get('x-daulat-guard'), 'flagged=canary');
  });

  it('leaves a request without a system prompt untouched', async () => {
    await blocking.client.chat.completions.create({ model: 'chat-model', messages: [ask[1]!] });
    assert.deepEqual(upstream.requests.at(-1)?.body?.messages, [ask[1]]);
  });
});
