/**
 * OpenAI's `x-ratelimit-*` response headers, so clients and SDKs that pace themselves by them work
 * against Daulat unchanged.
 */

/** What a per-minute limit counts: requests (rpm) or tokens (tpm). */
export type RateDimension = 'requests' | 'tokens';

/** One scope's per-minute limit as a request saw it. `used` counts points in the current window. */
export interface RateReading {
  readonly dimension: RateDimension;
  readonly limit: number;
  readonly used: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** Headers for the tightest reading of each dimension (fewest points left); none for an unlimited one. */
export function rateHeaders(readings: readonly RateReading[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const dimension of ['requests', 'tokens'] as const) {
    const tightest = readings
      .filter((reading) => reading.dimension === dimension)
      .reduce<RateReading | undefined>(
        (best, reading) => (best === undefined || remaining(reading) < remaining(best) ? reading : best),
        undefined,
      );
    if (tightest === undefined) continue;
    headers[`x-ratelimit-limit-${dimension}`] = String(tightest.limit);
    headers[`x-ratelimit-remaining-${dimension}`] = String(remaining(tightest));
    headers[`x-ratelimit-reset-${dimension}`] = formatResetDuration(tightest.resetMs);
  }
  return headers;
}

/** A duration as OpenAI writes its reset headers (Go's style): `20ms`, `1s`, `1.5s`, `6m0s`, `1h0m0s`. */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total < 1_000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = `${Number(((total % 60_000) / 1_000).toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

function remaining(reading: RateReading): number {
  return Math.max(0, reading.limit - reading.used);
}
