import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shannonEntropy } from './entropy.ts';

describe('shannonEntropy', () => {
  it('measures bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abab'), 1);
    assert.equal(shannonEntropy('0123456789abcdef'), 4);
  });
});
