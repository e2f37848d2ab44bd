import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent } from '../engine.ts';
import { GatewayError } from '../../errors.ts';
import { StreamTranslator, type StreamKind } from './translate-stream.ts';

function translate(
  chunks: unknown[],
  kind: StreamKind = 'chat',
): { events: ChatEvent[]; translator: StreamTranslator } {
  const translator = new StreamTranslator('vllm-a', kind, 'req-1');
  const events: ChatEvent[] = [];
  for (const chunk of chunks) if (!translator.push(chunk, events)) break;
  return { events, translator };
}

const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 100, model: 'qwen3' };

void describe('StreamTranslator (chat)', () => {
  void it('emits start, a role-only text-delta, text deltas, finish and usage', () => {
    const { events, translator } = translate([
      { ...head, choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...head, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    assert.deepEqual(events, [
      { type: 'start', id: 'chatcmpl-1', created: 100 },
      { type: 'text-delta', choice: 0, text: '' },
      { type: 'text-delta', choice: 0, text: 'Hel' },
      { type: 'text-delta', choice: 0, text: 'lo' },
      { type: 'finish', choice: 0, reason: { unified: 'stop', raw: 'stop' } },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } },
    ]);
    assert.equal(translator.isComplete, true);
  });

  void it('translates reasoning_content and reasoning deltas, remembering the field', () => {
    const { events } = translate([
      { ...head, choices: [{ index: 0, delta: { reasoning_content: 'a' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: { reasoning: 'b', content: null }, finish_reason: null }] },
    ]);
    assert.deepEqual(events.slice(1), [
      { type: 'reasoning-delta', choice: 0, text: 'a', field: 'reasoning_content' },
      { type: 'reasoning-delta', choice: 0, text: 'b', field: 'reasoning' },
    ]);
  });

  void it('translates streamed tool-call deltas entry by entry', () => {
    const { events } = translate([
      {
        ...head,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                { index: 0, id: 'call_1', type: 'function', function: { name: 'get', arguments: '' } },
                { index: 1, id: 'call_2', type: 'function', function: { name: 'put' } },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      {
        ...head,
        choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] } }],
      },
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ]);
    assert.deepEqual(events.slice(1), [
      { type: 'tool-call-delta', choice: 0, index: 0, id: 'call_1', name: 'get', arguments: '' },
      { type: 'tool-call-delta', choice: 0, index: 1, id: 'call_2', name: 'put' },
      { type: 'tool-call-delta', choice: 0, index: 0, arguments: '{"q":' },
      { type: 'finish', choice: 0, reason: { unified: 'tool-calls', raw: 'tool_calls' } },
    ]);
  });

  void it('puts unknown top-level fields on start and unknown choice and delta fields on the first event of the choice', () => {
    const { events } = translate([
      {
        ...head,
        system_fingerprint: 'fp',
        choices: [
          { index: 0, delta: { content: 'x', audio: { id: 'a' } }, logprobs: null, finish_reason: null },
        ],
      },
      {
        ...head,
        system_fingerprint: 'fp',
        choices: [
          { index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop', stop_reason: 151645 },
        ],
      },
    ]);
    assert.deepEqual(events, [
      { type: 'start', id: 'chatcmpl-1', created: 100, extra: { system_fingerprint: 'fp' } },
      {
        type: 'text-delta',
        choice: 0,
        text: 'x',
        extra: { delta: { audio: { id: 'a' } }, choice: { logprobs: null } },
      },
      {
        type: 'text-delta',
        choice: 0,
        text: '',
        extra: { choice: { logprobs: null, stop_reason: 151645 }, chunk: { system_fingerprint: 'fp' } },
      },
      { type: 'finish', choice: 0, reason: { unified: 'stop', raw: 'stop' } },
    ]);
  });

  void it('emits an empty text-delta for a choice with only unknown fields', () => {
    const { events } = translate([
      { ...head, choices: [{ index: 0, delta: { custom: 1 }, finish_reason: null }] },
    ]);
    assert.deepEqual(events[1], { type: 'text-delta', choice: 0, text: '', extra: { delta: { custom: 1 } } });
  });

  void it('emits nothing for a choice with an empty delta and no unknown fields', () => {
    const { events } = translate([{ ...head, choices: [{ index: 0, delta: {}, finish_reason: null }] }]);
    assert.deepEqual(events, [{ type: 'start', id: 'chatcmpl-1', created: 100 }]);
  });

  void it('tracks every choice: the stream is complete only once all have finished', () => {
    const { translator, events } = translate([
      {
        ...head,
        choices: [
          { index: 0, delta: { content: 'a' }, finish_reason: null },
          { index: 1, delta: { content: 'b' }, finish_reason: null },
        ],
      },
      { ...head, choices: [{ index: 1, delta: {}, finish_reason: 'length' }] },
    ]);
    assert.equal(translator.isComplete, false);
    assert.deepEqual(events.at(-1), {
      type: 'finish',
      choice: 1,
      reason: { unified: 'length', raw: 'length' },
    });
    translator.push({ ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }, events);
    assert.equal(translator.isComplete, true);
  });

  void it('turns an error object into an error event and ends', () => {
    const { events } = translate([
      { ...head, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }] },
      { error: { object: 'error', message: 'boom', type: 'InternalServerError', code: 500 } },
      { ...head, choices: [{ index: 0, delta: { content: 'never' }, finish_reason: null }] },
    ]);
    assert.equal(events.length, 3);
    const last = events[2];
    assert.ok(last?.type === 'error');
    assert.equal(last.error.code, 'upstream_error');
    assert.equal(last.error.message, "deployment 'vllm-a' sent an error mid-stream: boom");
  });

  void it('relays a 4xx error object as upstream_rejected', () => {
    const { events } = translate([{ error: { message: 'too long', code: 400 } }]);
    assert.equal(events[0]?.type, 'start');
    const last = events[1];
    assert.ok(last?.type === 'error');
    assert.equal(last.error.code, 'upstream_rejected');
    assert.equal(last.error.status, 400);
  });

  void it('fails with a synthetic start when nothing arrived yet', () => {
    const translator = new StreamTranslator('vllm-a', 'chat', 'req-1');
    const events: ChatEvent[] = [];
    const error = new GatewayError('stream_interrupted', 'x');
    translator.fail(error, events);
    assert.equal(events.length, 2);
    assert.equal(events[0]?.type === 'start' && events[0].id, 'req-1');
    assert.deepEqual(events[1], { type: 'error', error });
  });
});

void describe('StreamTranslator (completion)', () => {
  void it('turns choices[].text into text deltas with the same rules', () => {
    const chunk = { id: 'cmpl-1', object: 'text_completion', created: 5, model: 'm' };
    const { events, translator } = translate(
      [
        { ...chunk, choices: [{ index: 0, text: 'ab', logprobs: null, finish_reason: null }] },
        { ...chunk, choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'length' }] },
        { ...chunk, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
      ],
      'completion',
    );
    assert.deepEqual(events, [
      { type: 'start', id: 'cmpl-1', created: 5 },
      { type: 'text-delta', choice: 0, text: 'ab', extra: { choice: { logprobs: null } } },
      { type: 'text-delta', choice: 0, text: '', extra: { choice: { logprobs: null } } },
      { type: 'finish', choice: 0, reason: { unified: 'length', raw: 'length' } },
      { type: 'usage', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } },
    ]);
    assert.equal(translator.isComplete, true);
  });
});
