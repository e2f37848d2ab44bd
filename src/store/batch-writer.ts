/**
 * Batches rows off the request hot path: `write` only appends to memory; a timer flushes every `flushMs`
 * (and sooner once `batchSize` rows wait). A failed flush keeps its rows and retries on the next tick, up to
 * `maxPending` rows, beyond which the oldest batches are dropped and their rows counted — the gateway keeps serving when the
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

/**
 * Where rows wait until they are written: added to the open batch one by one, sealed into what the sink takes.
 * An array by default; the ledger encodes its rows as they come (ledger-batch.ts).
 */
export interface BatchBuilder<T, B> {
  add(row: T): void;
  /** Rows added since the last seal. */
  readonly count: number;
  /** Those rows as one batch; the builder starts over empty. */
  seal(): B;
}

/** Batching knobs and the sink. */
export interface BatchWriterOptions<B> {
  readonly sink: (batch: B) => Promise<unknown>;
  readonly flushMs: number;
  readonly batchSize: number;
  readonly maxPending?: number;
  readonly onError?: (error: unknown, rows: number) => void;
}

/** Creates a writer whose rows wait in arrays, and starts its flush timer. */
export function createBatchWriter<T>(options: BatchWriterOptions<readonly T[]>): BatchWriter<T> {
  return createBatchWriterWith(arrayBuilder<T>(), options);
}

/** Rows kept in an array until sealed. */
function arrayBuilder<T>(): BatchBuilder<T, readonly T[]> {
  let rows: T[] = [];
  return {
    add: (row) => void rows.push(row),
    get count() {
      return rows.length;
    },
    seal() {
      const batch = rows;
      rows = [];
      return batch;
    },
  };
}

/** A sealed batch waiting for the sink. */
interface Sealed<B> {
  readonly batch: B;
  readonly rows: number;
}

/**
 * Creates a writer whose rows wait in `builder`'s batches, and starts its flush timer (unref'd: it never keeps
 * the process alive). A batch is sealed when it reaches `batchSize` rows or a flush begins; a failed batch stays
 * first in line, and beyond `maxPending` rows the oldest batches are dropped whole.
 */
export function createBatchWriterWith<T, B>(
  builder: BatchBuilder<T, B>,
  options: BatchWriterOptions<B>,
): BatchWriter<T> {
  const maxPending = options.maxPending ?? 1_000_000;
  const sealed: Sealed<B>[] = [];
  let sealedRows = 0;
  let dropped = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let busy = 0;

  function seal(): void {
    const rows = builder.count;
    if (rows === 0) return;
    sealed.push({ batch: builder.seal(), rows });
    sealedRows += rows;
  }

  function dropOldest(): void {
    while (sealedRows + builder.count > maxPending && sealed.length > 0) {
      const oldest = sealed.shift()!;
      sealedRows -= oldest.rows;
      dropped += oldest.rows;
    }
  }

  /** Writes the batches sealed when it starts; with `drain`, also every row arriving meanwhile. */
  async function flushOnce(drain: boolean): Promise<void> {
    seal();
    let left = drain ? Number.POSITIVE_INFINITY : sealed.length;
    while (left > 0) {
      if (drain && sealed.length === 0) seal();
      const next = sealed[0];
      if (next === undefined) return;
      try {
        await options.sink(next.batch);
      } catch (error) {
        dropOldest();
        throw error;
      }
      // Still first in line: only this flush, the one running, takes batches out.
      sealed.shift();
      sealedRows -= next.rows;
      left -= 1;
    }
  }

  /** Everything pending, or (`drain` false) what is pending when the flush starts. */
  function flushPending(drain: boolean): Promise<void> {
    // One flush at a time: a caller arriving mid-flush runs after it and writes what came in since.
    busy += 1;
    const run = chain.then(() => flushOnce(drain));
    chain = run.catch(() => undefined).finally(() => (busy -= 1));
    return run;
  }

  function pending(): number {
    return sealedRows + builder.count;
  }

  function tick(): void {
    if (pending() === 0 || busy > 0) return;
    flushPending(false).catch((error: unknown) => options.onError?.(error, pending()));
  }

  const timer = setInterval(tick, options.flushMs);
  timer.unref();

  return {
    write(row) {
      builder.add(row);
      if (builder.count < options.batchSize) return;
      seal();
      tick();
    },
    flush: () => flushPending(true),
    async close() {
      clearInterval(timer);
      await flushPending(true);
    },
    get pending() {
      return pending();
    },
    get dropped() {
      return dropped;
    },
  };
}
