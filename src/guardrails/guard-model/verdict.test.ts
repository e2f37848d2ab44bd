import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVerdict, type GuardVerdict } from './verdict.ts';

describe('parseVerdict', () => {
  const cases: [Parameters<typeof parseVerdict>[0], string, GuardVerdict][] = [
    ['llama-guard-3', '\n\nsafe', { verdict: 'safe', categories: [] }],
    ['llama-guard-3', 'Safe.', { verdict: 'safe', categories: [] }],
    ['llama-guard-3', '\n\nunsafe\nS1', { verdict: 'unsafe', categories: ['S1'] }],
    ['llama-guard-3', 'unsafe\nS1,S10', { verdict: 'unsafe', categories: ['S1', 'S10'] }],
    ['llama-guard-3', 'UNSAFE s9, s09 S14', { verdict: 'unsafe', categories: ['S9', 'S14'] }],
    ['llama-guard-3', 'unsafe', { verdict: 'unsafe', categories: [] }],
    ['llama-guard-3', 'I cannot help with that.', { verdict: 'unknown', categories: [] }],
    ['llama-guard-3', '', { verdict: 'unknown', categories: [] }],
    ['llama-guard-3', 'unsafeS1', { verdict: 'unknown', categories: [] }],
    ['qwen3-guard', 'Safety: Safe\nCategories: None', { verdict: 'safe', categories: [] }],
    ['qwen3-guard', 'Safety: Unsafe\nCategories: Violent', { verdict: 'unsafe', categories: ['Violent'] }],
    [
      'qwen3-guard',
      'safety:  controversial\ncategories: Politically Sensitive Topics, Jailbreak.\nRefusal: No',
      { verdict: 'controversial', categories: ['Politically Sensitive Topics', 'Jailbreak'] },
    ],
    ['qwen3-guard', 'Safety: Unsafe', { verdict: 'unsafe', categories: [] }],
    ['qwen3-guard', 'unsafe', { verdict: 'unknown', categories: [] }],
  ];
  for (const [format, text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} from ${format} as ${expected.verdict}`, () => {
      assert.deepEqual(parseVerdict(format, text), expected);
    });
  }
});
