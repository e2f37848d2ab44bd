import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ERROR_CODES, GatewayError, toGatewayError } from './errors.ts';

describe('error codes', () => {
  it('are each documented in docs/api.md with their status and type', async () => {
    const docs = await readFile(new URL('../docs/api.md', import.meta.url), 'utf8');
    for (const [code, { status, type }] of Object.entries(ERROR_CODES)) {
      const row = docs.split('\n').find((line) => new RegExp(`^\\|\\s*\`${code}\`\\s*\\|`).test(line));
      assert.ok(row, `docs/api.md has no row for ${code}`);
      assert.ok(row.includes(type), `docs/api.md row for ${code} lacks type ${type}`);
      if (code !== 'upstream_rejected' && code !== 'stream_interrupted')
        assert.ok(row.includes(String(status)), `${code}: ${status}`);
    }
  });

  it('serialise as OpenAI error JSON', () => {
    const error = new GatewayError('invalid_request', "'temperature': expected number", {
      param: 'temperature',
    });
    assert.deepEqual(error.toJSON(), {
      error: {
        message: "'temperature': expected number",
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'invalid_request',
      },
    });
    assert.equal(error.status, 400);
  });

  it('normalise unknown throwables to internal_error', () => {
    const error = toGatewayError(new TypeError('boom'));
    assert.equal(error.code, 'internal_error');
    assert.equal(error.status, 500);
    assert.equal(toGatewayError(error), error);
  });
});
