import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luhnCheckDigit } from '../pii/luhn.ts';
import { createPiiScanner } from './pii.ts';

const scanner = createPiiScanner();

function found(text: string): [string, string][] {
  return scanner
    .scan(text, { source: 'user' })
    .map((finding) => [finding.category, text.slice(finding.start, finding.end)]);
}

// 3578… is a Surabaya NIK and a JCB prefix; this one also passes Luhn, so both readings are valid.
const NIK_AND_CARD = (() => {
  for (let serial = 1; serial < 100; serial++) {
    const nik = `357801170845${String(serial).padStart(4, '0')}`;
    if (luhnCheckDigit(nik.slice(0, 15)) === Number(nik[15])) return nik;
  }
  throw new Error('no NIK that is also a card');
})();

describe('pii scanner', () => {
  it('reports findings with spans, scores and data classes, never values', () => {
    const findings = scanner.scan('NIK 3171011708450001', { source: 'user' });
    assert.deepEqual(findings, [
      { scanner: 'pii', category: 'id_nik', start: 4, end: 20, score: 0.95, dataClass: 'national_id' },
    ]);
    assert.equal(scanner.id, 'pii');
    assert.ok(scanner.maxMatchLength >= 254);
  });

  const ambiguity: readonly (readonly [string, string, readonly [string, string][]])[] = [
    ['a valid NIK and card, no context', NIK_AND_CARD, [['id_nik', NIK_AND_CARD]]],
    ['a card word nearest', `kartu kredit ${NIK_AND_CARD}`, [['card', NIK_AND_CARD]]],
    ['an NPWP word nearest', `NPWP ${NIK_AND_CARD}`, [['id_npwp', NIK_AND_CARD]]],
    ['NIK and NPWP words, NPWP nearest', 'NIK dan NPWP: 3171011708450001', [['id_npwp', '3171011708450001']]],
    ['NPWP and NIK words, NIK nearest', 'NPWP dan NIK: 3171011708450001', [['id_nik', '3171011708450001']]],
    ['an account word nearest', `rekening ${NIK_AND_CARD}`, [['bank_account', NIK_AND_CARD]]],
    [
      'grouped in fours',
      `${NIK_AND_CARD.slice(0, 4)} ${NIK_AND_CARD.slice(4, 8)} ${NIK_AND_CARD.slice(8, 12)} ${NIK_AND_CARD.slice(12)}`,
      [
        [
          'card',
          `${NIK_AND_CARD.slice(0, 4)} ${NIK_AND_CARD.slice(4, 8)} ${NIK_AND_CARD.slice(8, 12)} ${NIK_AND_CARD.slice(12)}`,
        ],
      ],
    ],
    ['a card that is no NIK', '4111111111111111', [['card', '4111111111111111']]],
    ['an account that is also a phone number', 'rekening 081234567890', [['bank_account', '081234567890']]],
    ['a phone number', 'hp 081234567890', [['phone', '081234567890']]],
    ['a BPJS number that is also a Visa number', 'BPJS 4222222222222', [['bpjs', '4222222222222']]],
    ['16 digits that are nothing', '1234567890123456', []],
  ];
  for (const [name, text, expected] of ambiguity) {
    it(`resolves ${name}`, () => {
      assert.deepEqual(found(text), expected);
    });
  }

  it('finds every family in one mixed Indonesian text', () => {
    const text =
      'Nama: Budi, NIK 3171011708450001, NPWP 01.312.166.0-091.000, HP +62 812-3456-7890, email budi@example.co.id, ' +
      'kartu kredit 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, BPJS 0001234567890, paspor A1234567, ' +
      'no. rekening BCA 1234567890, login dari 203.0.113.7.';
    assert.deepEqual(
      found(text).map(([category]) => category),
      [
        'id_nik',
        'id_npwp',
        'phone',
        'email',
        'card',
        'iban',
        'bpjs',
        'passport',
        'bank_account',
        'ip_address',
      ],
    );
  });

  it('reports only the chosen categories', () => {
    const emailOnly = createPiiScanner({ categories: ['email'] });
    assert.deepEqual(
      emailOnly.scan('budi@example.com 081234567890', { source: 'user' }).map((f) => f.category),
      ['email'],
    );
  });

  it('finds nothing in ordinary prose with numbers', () => {
    assert.deepEqual(
      found('Pada 17 Agustus 1945 pukul 10.00, harga Rp 1.500.000 untuk 3 orang, versi 2.4.1.'),
      [],
    );
  });
});
