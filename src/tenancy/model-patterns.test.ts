import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isModelAllowed } from './model-patterns.ts';

describe('isModelAllowed', () => {
  const cases: [readonly string[] | undefined, string, boolean][] = [
    [undefined, 'anything', true],
    [['qwen*'], 'qwen2.5-7b-instruct', true],
    [['qwen*'], 'Qwen/Qwen2.5-7B', true],
    [['Qwen/*'], 'qwen/qwen2.5-7b', true],
    [['llama3.?-*'], 'llama3.1-8b', true],
    [['llama3.?-*'], 'llama3.10-8b', false],
    [['gpt-4.1'], 'gpt-4x1', false],
    [['qwen*', 'deepseek-r1:*'], 'deepseek-r1:7b', true],
    [['qwen*'], 'my-qwen', false],
  ];
  for (const [patterns, model, expected] of cases) {
    it(`${JSON.stringify(patterns)} ${expected ? 'allows' : 'refuses'} ${model}`, () => {
      assert.equal(isModelAllowed(patterns, model), expected);
    });
  }
});
