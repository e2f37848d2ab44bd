import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luhnCheckDigit } from './luhn.ts';
import { cardIssuer, cardRecognizer, isValidCard } from './payment-card.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  cardRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

const GPN = `936000123456789${luhnCheckDigit('936000123456789')}`;

describe('cardRecognizer', () => {
  it('names the issuer from prefix and length', () => {
    const issuers: readonly (readonly [string, string])[] = [
      ['4111111111111111', 'visa'],
      ['4222222222222', 'visa'],
      ['5500000000000004', 'mastercard'],
      ['2221000000000009', 'mastercard'],
      ['378282246310005', 'american-express'],
      ['3530111333300000', 'jcb'],
      ['6011111111111117', 'discover'],
      ['6200000000000005', 'unionpay'],
      [GPN, 'gpn'],
    ];
    for (const [number, issuer] of issuers) {
      assert.equal(cardIssuer(number), issuer, number);
      assert.equal(isValidCard(number), true, number);
    }
  });

  it('rejects a wrong check digit, an unknown prefix or a wrong length', () => {
    for (const number of [
      '4111111111111112',
      '1234567812345670',
      '411111111111111',
      '37828224631000',
      '9360000000000001',
    ])
      assert.equal(isValidCard(number), false, number);
  });

  const table: readonly (readonly [string, readonly string[]])[] = [
    ['4111111111111111', ['4111111111111111']],
    ['card 4111 1111 1111 1111, exp 12/29', ['4111 1111 1111 1111']],
    ['4111-1111-1111-1111.', ['4111-1111-1111-1111']],
    ['amex 3782 822463 10005', ['3782 822463 10005']],
    [`GPN ${GPN}`, [GPN]],
    ['4111 1111-1111 1111', []],
    ['41111111111111110', []],
    ['94111111111111111', []],
    ['4111111111111112', []],
    ['pin 3298 4111 1111 1111 1111 exp 12/29', ['4111 1111 1111 1111']],
    ['nomor pesanan 4111111111111111', []],
    ['IBAN GB52 FEOC 4111 1111 1111 1111 10', []],
    ['x4111111111111111', []],
    ['4111111111111111.5', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('scores contiguous 0.7, grouped 0.85 and after a card word 0.95, as financial data', () => {
    assert.deepEqual(
      found('4111111111111111').map((c) => [c.category, c.dataClass, c.score]),
      [['card', 'financial', 0.7]],
    );
    assert.equal(found('4111 1111 1111 1111')[0]?.score, 0.85);
    assert.equal(found('nomor kartu kredit: 4111111111111111')[0]?.score, 0.95);
  });
});
