/**
 * Template expansion: `{a|b|c}` picks one alternative (an empty one makes the part optional), `{slot}` picks a
 * filler from the split's pool. Braces that are neither (JSON, `{conversation}` in an exfiltration URL) stay.
 */
import { FILLERS } from './fillers.ts';

/** The three committed splits. */
export type Split = 'train' | 'validation' | 'test';

/** A seeded source of randomness in [0, 1). */
export type Random = () => number;

/** One element of `list`, chosen with `random`. */
export function pick<T>(list: readonly T[], random: Random): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Which split may use the entry at `index` of a list: one in five for test, one in five for validation. */
export function poolOf(index: number): Split {
  return index % 5 === 4 ? 'test' : index % 5 === 2 ? 'validation' : 'train';
}

/**
 * The part of a list a split may use. Validation has its own entries too, so it is as unfamiliar as the test
 * split and the thresholds chosen on it hold on unseen text. Lists under five entries are shared.
 */
export function pool<T>(list: readonly T[], split: Split): T[] {
  if (list.length < 5) return [...list];
  return list.filter((_, index) => poolOf(index) === split);
}

const BRACES = /\{([^{}]*)\}/g;

/** Expands a template; nested alternatives and fillers are expanded too (up to eight levels). */
export function expand(template: string, random: Random, split: Split): string {
  let text = template;
  for (let depth = 0; depth < 8; depth += 1) {
    let changed = false;
    text = text.replace(BRACES, (whole, inner: string) => {
      if (inner.includes('|')) {
        changed = true;
        return pick(inner.split('|'), random);
      }
      const fillers = FILLERS[inner];
      if (fillers === undefined) return whole;
      changed = true;
      return pick(pool(fillers, split), random);
    });
    if (!changed) break;
  }
  return text;
}
