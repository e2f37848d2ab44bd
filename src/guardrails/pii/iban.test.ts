import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ibanRecognizer } from './iban.ts';
import type { Candidate } from './recognizer.ts';

function values(text: string): string[] {
  const out: Candidate[] = [];
  ibanRecognizer.find(text, out);
  return out.map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('ibanRecognizer', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['DE89370400440532013000', ['DE89370400440532013000']],
    ['IBAN: DE89 3704 0044 0532 0130 00.', ['DE89 3704 0044 0532 0130 00']],
    ['GB82 WEST 1234 5698 7654 32 AND MORE', ['GB82 WEST 1234 5698 7654 32']],
    ['NL91ABNA0417164300', ['NL91ABNA0417164300']],
    ['DE89370400440532013001', []],
    ['DE88370400440532013000', []],
    ['DE8937040044053201300', []],
    ['XDE89370400440532013000', []],
    ['de89370400440532013000', []],
    ['ZZ89370400440532013000', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('reports financial data at 0.95', () => {
    const out: Candidate[] = [];
    ibanRecognizer.find('DE89370400440532013000', out);
    assert.deepEqual(
      out.map((c) => [c.category, c.dataClass, c.score]),
      [['iban', 'financial', 0.95]],
    );
  });
});
