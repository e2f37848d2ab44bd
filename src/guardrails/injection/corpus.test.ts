import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateInjectionCorpus } from '../../../scripts/injection-corpus/generate.ts';
import { formatCorpus, parseCorpus, readCorpus, type CorpusExample } from './corpus-file.ts';
import { INJECTION_FAMILIES } from './injection-rule.ts';

const SPLITS = ['train', 'validation', 'test'] as const;
const here = (path: string): string => new URL(path, import.meta.url).pathname;
const committed = Object.fromEntries(
  SPLITS.map((split) => [split, readCorpus(here(`./corpus/${split}.jsonl`))]),
) as Record<(typeof SPLITS)[number], CorpusExample[]>;

void describe('injection corpus', () => {
  void it('is exactly what scripts/make-injection-corpus.ts generates from its default seed', () => {
    const generated = generateInjectionCorpus(20250601);
    for (const split of SPLITS) {
      assert.equal(
        formatCorpus(generated[split]),
        readFileSync(here(`./corpus/${split}.jsonl`), 'utf8'),
        split,
      );
    }
  });

  void it('holds out whole templates: no template is in two splits', () => {
    const owner = new Map<string, string>();
    for (const split of SPLITS) {
      for (const example of committed[split]) {
        const template = example.template ?? '';
        assert.ok(
          owner.get(template) === undefined || owner.get(template) === split,
          `${template} in two splits`,
        );
        owner.set(template, split);
      }
    }
  });

  void it('tests every attack family in both languages, and benign text in both languages', () => {
    const test = committed.test;
    for (const family of INJECTION_FAMILIES) {
      for (const language of ['en', 'id']) {
        assert.ok(
          test.some(
            (example) => example.label === 1 && example.family === family && example.language === language,
          ),
          `${family}/${language}`,
        );
      }
    }
    for (const language of ['en', 'id']) {
      assert.ok(
        test.filter((example) => example.label === 0 && example.language === language).length > 300,
        language,
      );
    }
  });

  void it('has no text twice', () => {
    const texts = SPLITS.flatMap((split) => committed[split].map((example) => example.text));
    assert.equal(new Set(texts).size, texts.length);
  });
});

void describe('parseCorpus', () => {
  void it('accepts the label spellings users write and fills the optional fields', () => {
    const content = [
      '{"text": "a", "label": 1}',
      '{"text": "b", "label": "benign", "language": "id"}',
      '',
      '{"text": "c", "label": true, "family": "fake_turn", "source": "tool"}',
    ].join('\n');
    assert.deepEqual(parseCorpus(content, 'mine.jsonl'), [
      { text: 'a', label: 1, family: 'unknown_attack', language: 'unknown', source: 'user' },
      { text: 'b', label: 0, family: 'benign', language: 'id', source: 'user' },
      { text: 'c', label: 1, family: 'fake_turn', language: 'unknown', source: 'tool' },
    ]);
  });

  void it('names the file and line of a bad record', () => {
    assert.throws(
      () => parseCorpus('{"text": "a", "label": 1}\n{"text": "b", "label": "maybe"}', 'mine.jsonl'),
      {
        message: 'mine.jsonl:2: label: expected 1/0, true/false, "injection" or "benign"',
      },
    );
    assert.throws(() => parseCorpus('{"label": 1}', 'mine.jsonl'), {
      message: 'mine.jsonl:1: text: expected a string',
    });
  });
});
