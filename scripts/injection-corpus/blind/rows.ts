/**
 * Shared shapes and helpers for the blind injection test set: a seeded random source, hand-written rows
 * and rows composed from slot lists. Used by the family files and by generate.ts.
 */
import type { CorpusExample } from '../../../src/guardrails/injection/corpus-file.ts';

/** Languages of the blind set. */
export type Language = 'en' | 'id';

/** A family's examples in one language: distinct hand-written texts plus slot compositions. */
export interface FamilyCell {
  readonly family: string;
  readonly label: 0 | 1;
  readonly language: Language;
  readonly source: 'direct' | 'indirect';
  readonly hand: readonly string[];
  readonly composed?: readonly Composition[];
}

/** A template made of slots; each row picks one option per slot and joins them with `joiner`. */
export interface Composition {
  readonly id: string;
  readonly slots: readonly (readonly string[])[];
  readonly count: number;
  readonly joiner?: string;
}

/** A small deterministic PRNG (mulberry32); returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element with the given random source. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}

/** Builds up to `count` distinct texts from a composition (gives up after many collisions). */
export function compose(random: () => number, composition: Composition): string[] {
  const seen = new Set<string>();
  let attempts = 0;
  while (seen.size < composition.count && attempts < composition.count * 50) {
    attempts += 1;
    const text = composition.slots
      .map((slot) => pick(random, slot))
      .filter((part) => part !== '')
      .join(composition.joiner ?? ' ');
    seen.add(text);
  }
  return [...seen];
}

/** Expands a cell into corpus rows; hand-written rows get one template id each, composed rows share theirs. */
export function expandCell(random: () => number, cell: FamilyCell, prefix: string): CorpusExample[] {
  const base = { label: cell.label, family: cell.family, language: cell.language, source: cell.source };
  const handRows = cell.hand.map((text, index) => ({ ...base, text, template: `${prefix}-h${index + 1}` }));
  const composedRows = (cell.composed ?? []).flatMap((composition) =>
    compose(random, composition).map((text) => ({ ...base, text, template: `${prefix}-${composition.id}` })),
  );
  return [...handRows, ...composedRows];
}

/** Payload-splitting compositions: each name pair gets its own template, halves stay paired with each other. */
export function splitCompositions(
  names: readonly (readonly [string, string])[],
  halves: readonly (readonly [string, string])[],
  finals: readonly string[],
  count: number,
): Composition[] {
  return names.map(([first, second], index) => ({
    id: `c${index + 1}`,
    slots: [
      halves.map(([head, tail]) => `${first} = "${head}"; ${second} = "${tail}".`),
      finals.map((final) => final.replaceAll('{1}', first).replaceAll('{2}', second)),
    ],
    count,
  }));
}
