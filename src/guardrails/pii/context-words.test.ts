import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasHealthContext, nearestContext } from './context-words.ts';

function familyOf(text: string): string | undefined {
  const start = text.indexOf('#');
  return nearestContext(text, start, start + 1);
}

describe('nearestContext', () => {
  const table: readonly (readonly [string, string | undefined])[] = [
    ['NIK: #', 'nik'],
    ['no. rek #', 'bank'],
    ['No.Rek #', 'bank'],
    ['Nomor Pokok Wajib Pajak perusahaan kami yaitu #', 'npwp'],
    ['kartu #', 'kartu'],
    ['nomor kartu kredit #', 'card'],
    ['kartu BPJS #', 'bpjs'],
    ['NIK dan NPWP: #', 'npwp'],
    ['# (NPWP)', 'npwp'],
    ['# a/n Budi', 'bank'],
    ['# NPWP', undefined],
    ['NIK saya. #', undefined],
    ['nomor pesanan #', 'other'],
    ['kartu member #', 'other'],
    ['NIK # NPWP', 'nik'],
    ['NPWP 12345678 dan #', undefined],
    ['the nickname #', undefined],
    ['#', undefined],
    [`NIK ${' '.repeat(60)}#`, undefined],
  ];
  for (const [text, family] of table) {
    it(`names ${String(family)} for ${JSON.stringify(text)}`, () => {
      assert.equal(familyOf(text), family);
    });
  }
});

describe('hasHealthContext', () => {
  it('sees diagnosis words within a sentence or two', () => {
    assert.equal(hasHealthContext('pasien # rawat inap', 7, 8), true);
    assert.equal(hasHealthContext('pelanggan # belanja', 10, 11), false);
  });
});
