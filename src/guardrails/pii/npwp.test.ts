import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidNpwp15, isValidNpwp16, npwpRecognizer } from './npwp.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  npwpRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('npwpRecognizer', () => {
  it('validates the check digit of the 15-digit form', () => {
    for (const npwp of ['013121660091000', '016090524017000', '021832415000000'])
      assert.equal(isValidNpwp15(npwp), true);
    for (const npwp of ['013121661091000', '016090525017000', '010000000091000', '01312166009100'])
      assert.equal(isValidNpwp15(npwp), false, npwp);
  });

  it('accepts the 16-digit form as a NIK or as 0 and the old number', () => {
    assert.equal(isValidNpwp16('3171011708450001'), true);
    assert.equal(isValidNpwp16('0013121660091000'), true);
    assert.equal(isValidNpwp16('0013121661091000'), false);
    assert.equal(isValidNpwp16('9971011708450001'), false);
  });

  const table: readonly (readonly [string, readonly string[]])[] = [
    ['01.312.166.0-091.000', ['01.312.166.0-091.000']],
    ['NPWP 02.183.241.5-000.000.', ['02.183.241.5-000.000']],
    ['npwp baru: 001.312.166.0-091.000', ['001.312.166.0-091.000']],
    ['01.312.166.1-091.000', []],
    ['NPWP: 013121660091000', ['013121660091000']],
    ['NPWP: 013121661091000', []],
    ['nomor 013121660091000', []],
    ['NPWP 3171011708450001', ['3171011708450001']],
    ['Nomor Pokok Wajib Pajak: 0013121660091000', ['0013121660091000']],
    ['3171011708450001', []],
    ['NPWP 9.01.312.166.0-091.000', []],
    ['NPWP 01.312.166.0-091.0001', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('scores the formatted form 0.9 alone and 0.95 after an NPWP word', () => {
    assert.equal(found('01.312.166.0-091.000')[0]?.score, 0.9);
    assert.equal(found('NPWP: 01.312.166.0-091.000')[0]?.score, 0.95);
    assert.equal(found('NPWP: 01.312.166.0-091.000')[0]?.dataClass, 'national_id');
  });
});
