import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailRecognizer } from './email.ts';
import type { Candidate } from './recognizer.ts';

function values(text: string): string[] {
  const out: Candidate[] = [];
  emailRecognizer.find(text, out);
  return out.map((candidate) => text.slice(candidate.start, candidate.end));
}

describe('emailRecognizer', () => {
  const table: readonly (readonly [string, readonly string[]])[] = [
    ['budi@example.com', ['budi@example.com']],
    ['Email: budi.santoso+kerja@mail.example.co.id.', ['budi.santoso+kerja@mail.example.co.id']],
    ['<siti_2@sub-domain.example.org>', ['siti_2@sub-domain.example.org']],
    ['a@b.co dan c@d.id', ['a@b.co', 'c@d.id']],
    ['budi [at] example [dot] co [dot] id', ['budi [at] example [dot] co [dot] id']],
    ['siti(at)example.com', ['siti(at)example.com']],
    ['budi at example dot com', []],
    ['@example.com', []],
    ['budi@localhost', []],
    ['budi@example.c', []],
    ['budi..s@example.com', []],
    ['budi@-example.com', []],
    ['budi@example.com1', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(values(text), expected);
    });
  }

  it('reports personal data at 0.9', () => {
    const out: Candidate[] = [];
    emailRecognizer.find('budi@example.com', out);
    assert.deepEqual(
      out.map((c) => [c.category, c.dataClass, c.score]),
      [['email', 'personal', 0.9]],
    );
  });

  it('stays linear on a long run of address characters without an @', () => {
    const out: Candidate[] = [];
    emailRecognizer.find(`${'a.'.repeat(50_000)}@`, out);
    assert.deepEqual(out, []);
  });
});
