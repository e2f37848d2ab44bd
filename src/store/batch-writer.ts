/**
 * Batches rows off the request hot path: `write` only appends to memory; a timer flushes every `flushMs`
 * (and sooner once `batchSize` rows wait). A failed flush keeps its rows and retries on the next tick, up to
 * `maxPending` rows, beyond which the oldest are dropped and counted — the gateway keeps serving when the
 * database is down. `close` flushes everything, so a graceful stop loses nothing; a crash loses at most
 * the rows written since the last flush.
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

  async function flushOnce(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.splice(0, options.batchSize);
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

  function flush(): Promise<void> {
    // One flush at a time: a caller arriving mid-flush runs after it and writes what came in since.
    busy += 1;
    const run = chain.then(flushOnce);
    chain = run.catch(() => undefined).finally(() => (busy -= 1));
    return run;
  }

  function tick(): void {
    if (pending.length === 0 || busy > 0) return;
    flush().catch((error: unknown) => options.onError?.(error, pending.length));
  }

  const timer = setInterval(tick, options.flushMs);
  timer.unref();

  return {
    write(row) {
      pending.push(row);
      if (pending.length >= options.batchSize) tick();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
    get pending() {
      return pending.length;
    },
    get dropped() {
      return dropped;
    },
  };
}
