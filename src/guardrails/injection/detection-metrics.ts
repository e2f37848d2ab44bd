/**
 * Detection quality from scores: the threshold that keeps the false-positive rate at a target on benign
 * examples, and the true-positive rate it gives on attacks. Used to pick thresholds and by bench:guard.
 */

/** The lowest threshold (score ≥ threshold flags) at which at most `fpr` of `benign` scores are flagged. */
export function thresholdAtFpr(benign: readonly number[], fpr: number): number {
  const sorted = [...benign].sort((a, b) => b - a);
  const allowed = Math.floor(fpr * sorted.length);
  const boundary = sorted[allowed];
  if (boundary === undefined) return 0;
  // Just above the first benign score that must not be flagged, rounded up to 4 decimals for the config.
  return Math.min(1, Math.ceil((boundary + 1e-9) * 10_000) / 10_000);
}

/** The fraction of scores at or above the threshold. */
export function flaggedRate(scores: readonly number[], threshold: number): number {
  if (scores.length === 0) return 0;
  return scores.filter((score) => score >= threshold).length / scores.length;
}

/** The largest score among findings, 0 with none. */
export function maxScore(findings: readonly { readonly score: number }[]): number {
  return findings.reduce((best, finding) => Math.max(best, finding.score), 0);
}
