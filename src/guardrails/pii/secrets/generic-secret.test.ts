import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Candidate } from '../recognizer.ts';
import { genericSecretRecognizer } from './generic-secret.ts';

function found(text: string): [string, string][] {
  const out: Candidate[] = [];
  genericSecretRecognizer.find(text, out);
  return out.map((candidate) => [candidate.category, text.slice(candidate.start, candidate.end)]);
}

describe('genericSecretRecognizer', () => {
  const table: readonly (readonly [string, readonly [string, string][]])[] = [
    ['api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0', [['generic_secret', '9f8e7d6c5b4a39281706f5e4d3c2b1a0']]],
    ['"apiKey": "Zx81kQ02mPl93nVb7Tq4"', [['generic_secret', 'Zx81kQ02mPl93nVb7Tq4']]],
    [
      'AZURE_OPENAI_API_KEY="4f2a9c81d03b47e6a5f1c2d9e8b7a6f0"',
      [['generic_secret', '4f2a9c81d03b47e6a5f1c2d9e8b7a6f0']],
    ],
    ['client_secret: Q9v!x2Lm#8rT4wZp', [['generic_secret', 'Q9v!x2Lm#8rT4wZp']]],
    ['DB_PASSWORD=Budi1234!', [['password', 'Budi1234!']]],
    ['my password is hunter2!!', [['password', 'hunter2!!']]],
    ['kata sandi saya adalah Rahasia#2024', [['password', 'Rahasia#2024']]],
    ['sandi: Mawar_Merah_77', [['password', 'Mawar_Merah_77']]],
    ['Authorization: Bearer 8fJ2kLq9Xz0pV7mN3bR5tY1w', [['generic_secret', '8fJ2kLq9Xz0pV7mN3bR5tY1w']]],
    ['password: ********', []],
    ['password: <your password>', []],
    ['password=${DB_PASSWORD}', []],
    ['password: required', []],
    ['password: sunshine', []],
    ['token: abc', []],
    ['api_key = "YOUR_API_KEY"', []],
    ['tokenizer: bert-base-uncased', []],
    ['secret: this_is_not_secret', []],
    ['the token is expired', []],
    ['password reset link sent', []],
    ['password: [PASSWORD_1]', []],
  ];
  for (const [text, expected] of table) {
    it(`${expected.length > 0 ? 'finds' : 'ignores'} ${JSON.stringify(text)}`, () => {
      assert.deepEqual(found(text), expected);
    });
  }

  it('stays linear on a long identifier', () => {
    const out: Candidate[] = [];
    genericSecretRecognizer.find(`${'secret_'.repeat(20_000)}`, out);
    assert.deepEqual(out, []);
  });
});
