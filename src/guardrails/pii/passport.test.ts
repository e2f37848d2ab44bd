import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passportRecognizer } from './passport.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  passportRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('passportRecognizer', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['No. paspor: A1234567', ['A1234567']],
    ['passport X7654321.', ['X7654321']],
    ['passport number 123456789', ['123456789']],
    ['paspor Malaysia A12345678', ['A12345678']],
    ['A1234567', []],
    ['kode A1234567', []],
    ['paspor a1234567', []],
    ['paspor AB1234567890', []],
    ['paspor A1234567X9', []],
    ['passport is valid', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('scores the Indonesian form 0.9 and other forms 0.8, as national_id data', () => {
    assert.deepEqual(
      found('paspor A1234567').map((c) => [c.category, c.dataClass, c.score]),
      [['passport', 'national_id', 0.9]],
    );
    assert.equal(found('passport 123456789')[0]?.score, 0.8);
  });
});
