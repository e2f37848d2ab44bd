// Writes the injection corpus splits (train, validation, test JSONL) generated from the templates in
// scripts/injection-corpus/, deterministically from a seed:
//   node --import tsx scripts/make-injection-corpus.ts [--seed N] [--out src/guardrails/injection/corpus]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCorpus } from '../src/guardrails/injection/corpus-file.ts';
import { generateInjectionCorpus } from './injection-corpus/generate.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20250601' },
    out: { type: 'string', default: 'src/guardrails/injection/corpus' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help === true) {
  console.log('usage: make-injection-corpus [--seed N] [--out DIR]');
  process.exit(0);
}
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) {
  console.error(`make-injection-corpus: --seed must be an integer, got '${values.seed}'`);
  process.exit(2);
}
const corpus = generateInjectionCorpus(seed);
mkdirSync(values.out, { recursive: true });
for (const split of ['train', 'validation', 'test'] as const) {
  const rows = corpus[split];
  writeFileSync(join(values.out, `${split}.jsonl`), formatCorpus(rows));
  const attacks = rows.filter((row) => row.label === 1).length;
  console.log(`${split}: ${rows.length} examples (${attacks} attacks, ${rows.length - attacks} benign)`);
}
