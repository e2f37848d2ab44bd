import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../scanner.ts';
import { redact } from './redact.ts';
import { createStreamRestorer, type StreamRestorer } from './stream-restorer.ts';
import { createVault, type RedactionVault } from './vault.ts';

function run(restorer: StreamRestorer, chunks: readonly string[]): string {
  return chunks.map((chunk) => restorer.push(chunk)).join('') + restorer.end();
}

/** Every way of cutting `text` into two or three chunks. */
function cuts(text: string): string[][] {
  const result: string[][] = [[text]];
  for (let i = 1; i < text.length; i++) {
    result.push([text.slice(0, i), text.slice(i)]);
    for (let j = i + 1; j < text.length; j++)
      result.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return result;
}

function vaultWith(text: string, findings: readonly Finding[]): { vault: RedactionVault; redacted: string } {
  const vault = createVault();
  return { vault, redacted: redact(text, findings, vault).text };
}

describe('createStreamRestorer', () => {
  const original = 'NIK 3171011708450001 [x] budi@example.com';
  const { vault, redacted } = vaultWith(original, [
    { scanner: 'pii', category: 'id_nik', start: 4, end: 20, score: 0.95 },
    { scanner: 'pii', category: 'email', start: 25, end: 41, score: 0.9 },
  ]);

  it('restores placeholders split across chunks at every position', () => {
    assert.equal(redacted, 'NIK [NIK_1] [x] [EMAIL_1]');
    for (const chunks of cuts(redacted)) {
      assert.equal(run(createStreamRestorer(vault), chunks), original, JSON.stringify(chunks));
    }
  });

  it('restores one character at a time', () => {
    assert.equal(run(createStreamRestorer(vault), [...redacted]), original);
  });

  it('holds back only a tail that may still become a placeholder', () => {
    const restorer = createStreamRestorer(vault);
    assert.equal(restorer.push('Halo [NI'), 'Halo ');
    assert.equal(restorer.push('K_1] dan [A'), '3171011708450001 dan [A');
    assert.equal(restorer.push(' [EMAIL_1'), ' ');
    assert.equal(restorer.push('0'), '[EMAIL_10');
    assert.equal(restorer.end(), '');
  });

  it('releases a held tail that never completes when the stream ends', () => {
    const restorer = createStreamRestorer(vault);
    assert.equal(restorer.push('akhir [NIK_'), 'akhir ');
    assert.equal(restorer.end(), '[NIK_');
  });

  it('passes text straight through an empty vault', () => {
    const restorer = createStreamRestorer(createVault());
    assert.equal(restorer.push('[NIK_'), '[NIK_');
  });

  it('encodes originals for JSON tool-call arguments', () => {
    const { vault: secrets, redacted: args } = vaultWith('{"q":"pw a\\"b"}', [
      { scanner: 'secrets', category: 'password', start: 9, end: 13, score: 0.8 },
    ]);
    const restorer = createStreamRestorer(secrets, { encode: (value) => JSON.stringify(value).slice(1, -1) });
    assert.equal(args, '{"q":"pw [PASSWORD_1]"}');
    assert.equal(run(restorer, ['{"q":"pw [PASS', 'WORD_1]"}']), '{"q":"pw a\\\\\\"b"}');
  });
});
