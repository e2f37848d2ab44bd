import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ThinkSplitter, type SplitPiece } from './think-splitter.ts';

function run(chunks: readonly string[], startInReasoning = false): { reasoning: string; content: string } {
  const splitter = new ThinkSplitter(startInReasoning);
  const pieces: SplitPiece[] = [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
  return {
    reasoning: pieces
      .filter((piece) => piece.kind === 'reasoning')
      .map((piece) => piece.text)
      .join(''),
    content: pieces
      .filter((piece) => piece.kind === 'content')
      .map((piece) => piece.text)
      .join(''),
  };
}

/** Every way of cutting `text` into two or three chunks. */
function cuts(text: string): string[][] {
  const result: string[][] = [[text]];
  for (let i = 1; i < text.length; i++) {
    result.push([text.slice(0, i), text.slice(i)]);
    for (let j = i + 1; j < text.length; j++)
      result.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return result;
}

describe('ThinkSplitter', () => {
  it('separates an opened and closed think block from the answer', () => {
    assert.deepEqual(run(['<think>\nhmm, 6*7</think>\n\nIt is 42.']), {
      reasoning: 'hmm, 6*7',
      content: 'It is 42.',
    });
  });

  it('handles the tags split across chunks at every position', () => {
    for (const chunks of cuts('<think>a b</think>\n\nc')) {
      assert.deepEqual(run(chunks), { reasoning: 'a b', content: 'c' }, JSON.stringify(chunks));
    }
  });

  it('starts in reasoning when the prompt opened the block (missing opening tag)', () => {
    for (const chunks of cuts('plan</think>done')) {
      assert.deepEqual(run(chunks, true), { reasoning: 'plan', content: 'done' }, JSON.stringify(chunks));
    }
  });

  it('treats text without tags as the answer, releasing it at once', () => {
    const splitter = new ThinkSplitter(false);
    assert.deepEqual(splitter.push('Hello'), [{ kind: 'content', text: 'Hello' }]);
    assert.deepEqual(splitter.push(' <think> later'), [{ kind: 'content', text: ' <think> later' }]);
  });

  it('holds back only what may still become a tag', () => {
    const splitter = new ThinkSplitter(true);
    assert.deepEqual(splitter.push('step one </th'), [{ kind: 'reasoning', text: 'step one' }]);
    assert.deepEqual(splitter.push('ing'), [{ kind: 'reasoning', text: ' </thing' }]);
  });

  it('drops the layout whitespace around the reasoning, even when it arrives in its own chunk', () => {
    assert.deepEqual(run(['<think>\n', 'plan', '\n', '\n</think>\n\n', 'answer']), {
      reasoning: 'plan',
      content: 'answer',
    });
    assert.deepEqual(run(['a \n', 'b</think>c'], true), { reasoning: 'a \nb', content: 'c' });
  });

  it('keeps an unclosed think block as reasoning when generation stops', () => {
    assert.deepEqual(run(['<think>never ends </thi']), { reasoning: 'never ends </thi', content: '' });
  });

  it('passes a lone prefix of the tag through as content at the end', () => {
    assert.deepEqual(run(['<thi']), { reasoning: '', content: '<thi' });
  });
});
