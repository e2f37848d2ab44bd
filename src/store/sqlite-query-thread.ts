/**
 * The SQLite file's query thread (a worker_threads Worker started by sqlite-thread-dialect.ts): the one
 * connection Kysely's queries run on, off the event loop. better-sqlite3 is synchronous, so on the event loop a
 * budget's first look at a month of ledger rows (~0.17 s for 460,000 rows) or an admin's usage report held every
 * request in flight for as long as it ran; here they hold none.
 *
 * Messages in: `{ id, sql, parameters }`. Out: `{ id, rows }` for a statement that returns rows, `{ id, changes,
 * lastInsertRowid }` for one that does not, or `{ id, error }` when SQLite refused it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite, { type Database as SqliteHandle, type Statement } from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file.ts';

/** What the thread is started with. */
export interface QueryThreadData {
  readonly file: string;
}

/** One statement to run. */
export interface QueryRequest {
  readonly id: number;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** What SQLite answered, or why it refused. */
export type QueryReply =
  | { readonly id: number; readonly rows: unknown[] }
  | { readonly id: number; readonly changes: number; readonly lastInsertRowid: number | bigint }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

/** Prepared statements kept; past this the cache starts over (query texts vary only with their IN lists). */
const MAX_STATEMENTS = 256;

const port = parentPort;
if (port === null) throw new Error('sqlite-query-thread.ts runs as a worker thread only');
const { file } = workerData as QueryThreadData;
const database = open();
const statements = new Map<string, Statement>();

/** The connection; a failure to open is thrown as a plain Error, whose message survives the trip to the caller. */
function open(): SqliteHandle {
  try {
    return openSqliteFile(SQLite, file);
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function prepared(sql: string): Statement {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = database.prepare(sql);
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}

function run({ id, sql, parameters }: QueryRequest): QueryReply {
  try {
    const statement = prepared(sql);
    if (statement.reader) return { id, rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { id, changes, lastInsertRowid };
  } catch (error) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    return {
      id,
      error: {
        message: typeof message === 'string' ? message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      },
    };
  }
}

port.on('message', (request: QueryRequest | 'close') => {
  if (request === 'close') {
    database.close();
    port.close();
    return;
  }
  port.postMessage(run(request));
});
