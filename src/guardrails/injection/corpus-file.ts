/**
 * The labelled corpus as JSONL: one `{text, label, family, language, source, …}` object a line. Users may
 * retrain on their own file; only `text` and `label` (1/0, true/false, "injection"/"benign") are required.
 */
import { readFileSync } from 'node:fs';
import type { LabelledText } from './train.ts';

/** One corpus line; `family`, `language`, `source`, `template` and `transform` describe it for reports. */
export interface CorpusExample extends LabelledText {
  readonly family: string;
  readonly language: string;
  readonly source: string;
  readonly template?: string;
  readonly transform?: string;
}

function parseLabel(value: unknown, where: string): 0 | 1 {
  if (value === 1 || value === true || value === 'injection' || value === 'attack') return 1;
  if (value === 0 || value === false || value === 'benign') return 0;
  throw new Error(`${where}: label: expected 1/0, true/false, "injection" or "benign"`);
}

/** Parses JSONL corpus text; `name` prefixes error messages (`train.jsonl:12: …`). */
export function parseCorpus(content: string, name: string): CorpusExample[] {
  const examples: CorpusExample[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${name}:${index + 1}`;
    const record = JSON.parse(line) as Record<string, unknown>;
    if (typeof record.text !== 'string') throw new Error(`${where}: text: expected a string`);
    const label = parseLabel(record.label, where);
    const text = (key: string, fallback: string): string =>
      typeof record[key] === 'string' ? record[key] : fallback;
    examples.push({
      text: record.text,
      label,
      family: text('family', label === 1 ? 'unknown_attack' : 'benign'),
      language: text('language', 'unknown'),
      source: text('source', 'user'),
      ...(typeof record.template === 'string' && { template: record.template }),
      ...(typeof record.transform === 'string' && { transform: record.transform }),
    });
  });
  return examples;
}

/** Reads a JSONL corpus file. */
export function readCorpus(path: string): CorpusExample[] {
  return parseCorpus(readFileSync(path, 'utf8'), path);
}

/** Serialises examples as JSONL with a stable key order and a final newline. */
export function formatCorpus(examples: readonly CorpusExample[]): string {
  return examples
    .map((example) =>
      JSON.stringify({
        text: example.text,
        label: example.label,
        family: example.family,
        language: example.language,
        source: example.source,
        template: example.template,
        transform: example.transform,
      }),
    )
    .join('\n')
    .concat('\n');
}
