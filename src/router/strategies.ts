/**
 * Routing strategies: each orders a route's few targets for one request; the router then tries them in
 * that order. Pure functions over the targets, a load reading and a random source (injected by tests).
 */
import type { Strategy } from '../config/schema.ts';
import type { Target } from './router.ts';

/** A deployment's current load: requests in flight plus queued. */
export type LoadOf = (target: Target) => number;

/**
 * Orders targets for one request. `priority`: lower `priority` first, equals in weighted random order;
 * `weighted`: weighted random order without replacement; `least-outstanding`: lowest load first, ties weighted random.
 */
export function orderTargets(
  strategy: Strategy,
  targets: readonly Target[],
  loadOf: LoadOf,
  random: () => number,
): readonly Target[] {
  if (targets.length < 2) return targets;
  switch (strategy) {
    case 'priority':
      return orderByKey(targets, (target) => target.deployment.priority, random);
    case 'weighted': {
      const ordered = targets.slice();
      weightedShuffle(ordered, 0, ordered.length, random);
      return ordered;
    }
    case 'least-outstanding':
      return orderByKey(targets, loadOf, random);
  }
}

/** Sorts by ascending key (insertion sort: a route has a handful of targets), then shuffles each run of equal keys. */
function orderByKey(
  targets: readonly Target[],
  keyOf: (target: Target) => number,
  random: () => number,
): Target[] {
  const ordered = targets.slice();
  const keys = ordered.map(keyOf);
  for (let i = 1; i < ordered.length; i++) {
    const target = ordered[i]!;
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      ordered[j + 1] = ordered[j]!;
      keys[j + 1] = keys[j]!;
      j -= 1;
    }
    ordered[j + 1] = target;
    keys[j + 1] = key;
  }
  let start = 0;
  for (let i = 1; i <= ordered.length; i++) {
    if (i < ordered.length && keys[i] === keys[start]) continue;
    if (i - start > 1) weightedShuffle(ordered, start, i, random);
    start = i;
  }
  return ordered;
}

/** Reorders `items[start, end)` in place: each position drawn by `weight` from those not yet placed. */
export function weightedShuffle(items: Target[], start: number, end: number, random: () => number): void {
  let total = 0;
  for (let i = start; i < end; i++) total += items[i]!.deployment.weight;
  for (let i = start; i < end - 1; i++) {
    let threshold = random() * total;
    let picked = end - 1;
    for (let j = i; j < end; j++) {
      threshold -= items[j]!.deployment.weight;
      if (threshold < 0) {
        picked = j;
        break;
      }
    }
    const chosen = items[picked]!;
    items[picked] = items[i]!;
    items[i] = chosen;
    total -= chosen.deployment.weight;
  }
}
