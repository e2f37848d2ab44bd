/**
 * V8's memory heuristics the gateway sets at start, in every worker: `server.heap_growth_percent`,
 * `server.pretenuring`, `server.parallel_scavenge`, and WebAssembly on the baseline compiler. All are flags V8 reads while it runs, so
 * `v8.setFlagsFromString` after start takes effect (v8-memory.test.ts shows it for each), unlike the
 * semi-space size, which is fixed at start (`npm start` passes it on node's command line).
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
 * features on (docs/benchmarks-history.md): peak RSS ~230 → ~175 MiB and CPU per request 8–25% lower with it
 * off. V8 consults the flag each time it processes pretenuring feedback (after every scavenge).
 */
export function applyPretenuring(enabled: boolean): void {
  if (!enabled) setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * Turns V8's parallel scavenge off unless `enabled`: each young-generation collection then runs on the thread
 * that needs it instead of being split into tasks for V8's helper threads. Those tasks help when cores are
 * idle; under load, when the gateway, its ledger thread and whatever shares the machine keep every core busy,
 * a collection waits for its helpers instead. Measured at 64 connections, alternating builds
 * (docs/benchmarks-history.md): all on ~5% more requests per second with it off, the bare gateway unchanged
 * within noise. V8 reads the flag at every scavenge; it applies to every isolate of the process (worker
 * threads too).
 */
export function applyParallelScavenge(enabled: boolean): void {
  if (!enabled) setFlagsFromString('--no-parallel-scavenge');
}

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff). The gateway's only WebAssembly is undici's HTTP
 * parser (llhttp): on the first requests V8 recompiled its hot functions with TurboFan, whose compile zone
 * took RSS ~30 MiB above its level under load for an instant. No difference per request was measurable at
 * 64 connections. V8 reads the flag when it compiles a module, so it must run before the first upstream
 * connection (undici compiles llhttp lazily).
 */
export function applyWasmBaselineOnly(): void {
  setFlagsFromString('--liftoff-only');
}
