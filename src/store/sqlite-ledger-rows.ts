/**
 * How a SQLite connection writes a batch of ledger rows: row by row, through one prepared one-row INSERT whose
 * 25 parameters are bound from one array, refilled for each row. SQLite runs a statement in the caller's thread
 * with no round trip to save, and a 500-row statement (12,500 parameters) cost more, not less: the batch
 * flattened into one array of every value and sliced per statement — large arrays made and dropped per batch —
 * and each run binding and walking 12,500 parameter cells. Row by row the writer's CPU fell ~4% in isolation,
 * and beside a loaded gateway all on kept 6–9% more requests per second in two of three alternating runs, as
 * much as a writer that wrote nothing (docs/benchmarks-history.md, thirty-first session). PostgreSQL keeps
 * multi-row statements, where each statement is a round trip.
 */
import type { Statement } from 'better-sqlite3';
import { LedgerBatchRows, type LedgerBatch } from './ledger-batch.ts';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';

/** Runs `insertRow` (the one-row INSERT, parameters in LEDGER_COLUMNS order) for every row of `batch`. */
export function insertLedgerRows(insertRow: Statement, batch: LedgerBatch): void {
  const rows = new LedgerBatchRows(batch);
  const values = new Array<unknown>(LEDGER_COLUMNS.length);
  for (let row = 0; row < rows.count; row++) {
    rows.read(row, values);
    insertRow.run(values);
  }
}
