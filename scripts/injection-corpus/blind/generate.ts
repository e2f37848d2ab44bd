/**
 * Writes the blind injection test set, src/guardrails/injection/corpus/blind-test.jsonl, deterministically:
 *   node --import tsx scripts/injection-corpus/blind/generate.ts
 * Written without reading the detector, its corpus or its templates (see docs/guardrails.md, "Blind test set").
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatCorpus, type CorpusExample } from '../../../src/guardrails/injection/corpus-file.ts';
import { attacksEn } from './attacks-en.ts';
import { attacksId } from './attacks-id.ts';
import { benignEn } from './benign-en.ts';
import { benignId } from './benign-id.ts';
import { documentRows } from './documents.ts';
import { encodedRows } from './encoded.ts';
import { indirectRows } from './indirect.ts';
import { createRandom, expandCell, type FamilyCell } from './rows.ts';

/** Where the set lives, from the repository root. */
export const BLIND_SET_PATH = 'src/guardrails/injection/corpus/blind-test.jsonl';
const seed = 20240611;

function cellRows(random: () => number, cells: readonly FamilyCell[]): CorpusExample[] {
  return cells.flatMap((cell) => expandCell(random, cell, `${cell.family}-${cell.language}`));
}

function unique(rows: readonly CorpusExample[]): CorpusExample[] {
  const seen = new Map<string, CorpusExample>();
  for (const row of rows) {
    const previous = seen.get(row.text);
    if (previous !== undefined && previous.label !== row.label)
      throw new Error(`conflicting labels: ${row.text}`);
    if (previous === undefined) seen.set(row.text, row);
  }
  return [...seen.values()];
}

function summary(rows: readonly CorpusExample[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.label} ${row.family} ${row.language}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${key}\t${count}`).join('\n');
}

/** The blind set's rows, the same on every call. */
export function generateBlindSet(): CorpusExample[] {
  const random = createRandom(seed);
  return unique([
    ...cellRows(random, attacksEn),
    ...cellRows(random, attacksId),
    ...encodedRows(random),
    ...indirectRows(random),
    ...cellRows(random, benignEn),
    ...cellRows(random, benignId),
    ...documentRows(random),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = generateBlindSet();
  writeFileSync(BLIND_SET_PATH, formatCorpus(rows));
  const attacks = rows.filter((row) => row.label === 1).length;
  console.log(
    `${BLIND_SET_PATH}: ${rows.length} rows, ${attacks} attacks, ${rows.length - attacks} benign\n${summary(rows)}`,
  );
}
