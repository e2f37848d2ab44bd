/** The blind injection set is reproducible from its generator, so nobody can edit it by hand unnoticed. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BLIND_SET_PATH, generateBlindSet } from '../../scripts/injection-corpus/blind/generate.ts';
import { formatCorpus } from '../../src/guardrails/injection/corpus-file.ts';

describe('blind injection set', () => {
  it('is exactly what scripts/injection-corpus/blind/generate.ts writes, with both labels and both languages', () => {
    const rows = generateBlindSet();
    assert.equal(formatCorpus(rows), readFileSync(BLIND_SET_PATH, 'utf8'));
    assert.deepEqual(new Set(rows.map((row) => row.label)), new Set([0, 1]));
    assert.deepEqual(new Set(rows.map((row) => row.language)), new Set(['en', 'id']));
  });
});
