import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Candidate } from '../recognizer.ts';
import { isJwtHeader, jwtRecognizer } from './jwt.ts';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = encode({ alg: 'HS256', typ: 'JWT' });
const PAYLOAD = encode({ sub: '1234567890', name: 'Budi', iat: 1516239022 });
const SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function values(text: string): string[] {
  const out: Candidate[] = [];
  jwtRecognizer.find(text, out);
  return out.map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('jwtRecognizer', () => {
  it('checks that the header is JSON with an alg', () => {
    assert.equal(isJwtHeader(HEADER), true);
    assert.equal(isJwtHeader(encode({ typ: 'JWT' })), false);
    assert.equal(isJwtHeader('eyJub3QganNvbg'), false);
  });

  const jwt = `${HEADER}.${PAYLOAD}.${SIGNATURE}`;
  const table: readonly (readonly [string, readonly string[]])[] = [
    [jwt, [jwt]],
    [`Authorization: Bearer ${jwt}`, [jwt]],
    [`token="${jwt}".`, [jwt]],
    [`${encode({ alg: 'none' })}.${PAYLOAD}.`, [`${encode({ alg: 'none' })}.${PAYLOAD}.`]],
    [`${encode({ typ: 'JWT' })}.${PAYLOAD}.${SIGNATURE}`, []],
    [`${HEADER}.${PAYLOAD}`, []],
    [`x${jwt}`, []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${expected.length} in ${JSON.stringify(text.slice(0, 40))}…`, () => {
      assert.deepEqual(values(text), expected);
    });
  }
});
