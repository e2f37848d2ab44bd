import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent } from '../../engines/engine.ts';
import { GatewayError } from '../../errors.ts';
import { ChatStreamEncoder, encodeChatResponse } from './openai-chat.ts';

function decode(text: string): unknown {
  assert.ok(text.startsWith('data: ') && text.endsWith('\n\n'), text);
  return JSON.parse(text.slice(6));
}

describe('ChatStreamEncoder', () => {
  const start: ChatEvent = { type: 'start', id: 'c1', created: 7, extra: { system_fingerprint: 'fp' } };

  it('writes OpenAI chunks under the public model, with role on the first delta of each choice', () => {
    const encoder = new ChatStreamEncoder({ model: 'qwen', includeUsage: false });
    assert.equal(encoder.encode(start), '');
    const first = decode(
      encoder.encode({ type: 'text-delta', choice: 0, text: 'Hi', extra: { choice: { logprobs: null } } }),
    );
    assert.deepEqual(first, {
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 7,
      model: 'qwen',
      system_fingerprint: 'fp',
      choices: [
        { index: 0, delta: { role: 'assistant', content: 'Hi' }, logprobs: null, finish_reason: null },
      ],
    });
    const second = decode(
      encoder.encode({ type: 'reasoning-delta', choice: 0, text: 'hmm', field: 'reasoning' }),
    ) as { choices: unknown[] };
    assert.deepEqual(second.choices, [{ index: 0, delta: { reasoning: 'hmm' }, finish_reason: null }]);
  });

  it('writes tool-call deltas, finish reasons and per-chunk top-level fields', () => {
    const encoder = new ChatStreamEncoder({ model: 'm', includeUsage: false });
    encoder.encode(start);
    const call = decode(
      encoder.encode({ type: 'tool-call-delta', choice: 0, index: 0, id: 't1', name: 'f', arguments: '' }),
    ) as { choices: unknown[] };
    assert.deepEqual(call.choices, [
      {
        index: 0,
        delta: {
          role: 'assistant',
          tool_calls: [{ index: 0, id: 't1', type: 'function', function: { name: 'f', arguments: '' } }],
        },
        finish_reason: null,
      },
    ]);
    const finish = decode(
      encoder.encode({
        type: 'finish',
        choice: 0,
        reason: { unified: 'tool-calls', raw: 'tool_calls' },
        extra: { chunk: { service_tier: 'x' } },
      }),
    ) as Record<string, unknown>;
    assert.equal(finish.service_tier, 'x');
    assert.deepEqual(finish.choices, [{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
  });

  it('writes repeated text deltas byte for byte as the general path would, whatever their text and extras', () => {
    const encoder = new ChatStreamEncoder({ model: 'qwen', includeUsage: false });
    encoder.encode(start);
    const logprobs = { choice: { logprobs: null } };
    const tricky = ['"quoted"', 'back\\slash', 'line\nbreak', 'emoji 😀', '\u0000', '</script>', ''];
    const events: ChatEvent[] = [
      { type: 'text-delta', choice: 0, text: 'first', extra: logprobs },
      ...tricky.map((text): ChatEvent => ({ type: 'text-delta', choice: 0, text, extra: logprobs })),
      ...tricky.map((text): ChatEvent => ({ type: 'text-delta', choice: 0, text })),
      { type: 'reasoning-delta', choice: 0, text: 'think "hard"', field: 'reasoning_content' },
      { type: 'text-delta', choice: 1, text: 'other choice' },
      { type: 'text-delta', choice: 1, text: 'again', extra: { delta: { refusal: null } } },
      { type: 'text-delta', choice: 0, text: 'per-chunk', extra: { chunk: { service_tier: 'x' } } },
      { type: 'text-delta', choice: 0, text: 'last' },
    ];
    const seen = new Set<number>();
    for (const event of events) {
      assert.ok(event.type === 'text-delta' || event.type === 'reasoning-delta');
      const field = event.type === 'reasoning-delta' ? event.field : 'content';
      // Daulat's own fields first, then the delta's pass-through fields.
      const delta = {
        ...(seen.has(event.choice) ? {} : { role: 'assistant' }),
        [field]: event.text,
        ...event.extra?.delta,
      };
      seen.add(event.choice);
      const chunk = {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 7,
        model: 'qwen',
        system_fingerprint: 'fp',
        choices: [{ index: event.choice, delta, ...event.extra?.choice, finish_reason: null }],
        ...event.extra?.chunk,
      };
      assert.equal(encoder.encode(event), `data: ${JSON.stringify(chunk)}\n\n`, JSON.stringify(event));
    }
  });

  it('sends the usage chunk only when asked, and errors as an error object', () => {
    const usage: ChatEvent = {
      type: 'usage',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
    };
    const hidden = new ChatStreamEncoder({ model: 'm', includeUsage: false });
    hidden.encode(start);
    assert.equal(hidden.encode(usage), '');
    const shown = new ChatStreamEncoder({ model: 'm', includeUsage: true });
    shown.encode(start);
    assert.deepEqual((decode(shown.encode(usage)) as { usage: unknown }).usage, {
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
    });
    const error = decode(
      shown.encode({ type: 'error', error: new GatewayError('stream_interrupted', 'cut') }),
    );
    assert.deepEqual(error, {
      error: { message: 'cut', type: 'api_error', param: null, code: 'stream_interrupted' },
    });
    assert.equal(shown.done(), 'data: [DONE]\n\n');
  });
});

describe('encodeChatResponse', () => {
  it('keeps unknown fields where they came from and maps unified finish reasons', () => {
    const body = JSON.parse(
      encodeChatResponse(
        {
          id: 'c',
          created: 1,
          extra: { system_fingerprint: 'fp' },
          choices: [
            {
              index: 0,
              content: 'x',
              reasoning: { text: 'r', field: 'reasoning_content' },
              finishReason: { unified: 'length', raw: null },
              messageExtra: { refusal: null },
              choiceExtra: { logprobs: null },
            },
          ],
          usage: {
            promptTokens: 1,
            completionTokens: 1,
            totalTokens: 2,
            extra: { prompt_tokens_details: { cached_tokens: 0 } },
          },
        },
        'alias',
      ),
    ) as Record<string, unknown>;
    assert.deepEqual(body, {
      id: 'c',
      object: 'chat.completion',
      created: 1,
      model: 'alias',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'x', reasoning_content: 'r', refusal: null },
          finish_reason: 'length',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 1,
        completion_tokens: 1,
        total_tokens: 2,
        prompt_tokens_details: { cached_tokens: 0 },
      },
      system_fingerprint: 'fp',
    });
  });
});
