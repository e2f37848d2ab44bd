import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPhraseMatcher } from './phrase-matcher.ts';

const match = createPhraseMatcher([
  ['no rek', 'bank'],
  ['rek', 'bank-short'],
  ['a/n', 'holder'],
  ['e-ktp', 'nik'],
  ['nomor kartu kredit', 'card'],
  ['kartu', 'kartu'],
]);

function labels(text: string, from = 0, to = text.length): string[] {
  return match(text, from, to).map((hit) => `${hit.label}:${text.slice(hit.start, hit.end)}`);
}

describe('createPhraseMatcher', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['No. Rek 123', ['bank:No. Rek']],
    ['no.rek', ['bank:no.rek']],
    ['no   rek', ['bank:no   rek']],
    ['no    rek', ['bank-short:rek']],
    ['rekening', []],
    ['A/N Budi', ['holder:A/N']],
    ['E-KTP.', ['nik:E-KTP.']],
    ['ektp', []],
    ['Nomor Kartu Kredit dan kartu', ['card:Nomor Kartu Kredit', 'kartu:kartu']],
    ['nomor kartu debit', ['kartu:kartu']],
    ['kartuku', []],
    ['nikä kartuä', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(labels(text), expected);
    });
  }

  it('finds phrases that start in the range, even when they run past its end, but not words cut by its start', () => {
    const text = 'x no rek y kartu';
    assert.deepEqual(labels(text, 2, 4), ['bank:no rek']);
    assert.deepEqual(labels(text, 12, text.length), []);
  });
});
