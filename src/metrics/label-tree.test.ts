import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelTree } from './label-tree.ts';

const made = (labels: readonly string[]) => ({ labels: [...labels], count: 0 });

describe('LabelTree', () => {
  it('makes a value once per label set and finds it again', () => {
    const tree = new LabelTree<{ labels: string[]; count: number }>(3);
    tree.at(made, 'chat', 'm', 'ok').count += 1;
    tree.at(made, 'chat', 'm', 'ok').count += 1;
    tree.at(made, 'chat', 'm', 'error').count += 1;
    assert.deepEqual(
      tree.values().map((value) => [value.labels.join('/'), value.count]),
      [
        ['chat/m/ok', 2],
        ['chat/m/error', 1],
      ],
    );
  });

  it('keeps label sets apart that a joined key would run together', () => {
    const tree = new LabelTree<{ labels: string[]; count: number }>(2);
    tree.at(made, 'a\u0000b', 'c').count += 1;
    tree.at(made, 'a', 'b\u0000c').count += 1;
    tree.at(made, '', 'x').count += 1;
    assert.equal(tree.values().length, 3);
  });

  it('refuses a path of the wrong length and forgets everything on clear', () => {
    const tree = new LabelTree<{ labels: string[]; count: number }>(2);
    assert.throws(() => tree.at(made, 'only-one'), /expected 2 label values, got 1/);
    assert.throws(() => new LabelTree(0), /depth of at least 1/);
    tree.at(made, 'a', 'b');
    tree.clear();
    assert.deepEqual(tree.values(), []);
    assert.equal(tree.at(made, 'a', 'b').count, 0);
  });
});
