import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGuardModel, type GuardModelCall } from './guard-model.ts';

const turns = [{ role: 'user' as const, content: 'hello' }];
const signal = new AbortController().signal;

function judgeWith(call: GuardModelCall, format: 'llama-guard-3' | 'qwen3-guard' = 'llama-guard-3') {
  return createGuardModel({ format, call, timeoutMs: 50 }).judge(turns, signal);
}

describe('createGuardModel', () => {
  it('finds nothing in a safe verdict and one finding per violated category otherwise', async () => {
    assert.deepEqual(await judgeWith(async () => 'safe'), []);
    const findings = await judgeWith(async () => 'unsafe\nS1,S10');
    assert.deepEqual(
      findings.map((finding) => [finding.scanner, finding.category, finding.score]),
      [
        ['guard_model', 'S1', 1],
        ['guard_model', 'S10', 1],
      ],
    );
  });

  it('scores a controversial verdict 0.5 and names an unsafe one without categories', async () => {
    const controversial = await judgeWith(
      async () => 'Safety: Controversial\nCategories: Jailbreak',
      'qwen3-guard',
    );
    assert.deepEqual(
      controversial.map((finding) => [finding.category, finding.score]),
      [['Jailbreak', 0.5]],
    );
    const bare = await judgeWith(async () => 'unsafe');
    assert.deepEqual(
      bare.map((finding) => finding.category),
      ['unsafe'],
    );
  });

  it('reports the guard model unavailable when it fails, times out or answers something unreadable', async () => {
    const unavailable = [{ scanner: 'guard_model', category: 'unavailable', start: 0, end: 0, score: 0 }];
    assert.deepEqual(await judgeWith(async () => Promise.reject(new Error('502'))), unavailable);
    assert.deepEqual(
      await judgeWith(
        (_turns, timeout) =>
          new Promise((_resolve, reject) =>
            timeout.addEventListener('abort', () => reject(new Error('timeout'))),
          ),
      ),
      unavailable,
    );
    assert.deepEqual(await judgeWith(async () => 'I am not sure.'), unavailable);
  });

  it('asks nothing about an empty conversation', async () => {
    let asked = false;
    const model = createGuardModel({
      format: 'llama-guard-3',
      call: async () => ((asked = true), 'safe'),
      timeoutMs: 50,
    });
    assert.deepEqual(await model.judge([], signal), []);
    assert.equal(asked, false);
  });
});
