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
  /** `limit` as its header writes it, when already made (a limit's text is the same for every request). */
  readonly limitText?: string;
}

/** A flat list of header names and values, as node:http's `writeHead` takes it. */
export interface HeaderList {
  push(name: string, value: string): unknown;
}

/**
 * Appends the headers for the tightest reading of each dimension (fewest points left) to `list`, name then value;
 * none for an unlimited dimension. Straight into the response's list: an object in between took six property
 * additions (a shape transition each) and a walk over its keys for every admitted request.
 */
export function pushRateHeaders(list: HeaderList, readings: readonly RateReading[]): void {
  // One pass, no intermediate arrays: this runs for every admitted request.
  let requests: RateReading | undefined;
  let tokens: RateReading | undefined;
  for (const reading of readings) {
    if (reading.dimension === 'requests') {
      if (requests === undefined || remaining(reading) < remaining(requests)) requests = reading;
    } else if (tokens === undefined || remaining(reading) < remaining(tokens)) tokens = reading;
  }
  let reset: string | undefined;
  if (requests !== undefined) {
    reset = resetText(requests.resetMs);
    list.push('x-ratelimit-limit-requests', requests.limitText ?? String(requests.limit));
    list.push('x-ratelimit-remaining-requests', decimal(remaining(requests)));
    list.push('x-ratelimit-reset-requests', reset);
  }
  if (tokens !== undefined) {
    list.push('x-ratelimit-limit-tokens', tokens.limitText ?? String(tokens.limit));
    list.push('x-ratelimit-remaining-tokens', decimal(remaining(tokens)));
    // A key's or team's rpm and tpm windows mostly start with the same request, and so reset together.
    list.push(
      'x-ratelimit-reset-tokens',
      reset !== undefined && tokens.resetMs === requests?.resetMs ? reset : resetText(tokens.resetMs),
    );
  }
}

/** The same headers as an object (refusals carry them on their error). */
export function rateHeaders(readings: readonly RateReading[]): Record<string, string> {
  const list: string[] = [];
  pushRateHeaders(list, readings);
  const headers: Record<string, string> = {};
  for (let index = 0; index < list.length; index += 2) headers[list[index]!] = list[index + 1]!;
  return headers;
}

/** The reset written last, and its text: under load the requests answered in one millisecond share it. */
let lastResetMs = Number.NaN;
let lastResetText = '';

function resetText(ms: number): string {
  if (ms !== lastResetMs) {
    lastResetText = formatResetDuration(ms);
    lastResetMs = ms;
  }
  return lastResetText;
}

/** A duration as OpenAI writes its reset headers (Go's style): `20ms`, `1s`, `1.5s`, `6m0s`, `1h0m0s`. */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total < 1_000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = secondsOf(total % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

/**
 * Whole milliseconds as seconds in the shortest exact decimal (`59.93s`, not `59.930s`), written from integers:
 * dividing first would print a double, which V8 does several times more slowly, twice for every admitted request.
 */
function secondsOf(ms: number): string {
  const whole = Math.floor(ms / 1_000);
  const fraction = ms % 1_000;
  if (fraction === 0) return `${whole}s`;
  if (fraction % 100 === 0) return `${whole}.${fraction / 100}s`;
  if (fraction % 10 === 0) return `${whole}.${fraction < 100 ? '0' : ''}${fraction / 10}s`;
  return `${whole}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}s`;
}

/** `0`…`999`, and the same zero-padded to three digits: the pieces `decimal` writes a number from. */
const GROUPS = Array.from({ length: 1_000 }, (_, group) => String(group));
const PADDED_GROUPS = GROUPS.map((group) => group.padStart(3, '0'));

/**
 * A whole number's decimal digits, made afresh from three-digit groups. `String(n)` keeps every number it writes
 * in V8's number-to-string cache, which lives in the old generation: the remaining counts, new with each request,
 * were all kept past the young generation's collections and copied into the old one, so that its collections came
 * more often under load (V8's --trace-gc-nvp; docs/benchmarks-history.md). `toFixed` does not use that cache
 * either, but runs in C++ behind a runtime call (~85 ns against ~27 here, twice for every admitted request);
 * it still writes what lies beyond a trillion.
 */
export function decimal(whole: number): string {
  if (!Number.isSafeInteger(whole) || whole < 0) return whole.toFixed(0);
  if (whole < 1_000) return GROUPS[whole]!;
  if (whole < 1_000_000) return GROUPS[Math.floor(whole / 1_000)]! + PADDED_GROUPS[whole % 1_000]!;
  if (whole < 1_000_000_000)
    return (
      GROUPS[Math.floor(whole / 1_000_000)]! +
      PADDED_GROUPS[Math.floor(whole / 1_000) % 1_000]! +
      PADDED_GROUPS[whole % 1_000]!
    );
  if (whole < 1_000_000_000_000)
    return (
      GROUPS[Math.floor(whole / 1_000_000_000)]! +
      PADDED_GROUPS[Math.floor(whole / 1_000_000) % 1_000]! +
      PADDED_GROUPS[Math.floor(whole / 1_000) % 1_000]! +
      PADDED_GROUPS[whole % 1_000]!
    );
  return whole.toFixed(0);
}

function remaining(reading: RateReading): number {
  return Math.max(0, reading.limit - reading.used);
}
