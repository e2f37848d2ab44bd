/**
 * Batches rows off the request hot path: `write` only appends to memory; a timer flushes every `flushMs`
 * (and sooner once `batchSize` rows wait). A failed flush keeps its rows and retries on the next tick, up to
 * `maxPending` rows, beyond which the oldest are dropped and counted — the gateway keeps serving when the
 * database is down. `close` flushes everything, so a graceful stop loses nothing; a crash loses at most
 * the rows written since the last flush.
 *
 * A timed flush writes the rows waiting when it starts; rows that arrive while it writes wait for the next tick
 * (or for a batch's worth). Under load, draining them at once kept a flush running back to back with the
 * traffic: batches of ~20 rows every few milliseconds, each paying a transaction's commit and a message to the
 * writer thread, where one batch a tick pays them once for hundreds of rows.
 */

/** The batching writer. */
export interface BatchWriter<T> {
  write(row: T): void;
  /** Writes every pending row now. */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left; rejects if the final flush fails. */
  close(): Promise<void>;
  /** Rows waiting to be written. */
  readonly pending: number;
  /** Rows dropped because the store stayed down too long. */
  readonly dropped: number;
}

/** Batching knobs and the sink. */
export interface BatchWriterOptions<T> {
  readonly sink: (rows: readonly T[]) => Promise<unknown>;
  readonly flushMs: number;
  readonly batchSize: number;
  readonly maxPending?: number;
  readonly onError?: (error: unknown, rows: number) => void;
}

/** Creates a writer and starts its flush timer (unref'd: it never keeps the process alive). */
export function createBatchWriter<T>(options: BatchWriterOptions<T>): BatchWriter<T> {
  const maxPending = options.maxPending ?? 1_000_000;
  let pending: T[] = [];
  let dropped = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let busy = 0;

  /** Writes the first `count` pending rows, in batches; with `count` Infinity, also every row arriving meanwhile. */
  async function flushOnce(count: number): Promise<void> {
    let left = count;
    while (pending.length > 0 && left > 0) {
      const batch = pending.splice(0, Math.min(options.batchSize, left));
      left -= batch.length;
      try {
        await options.sink(batch);
      } catch (error) {
        pending = batch.concat(pending);
        if (pending.length > maxPending) {
          dropped += pending.length - maxPending;
          pending.splice(0, pending.length - maxPending);
        }
        throw error;
      }
    }
  }

  /** Everything pending, or (`drain` false) what is pending when the flush starts. */
  function flushPending(drain: boolean): Promise<void> {
    // One flush at a time: a caller arriving mid-flush runs after it and writes what came in since.
    busy += 1;
    const run = chain.then(() => flushOnce(drain ? Number.POSITIVE_INFINITY : pending.length));
    chain = run.catch(() => undefined).finally(() => (busy -= 1));
    return run;
  }

  function tick(): void {
    if (pending.length === 0 || busy > 0) return;
    flushPending(false).catch((error: unknown) => options.onError?.(error, pending.length));
  }

  const timer = setInterval(tick, options.flushMs);
  timer.unref();

  return {
    write(row) {
      pending.push(row);
      if (pending.length >= options.batchSize) tick();
    },
    flush: () => flushPending(true),
    async close() {
      clearInterval(timer);
      await flushPending(true);
    },
    get pending() {
      return pending.length;
    },
    get dropped() {
      return dropped;
    },
  };
}
