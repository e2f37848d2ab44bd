import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipAddressRecognizer } from './ip-address.ts';
import type { Candidate } from './recognizer.ts';

function found(text: string): Candidate[] {
  const out: Candidate[] = [];
  ipAddressRecognizer.find(text, out);
  return out;
}

function values(text: string): string[] {
  return found(text).map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('ipAddressRecognizer', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['192.168.1.10', ['192.168.1.10']],
    ['dari 203.0.113.7, lalu', ['203.0.113.7']],
    ['10.0.0.1:8080', ['10.0.0.1']],
    ['fe80::1', ['fe80::1']],
    ['2001:db8:85a3::8a2e:370:7334.', ['2001:db8:85a3::8a2e:370:7334']],
    ['::ffff:192.0.2.128', ['::ffff:192.0.2.128']],
    ['256.1.1.1', []],
    ['01.2.3.4', []],
    ['1.2.3.4.5', []],
    ['v1.2.3.4', []],
    ['versi 1.2.3.4', []],
    ['lihat bagian 2.1.3.4', []],
    ['NPWP 72.109.183.2-649.000', []],
    ['at 12:30:45', []],
    ['std::vector', []],
    ['a::b', []],
    ['aa:bb:cc:dd:ee:ff', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('scores IPv4 0.6, IPv6 0.7 and after an IP word 0.9, as personal data', () => {
    assert.deepEqual(
      found('192.168.1.10').map((c) => [c.category, c.dataClass, c.score]),
      [['ip_address', 'personal', 0.6]],
    );
    assert.equal(found('fe80::1')[0]?.score, 0.7);
    assert.equal(found('alamat IP 192.168.1.10')[0]?.score, 0.9);
  });
});
