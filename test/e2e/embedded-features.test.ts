/** The embedded engine's tools, structured output, reasoning, completions and embeddings, through the OpenAI SDK. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embeddedDeployment, TEST_RUNTIME } from '../helpers/embedded.ts';
import { startGateway, type TestGateway } from '../helpers/gateway.ts';

const ask = [{ role: 'user' as const, content: 'Bagaimana cuaca di Jakarta?' }];
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', maxLength: 24 },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer' },
      },
      required: ['city'],
    },
  },
};
const TOOL_CALL_SCRIPT = [
  '<tool_call>',
  '\n{"name": "get_weather", "arguments": {"city": "Jakarta"}}\n',
  '</tool_call>',
];

describe('embedded engine: tools, structured output, reasoning, completions, embeddings', () => {
  let gateway: TestGateway;

  before(async () => {
    gateway = await startGateway({
      server: { api_key: 'test-key' },
      embedded: TEST_RUNTIME,
      deployments: [
        await embeddedDeployment('random', 'tiny-qwen', { preset: 'tiny-qwen2' }),
        await embeddedDeployment('caller', 'tool-qwen', { preset: 'tiny-qwen2', script: TOOL_CALL_SCRIPT }),
        await embeddedDeployment('thinker', 'tiny-r1', {
          preset: 'tiny-deepseek-r1',
          script: ['Let me think', ' step by step.', '</think>', '\n\nThe answer is 42.'],
        }),
        await embeddedDeployment('random-r1', 'random-r1', { preset: 'tiny-deepseek-r1', seed: 5 }),
        await embeddedDeployment('qwen3', 'tiny-qwen3', {
          preset: 'tiny-qwen3',
          script: ['<think>', '\nHmm, mari kita lihat.\n', '</think>', '\n\nJawabannya 42.'],
        }),
        await embeddedDeployment('llama', 'tiny-llama', { preset: 'tiny-llama' }),
        await embeddedDeployment('no-embed', 'no-embed', { preset: 'tiny-qwen2' }, { embeddings: false }),
      ],
    });
  });
  after(() => gateway.close());

  it('returns a tool call the model made, with an id and string arguments, and finish_reason tool_calls', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'tool-qwen',
      messages: ask,
      tools: [weatherTool],
      temperature: 0,
    });
    const choice = completion.choices[0]!;
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    const call = choice.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.match(call.id, /^call_[A-Za-z0-9_-]{24}$/);
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Jakarta' });
  });

  it('streams the tool call as deltas with the id and name first', async () => {
    const stream = await gateway.client.chat.completions.create({
      model: 'tool-qwen',
      messages: ask,
      tools: [weatherTool],
      temperature: 0,
      stream: true,
    });
    const deltas = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, 'tool_calls');
    assert.equal(deltas[0]?.function?.name, 'get_weather');
    assert.ok(deltas[0]?.id?.startsWith('call_'));
    const argumentsText = deltas.map((delta) => delta.function?.arguments ?? '').join('');
    assert.deepEqual(JSON.parse(argumentsText), { city: 'Jakarta' });
  });

  it('maps tool results in the history back into the prompt (round trip)', async () => {
    const first = await gateway.client.chat.completions.create({
      model: 'tool-qwen',
      messages: ask,
      tools: [weatherTool],
      temperature: 0,
    });
    const call = first.choices[0]!.message.tool_calls![0]!;
    const second = await gateway.client.chat.completions.create({
      model: 'tool-qwen',
      tools: [weatherTool],
      temperature: 0,
      messages: [
        ...ask,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temperature_c": 31, "sky": "berawan"}' },
      ],
    });
    assert.ok((second.usage?.prompt_tokens ?? 0) > (first.usage?.prompt_tokens ?? 0) + 20);
    assert.equal(second.choices[0]?.finish_reason, 'tool_calls');
  });

  it('forces a call to the named function, with arguments that follow its schema, even from random weights', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'tiny-qwen',
      messages: ask,
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      seed: 3,
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
    assert.equal(typeof args.city, 'string');
    assert.ok((args.city as string).length <= 24);
    if ('unit' in args) assert.ok(['celsius', 'fahrenheit'].includes(args.unit as string));
    if ('days' in args) assert.ok(Number.isInteger(args.days));
    assert.deepEqual(
      Object.keys(args).filter((key) => !['city', 'unit', 'days'].includes(key)),
      [],
    );
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  });

  it('refuses tool_choice naming a function that is not in tools', async () => {
    await assert.rejects(
      gateway.client.chat.completions.create({
        model: 'tiny-qwen',
        messages: ask,
        tools: [weatherTool],
        tool_choice: { type: 'function', function: { name: 'launch' } },
      }),
      { status: 400, param: 'tool_choice' },
    );
  });

  it('holds output to a JSON schema, so random weights still give valid JSON', async () => {
    for (const seed of [1, 2, 3]) {
      const completion = await gateway.client.chat.completions.create({
        model: 'tiny-llama',
        messages: [{ role: 'user', content: 'Nilai jawaban ini.' }],
        seed,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'grade',
            schema: {
              type: 'object',
              properties: {
                verdict: { enum: ['benar', 'salah'] },
                score: { type: 'integer' },
                note: { type: 'string', maxLength: 16 },
              },
              required: ['verdict', 'score'],
            },
          },
        },
      });
      assert.equal(completion.choices[0]?.finish_reason, 'stop');
      const value = JSON.parse(completion.choices[0]?.message.content ?? '') as Record<string, unknown>;
      assert.ok(['benar', 'salah'].includes(value.verdict as string));
      assert.ok(Number.isInteger(value.score));
      if ('note' in value) assert.ok(typeof value.note === 'string' && value.note.length <= 16);
    }
  });

  it('separates reasoning_content from the answer (the template opened <think>)', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'tiny-r1',
      messages: ask,
      temperature: 0,
    });
    const message = completion.choices[0]?.message as { content: string; reasoning_content?: string };
    assert.equal(message.reasoning_content, 'Let me think step by step.');
    assert.equal(message.content, 'The answer is 42.');
  });

  it('streams reasoning_content deltas before the answer', async () => {
    const stream = await gateway.client.chat.completions.create({
      model: 'tiny-r1',
      messages: ask,
      temperature: 0,
      stream: true,
    });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta: { content?: string | null; reasoning_content?: string } | undefined =
        chunk.choices[0]?.delta;
      if (delta?.reasoning_content) {
        assert.equal(content, '', 'reasoning after the answer began');
        reasoning += delta.reasoning_content;
      }
      content += delta?.content ?? '';
    }
    assert.equal(reasoning, 'Let me think step by step.');
    assert.equal(content, 'The answer is 42.');
  });

  it('keeps an unfinished think block as reasoning when max_tokens cuts it', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'random-r1',
      messages: ask,
      max_tokens: 8,
      seed: 1,
    });
    const message = completion.choices[0]?.message as { content: string | null; reasoning_content?: string };
    assert.equal(completion.choices[0]?.finish_reason, 'length');
    assert.ok((message.reasoning_content ?? '').length > 0);
  });

  it("switches Qwen3's thinking with chat_template_kwargs.enable_thinking and reasoning_effort", async () => {
    const thinking = await gateway.client.chat.completions.create({
      model: 'tiny-qwen3',
      messages: ask,
      temperature: 0,
    });
    const thought = thinking.choices[0]?.message as { content: string; reasoning_content?: string };
    assert.equal(thought.reasoning_content, 'Hmm, mari kita lihat.');
    assert.equal(thought.content, 'Jawabannya 42.');
    const off = await gateway.client.chat.completions.create({
      model: 'tiny-qwen3',
      messages: ask,
      max_tokens: 4,
      seed: 1,
      chat_template_kwargs: { enable_thinking: false },
    } as never);
    const none = await gateway.client.chat.completions.create({
      model: 'tiny-qwen3',
      messages: ask,
      max_tokens: 4,
      seed: 1,
      reasoning_effort: 'none',
    } as never);
    // The template closes an empty think block in the prompt, so the answer starts at once.
    assert.ok((off.usage?.prompt_tokens ?? 0) > (thinking.usage?.prompt_tokens ?? 0));
    assert.equal(none.usage?.prompt_tokens, off.usage?.prompt_tokens);
    assert.equal((off.choices[0]?.message as { reasoning_content?: string }).reasoning_content, undefined);
  });

  it('serves legacy completions, streaming and not', async () => {
    const completion = await gateway.client.completions.create({
      model: 'tiny-qwen',
      prompt: 'Pada suatu hari',
      max_tokens: 5,
      seed: 2,
    });
    assert.equal(completion.choices[0]?.finish_reason, 'length');
    assert.equal(completion.usage?.completion_tokens, 5);
    assert.ok((completion.choices[0]?.text.length ?? 0) > 0);
    const stream = await gateway.client.completions.create({
      model: 'tiny-qwen',
      prompt: 'Pada suatu hari',
      max_tokens: 5,
      seed: 2,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    assert.equal(text, completion.choices[0]?.text);
  });

  it('embeds text as float vectors and base64, with usage', async () => {
    const result = await gateway.client.embeddings.create({
      model: 'tiny-qwen',
      input: ['halo dunia', 'selamat pagi'],
    });
    assert.equal(result.data.length, 2);
    const [first, second] = result.data;
    assert.equal(first?.embedding.length, 64);
    assert.notDeepEqual(first?.embedding, second?.embedding);
    assert.ok((result.usage.prompt_tokens ?? 0) > 0);
    const encoded = await gateway.client.embeddings.create({
      model: 'tiny-qwen',
      input: 'halo dunia',
      encoding_format: 'base64',
    });
    // Asked for base64 explicitly, the SDK hands back the string: little-endian float32s.
    const bytes = Buffer.from(encoded.data[0]?.embedding as unknown as string, 'base64');
    const vector = [...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)];
    assert.equal(vector.length, 64);
    vector.forEach((value, index) => assert.ok(Math.abs(value - first.embedding[index]!) < 1e-5));
  });

  it('refuses embeddings on a deployment that turned them off', async () => {
    await assert.rejects(gateway.client.embeddings.create({ model: 'no-embed', input: 'x' }), {
      status: 400,
      param: 'model',
    });
  });
});
