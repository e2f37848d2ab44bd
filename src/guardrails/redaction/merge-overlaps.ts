/**
 * Findings from different scanners may overlap (a NIK inside an e-mail address, a key word rule and a token
 * rule on one value). Redaction must leave no part of either visible, so overlapping findings merge into one
 * span covering them all, named after the longest (then highest-scoring) of them.
 */
import type { Finding } from '../scanner.ts';

/** One span to replace. */
export interface RedactionSpan {
  readonly category: string;
  readonly start: number;
  readonly end: number;
}

/** Disjoint spans in text order, one per group of transitively overlapping findings. */
export function mergeOverlaps(findings: readonly Finding[]): RedactionSpan[] {
  const sorted = findings.filter((finding) => finding.end > finding.start).sort((a, b) => a.start - b.start);
  const spans: RedactionSpan[] = [];
  let group: Finding[] = [];
  let groupEnd = -1;
  for (const finding of sorted) {
    if (group.length > 0 && finding.start >= groupEnd) {
      spans.push(spanOf(group, groupEnd));
      group = [];
    }
    group.push(finding);
    groupEnd = Math.max(groupEnd, finding.end);
  }
  if (group.length > 0) spans.push(spanOf(group, groupEnd));
  return spans;
}

function spanOf(group: readonly Finding[], end: number): RedactionSpan {
  let winner = group[0] as Finding;
  for (const finding of group) {
    const length = finding.end - finding.start;
    const winnerLength = winner.end - winner.start;
    if (length > winnerLength || (length === winnerLength && finding.score > winner.score)) winner = finding;
  }
  return { category: winner.category, start: group[0]?.start ?? winner.start, end };
}
