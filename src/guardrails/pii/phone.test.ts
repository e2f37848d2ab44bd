import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidPhone, phoneRecognizer } from './phone.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  phoneRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('phoneRecognizer', () => {
  it('validates Indonesian mobile and landline numbers with every prefix, and international ones', () => {
    for (const number of [
      '081234567890',
      '+6281234567890',
      '6281234567890',
      '0215551234',
      '+62 21 5551234',
      '+14155552671',
    ])
      assert.equal(isValidPhone(number), true, number);
    for (const number of ['0812345', '08123456789012345', '+62 123', '0000000000'])
      assert.equal(isValidPhone(number), false, number);
  });

  const table: readonly (readonly [string, readonly string[]])[] = [
    ['hubungi 081234567890', ['081234567890']],
    ['HP: 0812-3456-7890.', ['0812-3456-7890']],
    ['WA +62 812 3456 7890', ['+62 812 3456 7890']],
    ['(+62) 812-3456-7890', ['(+62) 812-3456-7890']],
    ['kantor (021) 555-1234, ext 5', ['(021) 555-1234']],
    ['6281234567890', ['6281234567890']],
    ['call +1 415 555 2671 now', ['+1 415 555 2671']],
    ['telp 021 5551234 2023', ['021 5551234']],
    ['WA 812-3456-7890', ['812-3456-7890']],
    ['812-3456-7890', []],
    ['nomor pesanan 04650492747', []],
    ['kode 03-12-2042', []],
    ['NPWP 03.861.900.2-876.000', []],
    ['kartu 6295 7566 1430 6901', []],
    ['0812345', []],
    ['1081234567890', []],
    ['ID081234567890', []],
    ['081234567890123456', []],
    ['3.081234567890', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('scores 0.7 alone and 0.9 after a phone word, as personal data', () => {
    assert.deepEqual(
      found('081234567890').map((c) => [c.category, c.dataClass, c.score]),
      [['phone', 'personal', 0.7]],
    );
    assert.equal(found('no. HP 081234567890')[0]?.score, 0.9);
  });
});
