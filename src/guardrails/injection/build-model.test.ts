import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildInjectionModel } from './build-model.ts';
import { readCorpus } from './corpus-file.ts';
import { serializeModelFile } from './model-file.ts';
import { DEFAULT_TRAINING_OPTIONS } from './train.ts';

const here = (path: string): string => new URL(path, import.meta.url).pathname;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

void describe('buildInjectionModel', () => {
  void it('retrains the committed model.json byte for byte from the committed splits', () => {
    const file = buildInjectionModel(
      readCorpus(here('./corpus/train.jsonl')),
      readCorpus(here('./corpus/validation.jsonl')),
      DEFAULT_TRAINING_OPTIONS,
    );
    assert.equal(sha256(serializeModelFile(file)), sha256(readFileSync(here('./model.json'), 'utf8')));
  });

  void it('gives a different model for a different seed', () => {
    const train = readCorpus(here('./corpus/train.jsonl')).slice(0, 300);
    const validation = readCorpus(here('./corpus/validation.jsonl')).slice(0, 100);
    const one = serializeModelFile(
      buildInjectionModel(train, validation, { ...DEFAULT_TRAINING_OPTIONS, epochs: 2 }),
    );
    const same = serializeModelFile(
      buildInjectionModel(train, validation, { ...DEFAULT_TRAINING_OPTIONS, epochs: 2 }),
    );
    const other = serializeModelFile(
      buildInjectionModel(train, validation, { ...DEFAULT_TRAINING_OPTIONS, epochs: 2, seed: 2 }),
    );
    assert.equal(one, same);
    assert.notEqual(one, other);
  });
});
