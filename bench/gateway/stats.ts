/** Small order statistics for the bench. */

/** The `p`-th percentile (0–100) of `values` by nearest rank; NaN when empty. Does not modify `values`. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of `values` (mean of the middle two for an even count); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  const finite = Float64Array.from(values).filter(Number.isFinite).sort();
  if (finite.length === 0) return Number.NaN;
  const middle = finite.length >> 1;
  return finite.length % 2 === 1
    ? (finite[middle] ?? NaN)
    : ((finite[middle - 1] ?? NaN) + (finite[middle] ?? NaN)) / 2;
}

/** An interval for a median: its bounds and the chance it holds the true median. */
export interface MedianInterval {
  readonly low: number;
  readonly high: number;
  /** Between 0 and 1: 0.9375 for five values, min to max. */
  readonly coverage: number;
}

/**
 * A distribution-free interval for the median of `values` (the sign test's): the k-th smallest to the k-th
 * largest value. Each value falls below the true median with probability ½, so how many do is Binomial(n, ½),
 * and the interval misses the median only when fewer than k or more than n − k do. k is the largest that still
 * covers `level`; with too few values for that, min to max and what it covers (five values: 93.75%).
 * Undefined for fewer than two finite values. Assumes the values independent, as rounds minutes apart are
 * taken to be.
 */
export function medianInterval(values: ArrayLike<number>, level = 0.95): MedianInterval | undefined {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  const n = sorted.length;
  if (n < 2) return undefined;
  // below[j] = P(Binomial(n, ½) ≤ j), built term by term: C(n, i) / 2^n.
  const below: number[] = [];
  let term = 2 ** -n;
  let sum = 0;
  for (let i = 0; i <= n >> 1; i++) {
    sum += term;
    below.push(sum);
    term = (term * (n - i)) / (i + 1);
  }
  const coverageOf = (k: number): number => 1 - 2 * below[k - 1]!;
  let k = 1;
  while (k + 1 <= (n + 1) >> 1 && coverageOf(k + 1) >= level) k += 1;
  return { low: sorted[k - 1]!, high: sorted[n - k]!, coverage: coverageOf(k) };
}
