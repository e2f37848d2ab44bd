/**
 * rate-limiter-flexible's in-memory limiter, also answered without a promise. Its `consume` counts
 * synchronously, in its own storage, and only then wraps the result in a promise; every admitted request
 * takes four such windows (rpm and tpm of its key and team), and waiting for four promises, `Promise.all` and
 * the awaits around them was most of what limits cost an admitted request on the main thread. `take` counts in
 * the same storage at once, as `consume` does, so both count in one window.
 *
 * A window already open is counted in its record directly, at a time the caller read once for all of a request's
 * windows: the storage's own `incrby` reads the clock (a runtime call, ~60 ns here) and makes a result object per
 * window. A window not yet open (or ended) is opened by `incrby`, with its expiry timer, as `consume` opens it.
 *
 * It needs that storage as the pinned version of the library keeps it (`_memoryStorage.incrby`, and its records
 * in `_memoryStorage._storage`). Where it is not there (another version), `instant` is false and callers use
 * `consume`, as they do for Redis.
 */
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/** One window as the library's storage keeps it (its `Record`): the points counted, and when it ends. */
interface WindowRecord {
  value: number;
  readonly expiresAt: number | null;
}

/** The part of the library's storage `take` uses: its records by key, and `incrby` to open a window. */
interface WindowStorage {
  readonly _storage: Map<string, WindowRecord>;
  incrby(key: string, points: number, seconds: number): RateLimiterRes;
}

function isWindowStorage(value: unknown): value is WindowStorage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { incrby?: unknown }).incrby === 'function' &&
    (value as { _storage?: unknown })._storage instanceof Map
  );
}

/** A per-window limiter without blocking or spreading (the only kind the limits use). */
export class InstantMemoryLimiter extends RateLimiterMemory {
  readonly #storage: WindowStorage | undefined;
  #resetMs = 0;

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
   * Adds `points` to `key`'s window and returns the points the window has counted since it opened — more than
   * the limit (`points` of the constructor) when `consume` would have rejected (the points stay counted, as
   * `consume` keeps them). `now`: the real clock (Date.now) as the caller read it. Only when `instant`.
   */
  take(key: string, points: number, now: number): number {
    if (this.#storage === undefined) throw new Error('this limiter cannot take points at once');
    const id = this.getKey(key);
    const record = this.#storage._storage.get(id);
    const endsAt = record?.expiresAt;
    if (record !== undefined && typeof endsAt === 'number' && endsAt > now) {
      record.value += points;
      this.#resetMs = endsAt - now;
      return record.value;
    }
    const opened = this.#storage.incrby(id, points, this.duration);
    this.#resetMs = opened.msBeforeNext;
    return opened.consumedPoints;
  }

  /**
   * Adds `points` (fewer than zero: gives them back) to `key`'s window at once: what `penalty` and `reward` do,
   * without their promise and result object, so a settled request's correction needs no turn of the microtask
   * queue. A window that has ended is opened with the points when they are more than zero, as `penalty` opens
   * it; points given back to an ended window are dropped (`reward` would open a window below zero). `now`: the
   * real clock (Date.now). Only when `instant`.
   */
  add(key: string, points: number, now: number): void {
    if (this.#storage === undefined) throw new Error('this limiter cannot add points at once');
    const id = this.getKey(key);
    const record = this.#storage._storage.get(id);
    const endsAt = record?.expiresAt;
    if (record !== undefined && typeof endsAt === 'number' && endsAt > now) record.value += points;
    else if (points > 0) this.#storage.incrby(id, points, this.duration);
  }

  /** Milliseconds until the window of the last `take` ends. */
  get resetMs(): number {
    return this.#resetMs;
  }
}
