/**
 * How every connection to a SQLite file is opened — the query thread's and the ledger's writer thread's — so
 * that they agree on the journal, the syncing and the wait for each other's locks.
 */
import type SQLiteConstructor from 'better-sqlite3';
import type { Database as SqliteHandle } from 'better-sqlite3';

/** Opens `file` with Daulat's settings; `SQLite` is better-sqlite3's default export. */
export function openSqliteFile(SQLite: typeof SQLiteConstructor, file: string): SqliteHandle {
  const database = new SQLite(file);
  // Other connections write too — keys and the audit log on one thread, the ledger on another, and the other
  // processes of a multi-process gateway, which open and migrate the same file at the same moment: wait for
  // their locks rather than fail.
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers (admin queries) run beside the ledger's writer; NORMAL syncs at checkpoints, so an
  // application crash loses nothing committed (a power cut may lose the last transactions).
  switchToWal(database);
  database.pragma('synchronous = NORMAL');
  return database;
}

const BUSY_TIMEOUT_MS = 5_000;
const RETRY_MS = 10;

/**
 * Sets WAL mode, waiting for other connections' locks. Changing the journal mode does not call SQLite's busy
 * handler: while another connection holds a lock — the workers of a multi-process gateway creating the file
 * together — it fails at once with SQLITE_BUSY, so it is retried here, up to the same timeout. Runs on the
 * store's threads, where blocking for a few milliseconds holds no request.
 */
function switchToWal(database: SqliteHandle): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, RETRY_MS);
    }
  }
}
