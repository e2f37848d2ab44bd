/**
 * PII and secret detection quality on the synthetic corpus: recall and precision per entity type. A finding is
 * a true positive when it overlaps a labelled entity of the same category; a reading of the wrong category
 * counts as a miss for the label and a false positive for the finding.
 *   node --import tsx bench/guard/pii-quality.ts [--seed 42] [--count 5000]
 */
import { parseArgs } from 'node:util';
import type { Finding } from '../../src/guardrails/scanner.ts';
import { createPiiScanner } from '../../src/guardrails/scanners/pii.ts';
import { createSecretsScanner } from '../../src/guardrails/scanners/secrets.ts';
import { generatePiiCorpus, type CorpusSample } from './pii-corpus.ts';

interface Tally {
  labels: number;
  truePositives: number;
  falsePositives: number;
}

const { values: options } = parseArgs({
  options: { seed: { type: 'string', default: '42' }, count: { type: 'string', default: '5000' } },
});
const corpus = generatePiiCorpus(Number(options.seed), Number(options.count));
const scanners = [createPiiScanner(), createSecretsScanner()];
const tallies = new Map<string, Tally>();

function tally(category: string): Tally {
  let entry = tallies.get(category);
  if (entry === undefined)
    tallies.set(category, (entry = { labels: 0, truePositives: 0, falsePositives: 0 }));
  return entry;
}

function score(sample: CorpusSample): void {
  const findings: Finding[] = scanners.flatMap((scanner) => scanner.scan(sample.text, { source: 'user' }));
  const matched = new Set<number>();
  for (const entity of sample.entities) tally(entity.category).labels++;
  for (const finding of findings) {
    const index = sample.entities.findIndex(
      (entity, at) =>
        !matched.has(at) &&
        entity.category === finding.category &&
        entity.start < finding.end &&
        finding.start < entity.end,
    );
    if (index < 0) tally(finding.category).falsePositives++;
    else {
      matched.add(index);
      tally(finding.category).truePositives++;
    }
  }
}

for (const sample of corpus) score(sample);

const percent = (numerator: number, denominator: number): string =>
  denominator === 0 ? '—' : `${((100 * numerator) / denominator).toFixed(1)}%`;
const languages = corpus.filter((sample) => sample.language === 'id').length;
const lines = [
  `PII quality — seed ${options.seed}, ${corpus.length} samples (${languages} Indonesian, ${corpus.length - languages} English)`,
  '',
  '| category | labelled | found | false positives | recall | precision |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
];
let total: Tally = { labels: 0, truePositives: 0, falsePositives: 0 };
for (const [category, entry] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
  lines.push(
    `| ${category} | ${entry.labels} | ${entry.truePositives} | ${entry.falsePositives} | ${percent(entry.truePositives, entry.labels)} | ${percent(entry.truePositives, entry.truePositives + entry.falsePositives)} |`,
  );
  total = {
    labels: total.labels + entry.labels,
    truePositives: total.truePositives + entry.truePositives,
    falsePositives: total.falsePositives + entry.falsePositives,
  };
}
lines.push(
  `| **all** | ${total.labels} | ${total.truePositives} | ${total.falsePositives} | ${percent(total.truePositives, total.labels)} | ${percent(total.truePositives, total.truePositives + total.falsePositives)} |`,
);
process.stdout.write(`${lines.join('\n')}\n`);
