import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Candidate } from '../recognizer.ts';
import { privateKeyRecognizer } from './private-key.ts';

const BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';

function found(text: string): [string, string][] {
  const out: Candidate[] = [];
  privateKeyRecognizer.find(text, out);
  return out.map((candidate) => [candidate.category, text.slice(candidate.start, candidate.end)]);
}

describe('privateKeyRecognizer', () => {
  it('finds a whole PEM block of any key type', () => {
    for (const kind of ['', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ']) {
      const block = `-----BEGIN ${kind}PRIVATE KEY-----\n${BODY}\n${BODY}\n-----END ${kind}PRIVATE KEY-----`;
      assert.deepEqual(found(`key:\n${block}\nthanks`), [['private_key', block]], kind);
    }
  });

  it('names a key inside a service-account JSON file, with escaped newlines', () => {
    const key = `-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----`;
    assert.deepEqual(found(`{"type": "service_account", "private_key": "${key}\\n"}`), [
      ['gcp_service_account_key', key],
    ]);
  });

  it('takes a block cut off before its END line up to where the body stops', () => {
    assert.deepEqual(found(`-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n${BODY.slice(0, 20)}`), [
      ['private_key', `-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n${BODY.slice(0, 20)}`],
    ]);
  });

  it('ignores public keys and certificates', () => {
    assert.deepEqual(found(`-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`), []);
    assert.deepEqual(found(`-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`), []);
  });
});
