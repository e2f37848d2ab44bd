/**
 * Resolves candidates that overlap within one scanner: the same digits may be a NIK, a card and an account
 * number, and only one reading may stand. Highest score first, then the earlier category in `priority`, then
 * the longer span; a candidate overlapping one already kept is dropped.
 */
import type { Candidate } from './recognizer.ts';

/** The non-overlapping best candidates, in text order; `priority` lists categories most specific first. */
export function pickBest(candidates: readonly Candidate[], priority: readonly string[]): Candidate[] {
  if (candidates.length <= 1) return [...candidates];
  const rank = (candidate: Candidate): number => {
    const index = priority.indexOf(candidate.category);
    return index < 0 ? priority.length : index;
  };
  const ordered = [...candidates].sort(
    (a, b) =>
      b.score - a.score || rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const candidate of ordered) {
    if (!overlapsAny(kept, candidate)) insertByStart(kept, candidate);
  }
  return kept;
}

/** `kept` is sorted by start and non-overlapping, so only the neighbours around the insertion point matter. */
function overlapsAny(kept: readonly Candidate[], candidate: Candidate): boolean {
  const index = lowerBound(kept, candidate.start);
  const previous = kept[index - 1];
  const next = kept[index];
  return (
    (previous !== undefined && previous.end > candidate.start) ||
    (next !== undefined && next.start < candidate.end)
  );
}

function insertByStart(kept: Candidate[], candidate: Candidate): void {
  kept.splice(lowerBound(kept, candidate.start), 0, candidate);
}

function lowerBound(kept: readonly Candidate[], start: number): number {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((kept[middle]?.start ?? 0) < start) low = middle + 1;
    else high = middle;
  }
  return low;
}
