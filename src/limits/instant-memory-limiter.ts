/**
 * rate-limiter-flexible's in-memory limiter, also answered without a promise. Its `consume` counts
 * synchronously, in its own storage, and only then wraps the result in a promise; every admitted request
 * takes four such windows (rpm and tpm of its key and team), and waiting for four promises, `Promise.all` and
 * the awaits around them was most of what limits cost an admitted request on the main thread. `take` reads the
 * same count from the same storage at once, as `consume` does it, so both count in one window.
 *
 * It needs that storage as the pinned version of the library keeps it (`_memoryStorage.incrby`). Where it is
 * not there (another version), `instant` is false and callers use `consume`, as they do for Redis.
 */
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/** The part of the library's storage `take` uses: add points to a key's window, made for `seconds` if new. */
interface WindowStorage {
  incrby(key: string, points: number, seconds: number): RateLimiterRes;
}

function isWindowStorage(value: unknown): value is WindowStorage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { incrby?: unknown }).incrby === 'function'
  );
}

/** A per-window limiter without blocking or spreading (the only kind the limits use). */
export class InstantMemoryLimiter extends RateLimiterMemory {
  readonly #storage: WindowStorage | undefined;

  constructor(options: { readonly points: number; readonly duration: number }) {
    super({ keyPrefix: '', points: options.points, duration: options.duration });
    const storage: unknown = (this as unknown as { _memoryStorage?: unknown })._memoryStorage;
    this.#storage = isWindowStorage(storage) ? storage : undefined;
  }

  /** Whether `take` can answer; false when the library's storage is not as this class expects. */
  get instant(): boolean {
    return this.#storage !== undefined;
  }

  /**
   * Adds `points` to `key`'s window and returns the window as `consume` would resolve it — or reject with it,
   * when its `consumedPoints` exceed `points` (the caller tells the two apart, so nothing is thrown here).
   * Only when `instant`.
   */
  take(key: string, points: number): RateLimiterRes {
    if (this.#storage === undefined) throw new Error('this limiter cannot take points at once');
    const result = this.#storage.incrby(this.getKey(key), points, this.duration);
    // The library's typings make this read-only; its `consume` sets it here all the same.
    (result as { remainingPoints: number }).remainingPoints = Math.max(
      this.points - result.consumedPoints,
      0,
    );
    return result;
  }
}
