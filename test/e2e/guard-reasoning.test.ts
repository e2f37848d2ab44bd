/**
 * Output screening of reasoning text through the front door: `reasoning_content` / `reasoning` from an
 * OpenAI-compatible upstream (vLLM, DeepSeek) and DeepSeek-R1's `<think>` block from the embedded engine get the
 * caller's values back, secrets redacted and the canary caught, as the answer's content does.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { embeddedDeployment, TEST_RUNTIME } from '../helpers/embedded.ts';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const EMAIL = 'siti.rahma@example.co.id';
const TOKEN = `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`;
const SYSTEM = 'Kamu asisten Bank Contoh.';

/** One streamed delta, as the client saw it. */
interface Delta {
  readonly content?: string | null;
  readonly reasoning_content?: string;
  readonly reasoning?: string;
}

/** The chunks of a raw SSE answer (the SDK hides fields it does not know), and whether it ended with [DONE]. */
async function sse(response: Response): Promise<{ chunks: Record<string, unknown>[]; done: boolean }> {
  const lines = (await response.text()).split('\n').filter((line) => line.startsWith('data: '));
  const done = lines.at(-1) === 'data: [DONE]';
  const chunks = lines
    .filter((line) => line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
  return { chunks, done };
}

type SseChoice = { delta: Delta; finish_reason: string | null; daulat_guard?: unknown };

function choiceOf(chunk: Record<string, unknown>): SseChoice | undefined {
  return (chunk.choices as SseChoice[] | undefined)?.[0];
}

describe('output guardrails on reasoning', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startMockUpstream('vllm');
    gateway = await startGateway({
      embedded: TEST_RUNTIME,
      deployments: [
        // Off premises: personal data is redacted on the way out and restored on the way back.
        mockDeployment('hosted', upstream.baseUrl, { models: ['reasoner'], location: 'us' }),
        await embeddedDeployment('thinker', 'tiny-r1', {
          preset: 'tiny-deepseek-r1',
          // The secret arrives in two tokens of the think block.
          script: ['Kunci ghp_a1B2c3D4e5F6g7H8i9', 'J0k1L2m3N4o5P6q7R8 dipakai.', '</think>', '\n\nSelesai.'],
        }),
      ],
      guardrails: { canary_secret: 'reasoning-test-secret' },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.fallback = { kind: 'answer', content: 'Dicatat.' };
  });

  async function stream(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify({ ...body, stream: true }),
    });
  }

  it('restores a placeholder the model repeats in the reasoning of a JSON answer, in either field', async () => {
    for (const reasoningField of ['reasoning_content', 'reasoning'] as const) {
      upstream.fallback = {
        kind: 'answer',
        content: 'Saya catat [EMAIL_1].',
        reasoning: 'Pengguna memberi [EMAIL_1], simpan.',
        reasoningField,
      };
      const completion = await gateway.client.chat.completions.create({
        model: 'reasoner',
        messages: [{ role: 'user', content: `Email saya ${EMAIL}, tolong catat.` }],
      });
      assert.ok(
        !JSON.stringify(upstream.requests.at(-1)?.body).includes(EMAIL),
        'the value left the premises',
      );
      const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
      assert.equal(message.content, `Saya catat ${EMAIL}.`);
      assert.equal(message[reasoningField], `Pengguna memberi ${EMAIL}, simpan.`);
    }
  });

  it('restores a placeholder split across streamed reasoning chunks, reasoning kept before and apart from content', async () => {
    upstream.fallback = {
      kind: 'answer',
      reasoning: 'Pengguna memberi [EMAIL_1] tadi, jadi catat [EMAIL_1]',
      reasoningChunks: 13,
      content: 'Tercatat.',
      chunks: 3,
    };
    const events = await gateway.client.chat.completions.create({
      model: 'reasoner',
      messages: [{ role: 'user', content: `Email saya ${EMAIL}.` }],
      stream: true,
    });
    let reasoning = '';
    let content = '';
    for await (const chunk of events) {
      const delta: Delta | undefined = chunk.choices[0]?.delta;
      if (delta?.reasoning_content !== undefined) {
        assert.equal(delta.content ?? '', '', 'a reasoning chunk carried content');
        assert.equal(content, '', 'reasoning arrived after the answer began');
        reasoning += delta.reasoning_content;
      }
      content += delta?.content ?? '';
    }
    assert.equal(reasoning, `Pengguna memberi ${EMAIL} tadi, jadi catat ${EMAIL}`);
    assert.equal(content, 'Tercatat.');
  });

  it('redacts a secret split across streamed reasoning chunks', async () => {
    upstream.fallback = {
      kind: 'answer',
      reasoning: `Pakai token ${TOKEN} untuk akses`,
      reasoningChunks: 9,
      content: 'Sudah.',
    };
    const { chunks, done } = await sse(
      await stream({ model: 'reasoner', messages: [{ role: 'user', content: 'Token apa?' }] }),
    );
    assert.ok(done);
    const reasoning = chunks.map((chunk) => choiceOf(chunk)?.delta.reasoning_content ?? '').join('');
    assert.equal(reasoning, 'Pakai token [GITHUB_TOKEN_1] untuk akses');
    assert.equal(chunks.map((chunk) => choiceOf(chunk)?.delta.content ?? '').join(''), 'Sudah.');
  });

  /** The canary the model saw, read off the system prompt the upstream received. */
  async function canary(): Promise<string> {
    const ask = [
      { role: 'system' as const, content: SYSTEM },
      { role: 'user' as const, content: 'Halo' },
    ];
    await gateway.client.chat.completions.create({ model: 'reasoner', messages: ask });
    const system = (upstream.requests.at(-1)?.body?.messages as { content: string }[])[0]!.content;
    const match = /(dlt-canary-[0-9a-f]{16})$/.exec(system);
    assert.ok(match, system);
    return match[1]!;
  }

  it('blocks a JSON answer whose reasoning repeats the canary, withholding the reasoning too', async () => {
    const marker = await canary();
    upstream.fallback = { kind: 'answer', content: 'Halo juga.', reasoning: `Instruksi saya ${marker} jadi` };
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify({
        model: 'reasoner',
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: 'Halo' },
        ],
      }),
    });
    const text = await response.text();
    assert.ok(!text.includes(marker), text);
    const choice = (JSON.parse(text) as { choices: (SseChoice & { message: Record<string, unknown> })[] })
      .choices[0]!;
    assert.equal(choice.message.content, null);
    assert.equal(choice.message.reasoning_content, undefined);
    assert.equal(choice.finish_reason, 'content_filter');
    assert.deepEqual(choice.daulat_guard, { action: 'block', scanner: 'prompt_leak', category: 'canary' });
  });

  it('ends a stream whose reasoning leaks the canary as a content leak does: content_filter, daulat_guard, [DONE]', async () => {
    const marker = await canary();
    const messages = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'Halo' },
    ];
    const ends: unknown[] = [];
    for (const leak of ['reasoning', 'content'] as const) {
      upstream.fallback = {
        kind: 'answer',
        reasoning: leak === 'reasoning' ? `Instruksi saya ${marker} jadi` : 'Pikir dulu.',
        reasoningChunks: 5,
        content: leak === 'content' ? `Instruksi saya ${marker} jadi` : 'Halo juga.',
        chunks: 5,
      };
      const response = await stream({ model: 'reasoner', messages });
      assert.equal(response.status, 200);
      const { chunks, done } = await sse(response);
      assert.ok(!JSON.stringify(chunks).includes(marker), `the ${leak} leaked the canary`);
      if (leak === 'reasoning')
        assert.ok(
          !chunks.some((chunk) => (choiceOf(chunk)?.delta.content ?? '') !== ''),
          'content after the block',
        );
      const last = choiceOf(chunks.at(-1)!)!;
      ends.push({ done, finish: last.finish_reason, guard: last.daulat_guard });
    }
    const expected = {
      done: true,
      finish: 'content_filter',
      guard: { action: 'block', scanner: 'prompt_leak', category: 'canary' },
    };
    assert.deepEqual(ends, [expected, expected]);
  });

  it("redacts a secret split across the embedded engine's <think> tokens, in streams and JSON", async () => {
    const response = await stream({ model: 'tiny-r1', messages: [{ role: 'user', content: 'Kunci?' }] });
    const { chunks } = await sse(response);
    const reasoning = chunks.map((chunk) => choiceOf(chunk)?.delta.reasoning_content ?? '').join('');
    assert.equal(reasoning, 'Kunci [GITHUB_TOKEN_1] dipakai.');
    assert.ok(!JSON.stringify(chunks).includes('J0k1L2m3N4o5P6q7R8'));
    const completion = await gateway.client.chat.completions.create({
      model: 'tiny-r1',
      messages: [{ role: 'user', content: 'Kunci?' }],
    });
    const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
    assert.equal(message.reasoning_content, 'Kunci [GITHUB_TOKEN_1] dipakai.');
    assert.equal(message.content, 'Selesai.');
  });
});
