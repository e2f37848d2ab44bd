/**
 * Corrections to token windows kept in Redis (a settled request used more or fewer tokens than it reserved),
 * summed per limiter and scope and applied together; windows in memory are corrected at once instead
 * (InstantMemoryLimiter's `add`). The requests that finish in one event-loop turn settle in one pass
 * (gateway.ts runs their bookkeeping in one `setImmediate`), so each scope's window is corrected by one call
 * per turn instead of one per request: under load a rate-limiter-flexible promise, result and key string less
 * per request in memory, and with Redis a round trip less per request. A penalty and a reward on one window
 * net out: both are the same increment with opposite signs.
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** rate-limiter-flexible reads only `customDuration` from a call's options: one shared empty object, not one per call. */
export const NO_OPTIONS: Readonly<Record<string, never>> = Object.freeze({});

let queued: Map<RateLimiterAbstract, Map<string, number>> | undefined;
let applying: Promise<void> | undefined;

/**
 * Adds `points` (fewer than zero: gives them back) to the window of `id` in `limiter` once the code running
 * now has finished; resolves when the corrections gathered with it are applied, rejects if one failed.
 */
export function correctWindow(limiter: RateLimiterAbstract, id: string, points: number): Promise<void> {
  if (queued === undefined || applying === undefined) {
    queued = new Map();
    applying = Promise.resolve().then(applyQueued);
  }
  let byScope = queued.get(limiter);
  if (byScope === undefined) {
    byScope = new Map();
    queued.set(limiter, byScope);
  }
  byScope.set(id, (byScope.get(id) ?? 0) + points);
  return applying;
}

async function applyQueued(): Promise<void> {
  const batch = queued;
  queued = undefined;
  applying = undefined;
  if (batch === undefined) return;
  const work: Promise<unknown>[] = [];
  for (const [limiter, byScope] of batch) {
    for (const [id, points] of byScope) {
      if (points > 0) work.push(limiter.penalty(id, points, NO_OPTIONS));
      else if (points < 0) work.push(limiter.reward(id, -points, NO_OPTIONS));
    }
  }
  await Promise.all(work);
}
