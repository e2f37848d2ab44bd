import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bankAccountRecognizer } from './bank-account.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  bankAccountRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('bankAccountRecognizer', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['no. rekening 1234567890', ['1234567890']],
    ['No.Rek BCA: 123-456-7890', ['123-456-7890']],
    ['Rekening BRI 0123-01-000123-50-1', ['0123-01-000123-50-1']],
    ['account number 1234567890123456', ['1234567890123456']],
    ['1234567890 a/n Budi Santoso', ['1234567890']],
    ['transfer ke Mandiri 1370012345678', ['1370012345678']],
    ['1234567890', []],
    ['ID pelanggan 1234567890 Transfer ke rekening BCA', []],
    ['rekening BCA a/n Budi. Kode transaksi 1234567890', []],
    ['nomor pesanan 1234567890', []],
    ['rekening 123456789', []],
    ['rekening 12345678901234567', []],
    ['transfer ke BCA Rp 1.500.000.000', []],
    ['rekening x1234567890', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('reports financial data at 0.9', () => {
    assert.deepEqual(
      found('rekening 1234567890').map((c) => [c.category, c.dataClass, c.score]),
      [['bank_account', 'financial', 0.9]],
    );
  });
});
