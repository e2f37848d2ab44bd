import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapFinishReason } from './finish-reason.ts';

void describe('mapFinishReason', () => {
  const cases: [unknown, string, string | null][] = [
    ['stop', 'stop', 'stop'],
    ['length', 'length', 'length'],
    ['tool_calls', 'tool-calls', 'tool_calls'],
    ['function_call', 'tool-calls', 'function_call'],
    ['content_filter', 'content-filter', 'content_filter'],
    ['eos_token', 'stop', 'eos_token'],
    ['abort', 'other', 'abort'],
    ['', 'other', ''],
    [null, 'other', null],
    [undefined, 'other', null],
    [3, 'other', null],
  ];
  for (const [raw, unified, expectedRaw] of cases) {
    void it(`maps ${JSON.stringify(raw) ?? 'undefined'} to ${unified}`, () => {
      assert.deepEqual(mapFinishReason(raw), { unified, raw: expectedRaw });
    });
  }
});
