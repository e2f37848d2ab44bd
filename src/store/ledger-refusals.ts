/**
 * A ledger batch the database refuses for its content — a constraint, a value it cannot store — would be
 * refused on every retry, and the batch writer keeps a failed batch first in line: one bad row would hold back
 * every row behind it until they were dropped for want of room. Such a batch is cut in halves, each written on its
 * own, down to the row the database refuses, which alone is dropped and reported. Any other failure (the database
 * unreachable or busy, a thread that died) is thrown as it is, and the batch writer retries the whole batch.
 *
 * The halves are named after their batch (`<id>.0`, `<id>.1`), so a retry of the whole batch finds the halves
 * written before by their ids, and every row is written once (see `ledger_batches`).
 */
import { decodeLedgerBatch, sliceLedgerBatch, type LedgerBatch } from './ledger-batch.ts';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';

/** Told of each row dropped: the database's refusal and the row's request id. */
export type RefusedRow = (error: unknown, requestId: string) => void;

/** Writes `batch` with `record`, leaving out only the rows the database refuses for good (see above). */
export async function recordAllButRefused(
  record: (batch: LedgerBatch) => Promise<void>,
  batch: LedgerBatch,
  refused: RefusedRow,
): Promise<void> {
  try {
    await record(batch);
  } catch (error) {
    if (!isRefusedForGood(error)) throw error;
    if (batch.count <= 1) {
      refused(error, requestIdOf(batch));
      return;
    }
    const half = Math.ceil(batch.count / 2);
    await recordAllButRefused(record, sliceLedgerBatch(batch, 0, half, `${batch.id}.0`), refused);
    await recordAllButRefused(
      record,
      sliceLedgerBatch(batch, half, batch.count - half, `${batch.id}.1`),
      refused,
    );
  }
}

/**
 * True for a refusal that no retry changes, by the database's error code: SQLite's constraint, type and size
 * errors; PostgreSQL's data exceptions (SQLSTATE class 22) and integrity constraint violations (class 23).
 */
export function isRefusedForGood(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return false;
  if (code.startsWith('SQLITE_'))
    return code.startsWith('SQLITE_CONSTRAINT') || SQLITE_CONTENT_ERRORS.has(code);
  return /^2[23][0-9A-Z]{3}$/.test(code);
}

const SQLITE_CONTENT_ERRORS = new Set(['SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE']);
const REQUEST_ID = LEDGER_COLUMNS.indexOf('request_id');

function requestIdOf(batch: LedgerBatch): string {
  const id = decodeLedgerBatch(batch)[REQUEST_ID];
  return typeof id === 'string' ? id : '';
}
