/**
 * V8's memory heuristics the gateway sets at start, in every worker: `server.heap_growth_percent` and
 * `server.pretenuring`. Both are flags V8 reads while it runs, so `v8.setFlagsFromString` after start takes
 * effect (v8-memory.test.ts shows it for each), unlike the semi-space size, which is fixed at start.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Sets V8's heap growing factor to 1 + percent/100 (0 keeps V8's own, which grows up to 4× what survived).
 * V8 reads this flag whenever it sizes the old generation after a full collection, so it takes effect from
 * the next one.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * Turns V8's allocation-site pretenuring off unless `enabled`. Pretenuring allocates straight into the old
 * generation the objects of any site whose objects mostly survive a scavenge. Under load a request's objects
 * do survive one — they live for the request, tens of milliseconds — and die soon after, so pretenured they
 * fill the old generation with garbage only a full collection frees. Measured at 64 connections, all
 * features on (docs/benchmarks.md): peak RSS ~230 → ~175 MiB and CPU per request 8–25% lower with it off.
 * V8 consults the flag each time it processes pretenuring feedback (after every scavenge).
 */
export function applyPretenuring(enabled: boolean): void {
  if (!enabled) setFlagsFromString('--no-allocation-site-pretenuring');
}
