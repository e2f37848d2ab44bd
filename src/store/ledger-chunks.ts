/**
 * The ledger table's columns in the order of the compiled INSERTs' parameters, and how a batch of rows is cut
 * into PostgreSQL's multi-row statements and flattened into their parameters (SQLite inserts row by row:
 * sqlite-ledger-rows.ts). Shared by the inserter and its writer thread.
 */
import type { LedgerTable } from './tables.ts';

/**
 * Every column, in the order of the compiled statements' parameters. The type check below fails when a
 * column is added to LedgerTable and not here.
 */
export const LEDGER_COLUMNS = [
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
 * Rows per PostgreSQL statement, largest first: a batch is cut greedily into these, so at most five statement
 * shapes exist. 500 rows × 25 columns stays under PostgreSQL's 65,535 parameters.
 */
export const CHUNK_SIZES = [500, 100, 20, 5, 1] as const;

/** [start, size] of each statement for `count` rows. */
export function* chunks(count: number): Generator<readonly [number, number]> {
  let start = 0;
  for (const size of CHUNK_SIZES) {
    for (; count - start >= size; start += size) yield [start, size];
  }
}

/** The parameters of rows [start, start + size) of a batch's parameters, flattened row by row in column order. */
export function chunkOf(values: readonly unknown[], start: number, size: number): unknown[] {
  return values.slice(start * LEDGER_COLUMNS.length, (start + size) * LEDGER_COLUMNS.length);
}

/**
 * The statements that make a batch's write happen once, run first in its transaction: `claim` records the batch's
 * id (parameters: id, now) and changes no row when the id was written before, in which case the batch is not
 * written again; `prune` (parameter: now − keepMs) lets ids older than `keepMs` go. A retry follows its failed
 * attempt within seconds, so a day is ample.
 */
export interface BatchClaims {
  readonly claim: string;
  readonly prune: string;
  readonly keepMs: number;
}
