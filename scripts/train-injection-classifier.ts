// Trains the injection classifier and writes its weights file, choosing thresholds on the validation split.
// Same splits and options → same bytes. Retrain on your own data (JSONL lines with at least text and label):
//   node --import tsx scripts/train-injection-classifier.ts [--train FILE] [--validation FILE] [--out FILE]
//       [--seed N] [--epochs N] [--bits N] [--learning-rate X] [--l2 X]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildInjectionModel } from '../src/guardrails/injection/build-model.ts';
import { readCorpus } from '../src/guardrails/injection/corpus-file.ts';
import { serializeModelFile } from '../src/guardrails/injection/model-file.ts';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../src/guardrails/injection/train.ts';

const CORPUS = 'src/guardrails/injection/corpus';
const USAGE = `usage: train-injection-classifier [--train FILE] [--validation FILE] [--out FILE]
       [--seed N] [--epochs N] [--bits N] [--learning-rate X] [--l2 X]`;

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: `${CORPUS}/train.jsonl` },
    validation: { type: 'string', default: `${CORPUS}/validation.jsonl` },
    out: { type: 'string', default: 'src/guardrails/injection/model.json' },
    seed: { type: 'string' },
    epochs: { type: 'string' },
    bits: { type: 'string' },
    'learning-rate': { type: 'string' },
    l2: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) {
    console.error(`train-injection-classifier: --${name} must be a number, got '${value}'\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

const defaults = DEFAULT_TRAINING_OPTIONS;
const options: TrainingOptions = {
  ...defaults,
  seed: numberOption('seed', values.seed, defaults.seed),
  epochs: numberOption('epochs', values.epochs, defaults.epochs),
  bits: numberOption('bits', values.bits, defaults.bits),
  learningRate: numberOption('learning-rate', values['learning-rate'], defaults.learningRate),
  l2: numberOption('l2', values.l2, defaults.l2),
};
const started = performance.now();
const file = buildInjectionModel(readCorpus(values.train), readCorpus(values.validation), options);
const bytes = serializeModelFile(file);
writeFileSync(values.out, bytes);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${values.out}: ${(bytes.length / 1024).toFixed(0)} KiB, sha256 ${createHash('sha256').update(bytes).digest('hex')}, ${seconds} s`,
);
console.log(`thresholds: block ${file.thresholds.block}, indirect ${file.thresholds.indirect}`);
console.log(`validation: ${JSON.stringify(file.training.validation)}`);
