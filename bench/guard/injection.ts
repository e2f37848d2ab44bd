/**
 * Jailbreak and prompt-injection screening: detection quality on the held-out test split (TPR at 1% FPR
 * overall, per family, language, source and transform; rates at the committed thresholds) and scan latency
 * p50/p99 at 1, 16 and 128 KiB. Prints markdown:
 *   node --import tsx bench/guard/injection.ts [--split FILE] [--model FILE] [--quick] [--only quality|latency]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { readCorpus, type CorpusExample } from '../../src/guardrails/injection/corpus-file.ts';
import { defaultInjectionModel } from '../../src/guardrails/injection/default-model.ts';
import { decodeModelFile, type InjectionModelFile } from '../../src/guardrails/injection/model-file.ts';
import { createInjectionScanner } from '../../src/guardrails/scanners/injection.ts';
import { breakdown, scoreExamples, thresholdsAt, type BreakdownRow } from './injection-quality.ts';
import { buildInput, measureLatency } from './injection-latency.ts';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'src/guardrails/injection/corpus/test.jsonl' },
    model: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const model =
  values.model === undefined
    ? defaultInjectionModel()
    : decodeModelFile(JSON.parse(readFileSync(values.model, 'utf8')) as InjectionModelFile);
const examples = readCorpus(values.split);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

function table(title: string, rows: readonly BreakdownRow[], label: 0 | 1): string {
  const lines =
    label === 1
      ? [
          `| ${title} | n | scanner TPR@1%FPR | rules alone | classifier alone | at block | at indirect |`,
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...rows.map(
            (row) =>
              `| ${row.group} | ${row.count} | ${percent(row.scanner)} | ${percent(row.rules)} | ${percent(row.classifier)} | ${percent(row.atBlock)} | ${percent(row.atIndirect)} |`,
          ),
        ]
      : [
          `| ${title} | n | flagged at 1%-FPR threshold | flagged at block | flagged at indirect |`,
          '| --- | ---: | ---: | ---: | ---: |',
          ...rows.map(
            (row) =>
              `| ${row.group} | ${row.count} | ${percent(row.scanner)} | ${percent(row.atBlock)} | ${percent(row.atIndirect)} |`,
          ),
        ];
  return lines.join('\n');
}

function quality(): string {
  const scored = scoreExamples(examples, model);
  const thresholds = thresholdsAt(scored, 0.01);
  const committed = model.thresholds;
  const all = (example: CorpusExample): string => (example.label === 1 ? 'all attacks' : 'all benign');
  const sections = [
    `## Detection quality — ${values.split}`,
    '',
    `${examples.filter((e) => e.label === 1).length} attacks, ${examples.filter((e) => e.label === 0).length} benign. ` +
      `1%-FPR thresholds on this split: scanner ${thresholds.scanner}, rules ${thresholds.rules}, classifier ` +
      `${thresholds.classifier}. Committed thresholds (chosen on validation): block ${committed.block}, indirect ` +
      `${committed.indirect}.`,
    '',
    table('overall', breakdown(scored, 1, all, thresholds, committed), 1),
    '',
    table(
      'family',
      breakdown(scored, 1, (e) => e.family, thresholds, committed),
      1,
    ),
    '',
    table(
      'language',
      breakdown(scored, 1, (e) => e.language, thresholds, committed),
      1,
    ),
    '',
    table(
      'source',
      breakdown(scored, 1, (e) => e.source, thresholds, committed),
      1,
    ),
    '',
    table(
      'transform',
      breakdown(scored, 1, (e) => (e.transform ?? 'none').replace(/^.*\+/, ''), thresholds, committed),
      1,
    ),
    '',
    '### Benign (false positives)',
    '',
    table(
      'family',
      breakdown(scored, 0, (e) => e.family, thresholds, committed),
      0,
    ),
    '',
    table(
      'language',
      breakdown(scored, 0, (e) => e.language, thresholds, committed),
      0,
    ),
    '',
    table('overall', breakdown(scored, 0, all, thresholds, committed), 0),
  ];
  return sections.join('\n');
}

const SIZES: readonly (readonly [number, number, number])[] = [
  [1024, 5000, 500],
  [16 * 1024, 1000, 100],
  [128 * 1024, 150, 20],
];

function latencyRows(title: string, texts: readonly string[]): string[] {
  const scanner = createInjectionScanner({ model });
  const rows = SIZES.map(([size, iterations, quick]) => {
    const inputs = Array.from({ length: 16 }, (_, index) => buildInput(texts, size, index * 37));
    return measureLatency(scanner, inputs, values.quick ? quick : iterations);
  });
  return rows.map(
    (row) =>
      `| ${title} | ${row.bytes / 1024} KiB | ${row.iterations} | ${row.p50.toFixed(3)} ms | ${row.p99.toFixed(3)} ms | ` +
      `${row.cpuP50.toFixed(3)} ms | ${row.cpuP99.toFixed(3)} ms | ${((row.mean * 1024) / row.bytes).toFixed(3)} ms |`,
  );
}

function latency(): string {
  const benign = examples.filter((example) => example.label === 0).map((example) => example.text);
  const all = examples.map((example) => example.text);
  return [
    "## Scan latency (one `scan` call on text cut from the split's examples)",
    '',
    '*typical*: benign examples only (prompts, documents, hard negatives); *attack-dense*: every example, about',
    'half of them attacks, so most rules wake up and many payloads are decoded.',
    '',
    '| input | size | calls | p50 | p99 | CPU p50 | CPU p99 | mean per KiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...latencyRows('typical', benign),
    ...latencyRows('attack-dense', all),
    '',
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ` +
      `${loadavg()
        .map((load) => load.toFixed(2))
        .join(' / ')} (other processes share the CPUs: compare runs at similar load).`,
  ].join('\n');
}

const parts: string[] = ['# bench:guard — injection screening', ''];
if (values.only !== 'latency') parts.push(quality(), '');
if (values.only !== 'quality') parts.push(latency(), '');
process.stdout.write(parts.join('\n'));
