/**
 * The ledger's writer thread (a worker_threads Worker started by ledger-insert.ts for a SQLite file): its own
 * connection to the database, the one-row INSERT prepared once, and one transaction per batch. better-sqlite3 is
 * synchronous, so on the event loop a batch of 3,000 rows held every request for ~10 ms; here it holds none.
 *
 * Messages in: `{ id, batch }`, the rows encoded by column kind (ledger-batch.ts), which the thread flattens
 * into the statements' parameters. Out: first `{ started }` (its scheduling class, when asked for the idle one),
 * then `{ id }`, or `{ id, error }` when the transaction failed and nothing of the batch was written. A batch
 * whose id was written before (`ledger_batches`) is answered `{ id }` unwritten.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { LedgerBatch } from './ledger-batch.ts';
import type { BatchClaims } from './ledger-chunks.ts';
import { openSqliteFile } from './sqlite-file.ts';
import { insertLedgerRows } from './sqlite-ledger-rows.ts';
import { enterIdlePolicy, type IdlePolicyOutcome } from './thread-policy.ts';

/** What the thread is started with. */
export interface LedgerWriterData {
  readonly file: string;
  /** Run in Linux's idle scheduling class (thread-policy.ts). */
  readonly idle: boolean;
  /** The one-row INSERT (sqlite-ledger-rows.ts), as Kysely compiled it on the main thread. */
  readonly insertRow: string;
  /** The statements that record a batch's id and let old ids go, compiled the same way. */
  readonly claims: BatchClaims;
}

/** A batch to write. */
export interface LedgerWriteRequest {
  readonly id: number;
  readonly batch: LedgerBatch;
}

/** The answer to a batch: nothing, or SQLite's refusal with its code (e.g. `SQLITE_CONSTRAINT_NOTNULL`). */
export interface LedgerWriteReply {
  readonly id: number;
  readonly error?: string;
  readonly code?: string;
}

/** The thread's first message: whether it runs in the idle class, when it was asked to. */
export interface LedgerWriterStarted {
  readonly started: IdlePolicyOutcome | undefined;
}

const port = parentPort;
if (port === null) throw new Error('ledger-writer-thread.ts runs as a worker thread only');
const { file, idle, insertRow, claims } = workerData as LedgerWriterData;
port.postMessage({ started: idle ? enterIdlePolicy() : undefined } satisfies LedgerWriterStarted);
const database = openSqliteFile(SQLite, file);
const insert = database.prepare(insertRow);
const claim = database.prepare(claims.claim);
const prune = database.prepare(claims.prune);

const writeBatch = database.transaction((batch: LedgerBatch, now: number) => {
  if (claim.run(batch.id, now).changes === 0) return;
  prune.run(now - claims.keepMs);
  insertLedgerRows(insert, batch);
});

port.on('message', (request: LedgerWriteRequest) => {
  let reply: LedgerWriteReply;
  try {
    writeBatch(request.batch, Date.now());
    reply = { id: request.id };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    reply = {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  port.postMessage(reply);
});
