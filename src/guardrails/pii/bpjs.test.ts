import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bpjsRecognizer } from './bpjs.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  bpjsRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('bpjsRecognizer', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['No. BPJS: 0001234567890', ['0001234567890']],
    ['kartu KIS 0001 2345 67890', ['0001 2345 67890']],
    ['nomor kartu 0001234567890', []],
    ['kartu 0001234567890', ['0001234567890']],
    ['JKN-KIS 0001234567890.', ['0001234567890']],
    ['0001234567890', []],
    ['nomor pesanan 0001234567890', []],
    ['BPJS 00012345678901', []],
    ['BPJS 000123456789', []],
    ['BPJS 10001234567890', []],
    ['kartu member 0001234567890', []],
    ['0001234567890 (BPJS)', ['0001234567890']],
    ['0001234567890 lalu BPJS', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('is national_id data, or health data when a diagnosis is near', () => {
    assert.deepEqual(
      found('BPJS 0001234567890').map((c) => [c.category, c.dataClass, c.score]),
      [['bpjs', 'national_id', 0.9]],
    );
    assert.equal(found('Pasien dengan BPJS 0001234567890 didiagnosis diabetes')[0]?.dataClass, 'health');
    assert.equal(found('kartu 0001234567890')[0]?.score, 0.65);
  });
});
