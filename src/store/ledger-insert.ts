/**
 * Inserts ledger rows, the store's one write that keeps pace with the traffic (a row per request). Building
 * and compiling a Kysely query of 500 rows × 25 columns, and preparing it in SQLite, cost more than the
 * insert itself (17.5 µs a row against 4.9 µs with a statement prepared once). So the statements are
 * compiled once, by Kysely from the same table types, and reused with the rows' values in column order: in
 * PostgreSQL as SQL text, a statement per chunk size (ledger-chunks.ts); in SQLite the one-row INSERT, run
 * for each row (sqlite-ledger-rows.ts) — in a SQLite file prepared by the ledger's writer thread on its own
 * connection, so the synchronous inserts never hold the event loop; in an in-memory SQLite database (which
 * one connection alone can see) prepared on Kysely's connection.
 */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database as SqliteHandle } from 'better-sqlite3';
import { startWorker } from '../worker-thread.ts';
import { SqliteThreadError } from './sqlite-thread-dialect.ts';
import type { Database } from './database.ts';
import { decodeLedgerBatch, movableCopy, type LedgerBatch } from './ledger-batch.ts';
import { chunkOf, chunks, LEDGER_COLUMNS, type BatchClaims } from './ledger-chunks.ts';
import { insertLedgerRows } from './sqlite-ledger-rows.ts';
import type { LedgerTable, Tables } from './tables.ts';
import type {
  LedgerWriteReply,
  LedgerWriteRequest,
  LedgerWriterData,
  LedgerWriterStarted,
} from './ledger-writer-thread.ts';
import type { IdlePolicyOutcome } from './thread-policy.ts';

/**
 * Writes batches of rows, each in one transaction (all or nothing) and once: a batch written again (a retry
 * after a commit that was never acknowledged) writes nothing the second time.
 */
export interface LedgerInsert {
  insert(batch: LedgerBatch): Promise<void>;
  /** Waits for batches in flight, then stops the writer thread, if any. */
  close(): Promise<void>;
}

/** How a SQLite file's writer thread runs. */
export interface LedgerWriterOptions {
  /** In Linux's idle scheduling class (thread-policy.ts), until it falls behind; default false. */
  readonly idle?: boolean;
  /**
   * An idle writer that has not answered a batch for this long is replaced by one at normal priority, for good
   * (default 5 s): on a machine whose every core is busy, the idle class would get almost no time.
   */
  readonly fallBehindMs?: number;
  /** Told how the writer runs once it has started, and when an idle writer is replaced. */
  readonly onEvent?: (event: LedgerWriterEvent) => void;
}

/** What the writer thread's scheduling came to. */
export type LedgerWriterEvent =
  | { readonly kind: 'started'; readonly policy: IdlePolicyOutcome | undefined }
  | { readonly kind: 'fell_behind'; readonly waitedMs: number };

const FALL_BEHIND_MS = 5_000;

/** The ledger inserter for an open database. */
export function createLedgerInsert(database: Database, writer: LedgerWriterOptions = {}): LedgerInsert {
  const { db, sqlite, file } = database;
  const sqlFor = memoize((size: number) => compileInsert(db, size));
  const claims = compileClaims(db);
  if (file !== undefined) return createThreadInsert({ file, insertRow: sqlFor(1), claims }, writer);
  if (sqlite !== undefined) return inThreadInsert(db, sqlite, sqlFor, claims);
  return {
    async insert(batch) {
      const now = Date.now();
      await db.transaction().execute(async (transaction: Transaction<Tables>) => {
        const claimed = await transaction.executeQuery(CompiledQuery.raw(claims.claim, [batch.id, now]));
        if (claimed.numAffectedRows === 0n) return;
        await transaction.executeQuery(CompiledQuery.raw(claims.prune, [now - claims.keepMs]));
        const values = decodeLedgerBatch(batch);
        for (const [start, size] of chunks(batch.count)) {
          await transaction.executeQuery(CompiledQuery.raw(sqlFor(size), chunkOf(values, start, size)));
        }
      });
    },
    close: () => Promise.resolve(),
  };
}

function inThreadInsert(
  db: Kysely<Tables>,
  sqlite: SqliteHandle,
  sqlFor: (size: number) => string,
  claims: BatchClaims,
): LedgerInsert {
  const insert = sqlite.prepare(sqlFor(1));
  const claim = sqlite.prepare(claims.claim);
  const prune = sqlite.prepare(claims.prune);
  return {
    async insert(batch) {
      const now = Date.now();
      // The transaction holds Kysely's only SQLite connection, so nothing else runs between these statements.
      await db.transaction().execute(async () => {
        if (claim.run(batch.id, now).changes === 0) return;
        prune.run(now - claims.keepMs);
        insertLedgerRows(insert, batch);
      });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Sends a batch to a writer thread as a copy of its rows, whose arrays are moved (transferred), not cloned. The
 * batch's own arrays stay: a batch that fails (SQLite busy past its timeout, a full disk, a thread that died) is
 * kept by the batch writer and sent again, and a replaced thread's batches go to its successor. Cloning them in
 * the message — what `postMessage` does with arrays it is not given to move — cost the event loop 1.1–1.4 ms for
 * a 2,000-row batch (~0.6 µs a row, every flush); copying them with `slice` and moving the copies, 60–75 µs.
 */
function send(thread: Worker, request: LedgerWriteRequest): void {
  const { batch, transfer } = movableCopy(request.batch);
  thread.postMessage({ id: request.id, batch } satisfies LedgerWriteRequest, transfer);
}

/**
 * Batches go to the writer thread, started at the first batch (a gateway that never writes a row never
 * starts it). A thread that dies fails the batches it held — the batch writer keeps their rows and retries —
 * and the next batch starts a new one. The thread is unref'd while idle, so it never keeps a process alive.
 *
 * An idle-class writer whose oldest batch has waited `fallBehindMs` is terminated (its open transaction rolls
 * back) and its batches go to a new thread at normal priority, which writes every thread from then on: a thread
 * cannot leave the idle class unprivileged, but a new one starts in the class of the event loop that starts it.
 * Nobody waiting for a batch sees the change, and none is written twice: a batch the old thread did commit is
 * answered unwritten by the new one (its id is in `ledger_batches`).
 */
function createThreadInsert(
  data: Omit<LedgerWriterData, 'idle'>,
  options: LedgerWriterOptions,
): LedgerInsert {
  let worker: Worker | undefined;
  let nextId = 0;
  let idle = options.idle === true;
  const fallBehindMs = options.fallBehindMs ?? FALL_BEHIND_MS;
  const waiting = new Map<
    number,
    {
      readonly request: LedgerWriteRequest;
      readonly resolve: () => void;
      readonly reject: (error: Error) => void;
      sentAt: number;
    }
  >();

  function settleAll(error: Error): void {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  }

  function start(): Worker {
    const started = startWorker(import.meta.url, './ledger-writer-thread', { ...data, idle });
    started.on('message', (reply: LedgerWriteReply | LedgerWriterStarted) => {
      // A replaced thread's batches are its successor's to answer.
      if (worker !== started) return;
      if ('started' in reply) {
        options.onEvent?.({ kind: 'started', policy: reply.started });
        return;
      }
      const entry = waiting.get(reply.id);
      if (entry === undefined) return;
      waiting.delete(reply.id);
      if (waiting.size === 0) started.unref();
      if (reply.error === undefined) entry.resolve();
      else entry.reject(new SqliteThreadError(`ledger insert failed: ${reply.error}`, reply.code));
    });
    // The batches waiting when a thread that fell behind was replaced are its successor's.
    started.on('error', (error) => {
      if (worker !== started) return;
      worker = undefined;
      settleAll(new Error(`the ledger's writer thread failed: ${error.message}`, { cause: error }));
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = undefined;
      settleAll(new Error(`the ledger's writer thread exited (code ${code})`));
    });
    return started;
  }

  function checkFallingBehind(): void {
    const thread = worker;
    const oldest = waiting.values().next().value;
    if (!idle || thread === undefined || oldest === undefined) return;
    const waitedMs = performance.now() - oldest.sentAt;
    if (waitedMs < fallBehindMs) return;
    idle = false;
    clearInterval(watch);
    const successor = start();
    worker = successor;
    void thread.terminate();
    for (const entry of waiting.values()) {
      send(successor, entry.request);
      entry.sentAt = performance.now();
    }
    successor.ref();
    options.onEvent?.({ kind: 'fell_behind', waitedMs });
  }
  const watch = setInterval(checkFallingBehind, Math.min(1_000, fallBehindMs));
  watch.unref();
  if (!idle) clearInterval(watch);

  return {
    insert(batch) {
      if (batch.count === 0) return Promise.resolve();
      const thread = (worker ??= start());
      const request: LedgerWriteRequest = { id: nextId++, batch };
      return new Promise<void>((resolve, reject) => {
        // Sent before it is awaited: a batch that cannot be sent rejects, and leaves nothing for `close` to wait for.
        send(thread, request);
        waiting.set(request.id, { request, resolve, reject, sentAt: performance.now() });
        thread.ref();
      });
    },
    async close() {
      // The batch writer has flushed before the store closes; batches still being written finish first (by a
      // successor, if the thread falls behind meanwhile).
      while (waiting.size > 0 && worker !== undefined) {
        const thread = worker;
        await Promise.race([once(thread, 'message'), once(thread, 'exit')]).catch(() => undefined);
      }
      clearInterval(watch);
      const thread = worker;
      worker = undefined;
      await thread?.terminate();
    },
  };
}

/** How long a written batch's id is kept, so that a retry of it is recognised. */
const BATCH_ID_KEEP_MS = 86_400_000;

/** The batch-id statements (see BatchClaims), as Kysely compiles them for this dialect. */
function compileClaims(db: Kysely<Tables>): BatchClaims {
  return {
    claim: db
      .insertInto('ledger_batches')
      .values({ id: '', at: 0 })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .compile().sql,
    prune: db.deleteFrom('ledger_batches').where('at', '<', 0).compile().sql,
    keepMs: BATCH_ID_KEEP_MS,
  };
}

/** The INSERT of `size` rows, as Kysely compiles it for this dialect. */
function compileInsert(db: Kysely<Tables>, size: number): string {
  const row = Object.fromEntries(LEDGER_COLUMNS.map((column) => [column, null])) as unknown as LedgerTable;
  return db
    .insertInto('ledger')
    .values(Array.from({ length: size }, () => row))
    .compile().sql;
}

function memoize<T>(make: (size: number) => T): (size: number) => T {
  const made = new Map<number, T>();
  return (size) => {
    let value = made.get(size);
    if (value === undefined) {
      value = make(size);
      made.set(size, value);
    }
    return value;
  };
}
