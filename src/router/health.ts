/**
 * Active health checks: probes each deployment with `health_check.interval_ms > 0` right away and then
 * every interval (the next probe is scheduled when the last one ends, so probes never overlap).
 */

/** One deployment to probe. */
export interface HealthProbe {
  readonly name: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly check: (signal: AbortSignal) => Promise<void>;
}

/** Receives each probe's result: `error` is undefined when the deployment is healthy. */
export type HealthListener = (name: string, error: unknown) => void;

/** The timer functions the monitor uses; tests inject fakes. */
export interface HealthTimers {
  readonly set: (callback: () => void, ms: number) => unknown;
  readonly clear: (handle: unknown) => void;
}

/** Real timers, unref'd so health checks never keep the process alive. */
export const unrefTimers: HealthTimers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs one probe with its timeout (and `signal`); resolves to the failure, or undefined when healthy. */
export async function runProbe(probe: HealthProbe, signal: AbortSignal): Promise<unknown> {
  try {
    await probe.check(AbortSignal.any([AbortSignal.timeout(probe.timeoutMs), signal]));
    return undefined;
  } catch (error) {
    return error ?? new Error(`health check of '${probe.name}' failed`);
  }
}

/** Schedules the probes; the router starts it in `start()` and stops it in `close()`. */
export class HealthMonitor {
  readonly #probes: readonly HealthProbe[];
  readonly #listener: HealthListener;
  readonly #timers: HealthTimers;
  readonly #handles = new Map<string, unknown>();
  #stopper: AbortController | undefined;

  constructor(probes: readonly HealthProbe[], listener: HealthListener, timers: HealthTimers = unrefTimers) {
    this.#probes = probes.filter((probe) => probe.intervalMs > 0);
    this.#listener = listener;
    this.#timers = timers;
  }

  /** Starts probing; a second call is a no-op. */
  start(): void {
    if (this.#stopper !== undefined) return;
    const stopper = new AbortController();
    this.#stopper = stopper;
    for (const probe of this.#probes) void this.#run(probe, stopper.signal);
  }

  /** Clears the timers and aborts probes in flight; their results are dropped. */
  stop(): void {
    this.#stopper?.abort();
    this.#stopper = undefined;
    for (const handle of this.#handles.values()) this.#timers.clear(handle);
    this.#handles.clear();
  }

  async #run(probe: HealthProbe, signal: AbortSignal): Promise<void> {
    this.#handles.delete(probe.name);
    const error = await runProbe(probe, signal);
    if (signal.aborted) return;
    this.#handles.set(
      probe.name,
      this.#timers.set(() => void this.#run(probe, signal), probe.intervalMs),
    );
    this.#listener(probe.name, error);
  }
}
