import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecretsScanner } from './secrets.ts';

const scanner = createSecretsScanner();

function found(text: string): [string, string][] {
  return scanner
    .scan(text, { source: 'user' })
    .map((finding) => [finding.category, text.slice(finding.start, finding.end)]);
}

const TOKEN = 'Zx81kQ02mPl93nVb7Tq4Wc6Ry5Ue0Io9Lk3J';

describe('secrets scanner', () => {
  it('reports secret findings with spans and scores, never values', () => {
    const text = `GITHUB_TOKEN=ghp_${TOKEN}`;
    assert.deepEqual(scanner.scan(text, { source: 'user' }), [
      {
        scanner: 'secrets',
        category: 'github_token',
        start: 13,
        end: text.length,
        score: 0.95,
        dataClass: 'secret',
      },
    ]);
    assert.equal(scanner.id, 'secrets');
    assert.ok(scanner.maxMatchLength >= 8192);
  });

  it('prefers a specific rule over the key-word rule on the same value', () => {
    assert.deepEqual(found(`api_key: "sk-proj-${TOKEN}${TOKEN}"`), [
      ['openai_api_key', `sk-proj-${TOKEN}${TOKEN}`],
    ]);
  });

  it('finds several kinds in one .env paste', () => {
    const text = [
      `OPENAI_API_KEY=sk-proj-${TOKEN}${TOKEN}`,
      `HF_TOKEN=hf_${TOKEN.slice(0, 34)}`,
      'DB_PASSWORD=S3cure!Pass',
      `SESSION_SECRET=${TOKEN}`,
    ].join('\n');
    assert.deepEqual(
      found(text).map(([category]) => category),
      ['openai_api_key', 'huggingface_token', 'password', 'generic_secret'],
    );
  });

  it('finds nothing in prose about secrets', () => {
    assert.deepEqual(
      found(
        'Never share your password or API key. Rotate the secret token monthly; the sk- prefix marks keys.',
      ),
      [],
    );
  });
});
