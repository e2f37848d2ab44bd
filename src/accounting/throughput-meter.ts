/**
 * Measures a deployment's throughput as tokens per second of busy time: the union of its requests'
 * [start, finish] intervals within a sliding window. Concurrent requests share the seconds they overlap,
 * so hourly-priced hardware is charged once per hour however many requests it batched.
 */

/** How far back the meter looks by default: 15 minutes. */
export const DEFAULT_WINDOW_MS = 15 * 60_000;
/** Busy time needed in the window before a measurement is trusted: 30 seconds. */
export const DEFAULT_MIN_BUSY_MS = 30_000;

/** The window, the minimum busy time (both in milliseconds), and the clock (epoch milliseconds). */
export interface ThroughputMeterOptions {
  readonly windowMs?: number;
  readonly minBusyMs?: number;
  readonly now?: () => number;
}

/** One deployment's meter; the cost model feeds it every finished request. */
export interface ThroughputMeter {
  /** Adds a finished request: its tokens (input + output) over [startedAtMs, finishedAtMs]. */
  record(tokens: number, startedAtMs: number, finishedAtMs: number): void;
  /** Tokens per busy second in the window; undefined until `minBusyMs` of busy time (and a token) is in it. */
  tokensPerSecond(): number | undefined;
  /** Busy milliseconds in the window: the length of the union of the requests' intervals. */
  busyMs(): number;
}

/** A maximal busy stretch: the merged intervals of overlapping requests and their tokens. */
interface Span {
  start: number;
  end: number;
  tokens: number;
}

/** A meter keeping disjoint busy spans sorted by start; a span cut by the window keeps its tokens pro rata. */
export function createThroughputMeter(options: ThroughputMeterOptions = {}): ThroughputMeter {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const minBusyMs = options.minBusyMs ?? DEFAULT_MIN_BUSY_MS;
  const now = options.now ?? Date.now;
  const spans: Span[] = [];
  // Expired spans are skipped by index and compacted now and then, rather than shifted one at a time.
  let head = 0;
  let busy = 0;
  let tokens = 0;

  function expire(cutoff: number): void {
    while (head < spans.length && spans[head]!.end <= cutoff) {
      const span = spans[head++]!;
      busy -= span.end - span.start;
      tokens -= span.tokens;
    }
    if (head === spans.length) {
      // Starting from exact zeros again also discards any floating-point residue of the running sums.
      spans.length = 0;
      head = 0;
      busy = 0;
      tokens = 0;
      return;
    }
    if (head > 1_024 && head * 2 > spans.length) {
      spans.splice(0, head);
      head = 0;
    }
    const first = spans[head]!;
    if (first.start < cutoff) {
      const kept = first.tokens * ((first.end - cutoff) / (first.end - first.start));
      busy -= cutoff - first.start;
      tokens -= first.tokens - kept;
      first.start = cutoff;
      first.tokens = kept;
    }
  }

  function record(count: number, startedAtMs: number, finishedAtMs: number): void {
    const cutoff = now() - windowMs;
    expire(cutoff);
    let start = startedAtMs;
    const end = Math.max(startedAtMs, finishedAtMs);
    let added = Math.max(0, count);
    if (end <= cutoff) return;
    if (start < cutoff) {
      added *= (end - cutoff) / (end - start);
      start = cutoff;
    }
    insert({ start, end, tokens: added });
  }

  /** Merges `span` with every span it overlaps or touches, keeping the list sorted and disjoint. */
  function insert(span: Span): void {
    let after = spans.length;
    while (after > head && spans[after - 1]!.start > span.end) after--;
    let first = after;
    while (first > head && spans[first - 1]!.end >= span.start) first--;
    for (let index = first; index < after; index++) {
      const old = spans[index]!;
      busy -= old.end - old.start;
      span.start = Math.min(span.start, old.start);
      span.end = Math.max(span.end, old.end);
      span.tokens += old.tokens;
      tokens -= old.tokens;
    }
    spans.splice(first, after - first, span);
    busy += span.end - span.start;
    tokens += span.tokens;
  }

  return {
    record,
    tokensPerSecond() {
      expire(now() - windowMs);
      if (busy < minBusyMs || tokens <= 0) return undefined;
      return tokens / (busy / 1_000);
    },
    busyMs() {
      expire(now() - windowMs);
      return busy;
    },
  };
}
