import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidNik, nikRecognizer } from './nik.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  nikRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('nikRecognizer', () => {
  it('accepts structurally valid NIKs, men and women, old and new provinces', () => {
    for (const nik of [
      '3171011708450001',
      '3171015708450001',
      '9601012902000007',
      '1101013112991234',
      '6571010101011001',
    ])
      assert.equal(isValidNik(nik), true, nik);
  });

  it('rejects a bad province, regency, district, date or serial', () => {
    const nearMisses = [
      '9971011708450001', // province 99
      '2071011708450001', // province 20
      '3100011708450001', // regency 00
      '3171001708450001', // district 00
      '3171013102450001', // 31 February
      '3171012902010001', // 29 February 2001
      '3171013213450001', // month 13
      '3171010008450001', // day 00
      '3171017208450001', // day 72 (32 + 40)
      '3171011708450000', // serial 0000
      '317101170845000', // 15 digits
    ];
    for (const nik of nearMisses) assert.equal(isValidNik(nik), false, nik);
  });

  const table: readonly (readonly [string, readonly string[]])[] = [
    ['3171011708450001', ['3171011708450001']],
    ['NIK: 3171011708450001.', ['3171011708450001']],
    ['(3171011708450001)', ['3171011708450001']],
    ['KTP 3171 0117 0845 0001 berlaku', ['3171 0117 0845 0001']],
    ['no 317101-170845-0001', ['317101-170845-0001']],
    ['31710117084500012', []],
    ['93171011708450001', []],
    ['3171011708450001-5', []],
    ['1.3171011708450001', []],
    ['ID3171011708450001', []],
    ['3171011708450001x', []],
    ['3171 0117-0845 0001', []],
    ['3171011708450000', []],
    ['nomor pesanan 3171011708450001', []],
    ['IBAN DE89 3171 0117 0845 0001 00', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('raises the score after a NIK or KTP word and reports national_id data', () => {
    assert.deepEqual(
      found('3171011708450001').map((c) => [c.category, c.dataClass, c.score]),
      [['id_nik', 'national_id', 0.75]],
    );
    assert.equal(found('Nomor Induk Kependudukan saya 3171011708450001')[0]?.score, 0.95);
    assert.equal(found('No. KTP: 3171011708450001')[0]?.score, 0.95);
    assert.equal(found('nomor 3171 0117 0845 0001')[0]?.score, 0.6);
  });
});
