import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../scanner.ts';
import { createPiiScanner } from '../scanners/pii.ts';
import { createSecretsScanner } from '../scanners/secrets.ts';
import { redact } from './redact.ts';
import { createVault } from './vault.ts';

function finding(category: string, start: number, end: number, score = 0.9): Finding {
  return { scanner: 'pii', category, start, end, score };
}

function scanAll(text: string): Finding[] {
  const context = { source: 'user' } as const;
  return [...createPiiScanner().scan(text, context), ...createSecretsScanner().scan(text, context)];
}

describe('redact', () => {
  it('replaces spans with placeholders numbered per category and restores them', () => {
    const vault = createVault();
    const text = 'NIK 3171011708450001, email budi@example.com, NIK 3171015708450002, cc siti@example.com';
    const result = redact(text, scanAll(text), vault);
    assert.equal(result.text, 'NIK [NIK_1], email [EMAIL_1], NIK [NIK_2], cc [EMAIL_2]');
    assert.deepEqual(
      result.redactions.map((r) => [r.category, r.placeholder, r.start, r.end]),
      [
        ['id_nik', '[NIK_1]', 4, 20],
        ['email', '[EMAIL_1]', 28, 44],
        ['id_nik', '[NIK_2]', 50, 66],
        ['email', '[EMAIL_2]', 71, 87],
      ],
    );
    assert.equal(vault.restore(result.text), text);
  });

  it('gives the same value the same placeholder across the messages of a request', () => {
    const vault = createVault();
    const first = redact('budi@example.com', [finding('email', 0, 16)], vault);
    const second = redact('tulis ke budi@example.com', [finding('email', 9, 25)], vault);
    assert.equal(first.text, '[EMAIL_1]');
    assert.equal(second.text, 'tulis ke [EMAIL_1]');
    assert.equal(vault.size, 1);
  });

  it('merges overlapping findings into one span named after the longest', () => {
    const vault = createVault();
    const text = 'x 3171011708450001@example.com y';
    const result = redact(text, [finding('id_nik', 2, 18, 0.75), finding('email', 2, 30)], vault);
    assert.equal(result.text, 'x [EMAIL_1] y');
    const partial = redact(
      'abcdefghij',
      [finding('phone', 0, 6), finding('generic_secret', 4, 8, 0.8)],
      vault,
    );
    assert.equal(partial.text, '[PHONE_1]ij');
    assert.equal(vault.restore(partial.text), 'abcdefghij');
  });

  it('skips placeholder numbers the sender already wrote', () => {
    const vault = createVault();
    const text = 'contoh [EMAIL_1] lalu budi@example.com';
    const result = redact(text, [finding('email', 22, 38)], vault);
    assert.equal(result.text, 'contoh [EMAIL_1] lalu [EMAIL_2]');
    assert.equal(vault.restore(result.text), text);
  });

  it('names secret placeholders after their category', () => {
    const vault = createVault();
    const text = 'DB_PASSWORD=S3cure!Pass dan api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    assert.equal(redact(text, scanAll(text), vault).text, 'DB_PASSWORD=[PASSWORD_1] dan api_key=[SECRET_1]');
  });

  it('returns the text unchanged without findings', () => {
    assert.deepEqual(redact('halo', [], createVault()), { text: 'halo', redactions: [] });
  });

  it('keeps values out of JSON and inspection of the vault', () => {
    const vault = createVault();
    redact('budi@example.com', [finding('email', 0, 16)], vault);
    assert.equal(JSON.stringify(vault), '{}');
    assert.doesNotMatch(JSON.stringify(redact('budi@example.com', [finding('email', 0, 16)], vault)), /budi/);
  });
});
