/**
 * Inserts ledger rows, the store's one write that keeps pace with the traffic (a row per request). Building
 * and compiling a Kysely query of 500 rows × 25 columns, and preparing it in SQLite, cost more than the
 * insert itself (17.5 µs a row against 4.9 µs with a statement prepared once). So each chunk size is
 * compiled once, by Kysely from the same table types, and reused with the rows' values in column order:
 * in SQLite as a prepared statement on Kysely's own connection, in PostgreSQL as SQL text.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { Database } from './database.ts';
import type { LedgerTable, Tables } from './tables.ts';

/**
 * Every column, in the order of the compiled statements' parameters. The type check below fails when a
 * column is added to LedgerTable and not here.
 */
const LEDGER_COLUMNS = [
  'at',
  'request_id',
  'purpose',
  'team',
  'key_id',
  'model',
  'deployment',
  'location',
  'operation',
  'stream',
  'status',
  'error_code',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
  'reference_model',
  'reference_cost_usd',
  'latency_ms',
  'ttft_ms',
  'attempts',
  'data_classes',
  'guard_actions',
  'content',
] as const satisfies readonly (keyof LedgerTable)[];

type Unlisted = Exclude<keyof LedgerTable, (typeof LEDGER_COLUMNS)[number]>;
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumnListed;

/**
 * Rows per statement, largest first: a batch is cut greedily into these, so at most five statement shapes
 * exist. 500 rows × 25 columns stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
 */
const CHUNK_SIZES = [500, 100, 20, 5, 1] as const;

/** Writes one batch of rows in one transaction; all or nothing. */
export type LedgerInsert = (rows: readonly LedgerTable[]) => Promise<void>;

/** The ledger inserter for an open database. */
export function createLedgerInsert(database: Database): LedgerInsert {
  const { db, sqlite } = database;
  const sqlFor = memoize((size: number) => compileInsert(db, size));
  if (sqlite === undefined) {
    return async (rows) => {
      await db.transaction().execute(async (transaction: Transaction<Tables>) => {
        for (const [start, size] of chunks(rows.length)) {
          await transaction.executeQuery(CompiledQuery.raw(sqlFor(size), values(rows, start, size)));
        }
      });
    };
  }
  const statementFor = memoize((size: number): Statement => sqlite.prepare(sqlFor(size)));
  return async (rows) => {
    // The transaction holds Kysely's only SQLite connection, so nothing else runs between these statements.
    await db.transaction().execute(async () => {
      for (const [start, size] of chunks(rows.length)) statementFor(size).run(values(rows, start, size));
    });
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

/** [start, size] of each statement for `count` rows. */
function* chunks(count: number): Generator<readonly [number, number]> {
  let start = 0;
  for (const size of CHUNK_SIZES) {
    for (; count - start >= size; start += size) yield [start, size];
  }
}

/** The parameters of rows[start, start + size), row by row in column order. */
function values(rows: readonly LedgerTable[], start: number, size: number): unknown[] {
  const out = new Array<unknown>(size * LEDGER_COLUMNS.length);
  let at = 0;
  for (let index = start; index < start + size; index++) {
    const row = rows[index] as LedgerTable;
    for (const column of LEDGER_COLUMNS) out[at++] = row[column];
  }
  return out;
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
