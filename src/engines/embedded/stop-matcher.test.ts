import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StopMatcher } from './stop-matcher.ts';

function run(stops: string[], chunks: string[]): { text: string; stopped: boolean } {
  const matcher = new StopMatcher(stops);
  let text = '';
  for (const chunk of chunks) {
    const result = matcher.push(chunk);
    text += result.text;
    if (result.stopped) return { text, stopped: true };
  }
  return { text: text + matcher.flush(), stopped: false };
}

describe('StopMatcher', () => {
  it('stops before a stop sequence split across chunks, never sending it', () => {
    assert.deepEqual(run(['END'], ['one E', 'N', 'D two']), { text: 'one ', stopped: true });
  });

  it('stops at the earliest of several stop sequences', () => {
    assert.deepEqual(run(['zz', 'b'], ['a b zz']), { text: 'a ', stopped: true });
  });

  it('releases a held tail that turned out not to be a stop', () => {
    const matcher = new StopMatcher(['###']);
    assert.deepEqual(matcher.push('a #'), { text: 'a ', stopped: false });
    assert.deepEqual(matcher.push('x'), { text: '#x', stopped: false });
    assert.equal(matcher.flush(), '');
  });

  it('passes everything through without stop sequences', () => {
    assert.deepEqual(run([], ['a', 'b']), { text: 'ab', stopped: false });
  });
});
