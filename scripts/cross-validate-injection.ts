// Template-held-out cross-validation of the injection detector on the training split, for development without
// touching the test split: the training rows are cut into k folds by template (every row of a template lands in
// the same fold, so a fold's phrasings are unseen by the model that scores it); each fold is scored by a model
// trained on the other folds (thresholds and length correction from the validation split, as the build does),
// with the scanner's threshold at 1% FPR on the fold's own benign rows.
//   node --import tsx scripts/cross-validate-injection.ts [--train FILE] [--validation FILE] [--folds N]
//       [--epochs N] [--l2 X] [--options JSON] [--by-family]
// Prints the mean over folds of the scanner's and the classifier's TPR at 1% FPR, on all held-out rows and on
// the regular templates only (train-only templates left out of the scoring, closer to how test is made).
import { parseArgs } from 'node:util';
import { buildInjectionModel } from '../src/guardrails/injection/build-model.ts';
import { classifyText } from '../src/guardrails/injection/classifier.ts';
import { readCorpus, type CorpusExample } from '../src/guardrails/injection/corpus-file.ts';
import { flaggedRate, maxScore, thresholdAtFpr } from '../src/guardrails/injection/detection-metrics.ts';
import { decodeModelFile } from '../src/guardrails/injection/model-file.ts';
import { screenInjection } from '../src/guardrails/injection/screen-injection.ts';
import { collectViews } from '../src/guardrails/injection/screening-views.ts';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../src/guardrails/injection/train.ts';

const CORPUS = 'src/guardrails/injection/corpus';
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: `${CORPUS}/train.jsonl` },
    validation: { type: 'string', default: `${CORPUS}/validation.jsonl` },
    folds: { type: 'string', default: '5' },
    epochs: { type: 'string' },
    l2: { type: 'string' },
    // Any other training options as JSON, e.g. '{"minTemplates":2}'.
    options: { type: 'string', default: '{}' },
    'by-family': { type: 'boolean', default: false },
  },
});
const folds = Number(values.folds);
const options = {
  ...DEFAULT_TRAINING_OPTIONS,
  ...(values.epochs !== undefined && { epochs: Number(values.epochs) }),
  ...(values.l2 !== undefined && { l2: Number(values.l2) }),
  ...(JSON.parse(values.options) as Partial<TrainingOptions>),
};

/** FNV-1a of the template id: a fold that does not move when other templates are added. */
function foldOf(example: CorpusExample): number {
  const key = example.template ?? example.text;
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1)
    hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % folds;
}

const isTrainOnly = (example: CorpusExample): boolean => example.template?.includes('train-only') === true;

interface Scored {
  readonly example: CorpusExample;
  readonly scanner: number;
  readonly classifier: number;
}

const train = readCorpus(values.train);
const validation = readCorpus(values.validation);
const results: { all: number[][]; regular: number[][] } = { all: [], regular: [] };
const heldOut: { scored: Scored; threshold: number; block: number }[] = [];
const regularHeldOut: { scored: Scored; threshold: number; block: number }[] = [];

function tprAtFpr(scored: readonly Scored[], detector: 'scanner' | 'classifier'): [number, number] {
  const benign = scored.filter((item) => item.example.label === 0).map((item) => item[detector]);
  const attacks = scored.filter((item) => item.example.label === 1).map((item) => item[detector]);
  const threshold = thresholdAtFpr(benign, 0.01);
  return [flaggedRate(attacks, threshold), threshold];
}

for (let fold = 0; fold < folds; fold += 1) {
  const model = decodeModelFile(
    buildInjectionModel(
      train.filter((example) => foldOf(example) !== fold),
      validation,
      options,
    ),
  );
  const scored: Scored[] = train
    .filter((example) => foldOf(example) === fold)
    .map((example) => ({
      example,
      scanner: maxScore(screenInjection(example.text, model)),
      classifier: Math.max(
        ...collectViews(example.text).map((view) => classifyText(model, view.normalized.text).probability),
      ),
    }));
  const regular = scored.filter((item) => !isTrainOnly(item.example));
  const [scannerAll, thresholdAll] = tprAtFpr(scored, 'scanner');
  const [scannerRegular, thresholdRegular] = tprAtFpr(regular, 'scanner');
  results.all.push([scannerAll, tprAtFpr(scored, 'classifier')[0]]);
  results.regular.push([scannerRegular, tprAtFpr(regular, 'classifier')[0]]);
  const block = model.thresholds.block;
  heldOut.push(...scored.map((item) => ({ scored: item, threshold: thresholdAll, block })));
  regularHeldOut.push(...regular.map((item) => ({ scored: item, threshold: thresholdRegular, block })));
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  console.log(
    `fold ${fold}: ${scored.length} rows; scanner ${pct(scannerAll)} (regular ${pct(scannerRegular)}), ` +
      `classifier ${pct(results.all.at(-1)?.[1] ?? 0)} (regular ${pct(results.regular.at(-1)?.[1] ?? 0)}); ` +
      `block-model threshold ${model.thresholds.block}`,
  );
}

const mean = (rows: number[][], column: number): string =>
  `${((rows.reduce((sum, row) => sum + (row[column] ?? 0), 0) / rows.length) * 100).toFixed(1)}%`;
console.log(`all rows:          scanner ${mean(results.all, 0)}, classifier ${mean(results.all, 1)}`);
console.log(`regular templates: scanner ${mean(results.regular, 0)}, classifier ${mean(results.regular, 1)}`);

if (values['by-family'] === true) {
  // Per family, each row judged at its own fold's 1%-FPR threshold and at the fold model's block threshold
  // (chosen on validation, as the committed one is): attacks flagged, benign flagged.
  for (const [title, rows] of [
    ['regular templates', regularHeldOut],
    ['train-only templates', heldOut.filter((row) => isTrainOnly(row.scored.example))],
  ] as const) {
    const groups = new Map<string, { flagged: number; blocked: number; count: number }>();
    for (const { scored, threshold, block } of rows) {
      const key = `${scored.example.label === 1 ? 'attack' : 'benign'} ${scored.example.family}`;
      const group = groups.get(key) ?? { flagged: 0, blocked: 0, count: 0 };
      group.count += 1;
      if (scored.scanner >= threshold) group.flagged += 1;
      if (scored.scanner >= block) group.blocked += 1;
      groups.set(key, group);
    }
    console.log(`${title}: flagged at the fold's 1%-FPR threshold / at the block threshold`);
    const pct = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(1)}%`;
    for (const [key, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)))
      console.log(
        `  ${key}: ${pct(group.flagged, group.count)} / ${pct(group.blocked, group.count)} of ${group.count}`,
      );
  }
}
