/**
 * How every connection to a SQLite file is opened — the query thread's and the ledger's writer thread's — so
 * that they agree on the journal, the syncing and the wait for each other's locks.
 */
import type SQLiteConstructor from 'better-sqlite3';
import type { Database as SqliteHandle } from 'better-sqlite3';

/** Opens `file` with Daulat's settings; `SQLite` is better-sqlite3's default export. */
export function openSqliteFile(SQLite: typeof SQLiteConstructor, file: string): SqliteHandle {
  const database = new SQLite(file);
  // WAL lets readers (admin queries) run beside the ledger's writer; NORMAL syncs at checkpoints, so an
  // application crash loses nothing committed (a power cut may lose the last transactions).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // The other connection writes too (keys and the audit log here, the ledger there): wait for its lock rather
  // than fail.
  database.pragma('busy_timeout = 5000');
  return database;
}
