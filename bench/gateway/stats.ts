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
