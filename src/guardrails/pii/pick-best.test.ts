import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickBest } from './pick-best.ts';
import type { Candidate } from './recognizer.ts';

function candidate(category: Candidate['category'], start: number, end: number, score: number): Candidate {
  return { category, dataClass: 'personal', start, end, score };
}

describe('pickBest', () => {
  it('keeps the highest score among overlapping readings, then the priority, then the longer span', () => {
    const kept = pickBest(
      [
        candidate('card', 0, 16, 0.7),
        candidate('id_nik', 0, 16, 0.75),
        candidate('phone', 20, 30, 0.7),
        candidate('bank_account', 20, 30, 0.7),
        candidate('email', 40, 60, 0.9),
        candidate('id_nik', 45, 61, 0.75),
      ],
      ['id_nik', 'bank_account', 'phone'],
    );
    assert.deepEqual(
      kept.map((c) => c.category),
      ['id_nik', 'bank_account', 'email'],
    );
  });

  it('keeps disjoint candidates in text order', () => {
    const kept = pickBest([candidate('email', 30, 40, 0.9), candidate('phone', 0, 10, 0.7)], []);
    assert.deepEqual(
      kept.map((c) => c.start),
      [0, 30],
    );
  });
});
