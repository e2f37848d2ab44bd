/**
 * Opens the database behind the store: SQLite (a file path, WAL mode) by default, PostgreSQL for a
 * `postgres://` URL. Runs the migrations before returning, so a started gateway always has its schema.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database as SqliteHandle } from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import { migrations, type ColumnTypes } from './migrations.ts';
import { SqliteThreadDialect } from './sqlite-thread-dialect.ts';
import type { Tables } from './tables.ts';

/** The database could not be opened or reached at all (as opposed to a migration that failed). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** Which database a store runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** An open, migrated database. */
export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: DialectName;
  /**
   * An in-memory SQLite database only: Kysely's one connection, for statements prepared once and run many
   * times (the ledger's inserts). Use it only inside a Kysely transaction, which holds the connection.
   */
  readonly sqlite?: SqliteHandle;
  /** SQLite only: the database file, absent for `:memory:` (which no second connection can open). */
  readonly file?: string;
  /** Where it is, without credentials, for logs. */
  readonly description: string;
}

/** Where the database is. */
export interface DatabaseOptions {
  /** A SQLite file path (`./data/daulat.db`, `:memory:`) or a `postgres://` URL. */
  readonly url: string;
  /** PostgreSQL only: a schema to create and use instead of `public` (tests isolate themselves this way). */
  readonly schema?: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Opens and migrates the database; throws with the migration's error if the schema cannot be brought up. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const postgres = POSTGRES_URL.test(options.url);
  const { dialect, types, sqlite } = postgres
    ? await postgresDialect(options.url, options.schema)
    : await sqliteDialect(options.url);
  const db = new Kysely<Tables>({ dialect });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StoreOpenError(`cannot open the database: ${messageOf(error)}`, { cause: error });
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations(types)) },
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(postgres ? { migrationTableSchema: options.schema ?? 'public' } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    await db.destroy();
    throw new Error(`database migration failed: ${messageOf(error)}`, { cause: error });
  }
  return {
    db,
    dialect: postgres ? 'postgres' : 'sqlite',
    ...(sqlite === undefined ? {} : { sqlite }),
    ...(postgres || options.url === ':memory:' ? {} : { file: options.url }),
    description: postgres ? redactUrl(options.url) : options.url,
  };
}

interface OpenedDialect {
  readonly dialect: Dialect;
  readonly types: ColumnTypes;
  readonly sqlite?: SqliteHandle;
}

async function sqliteDialect(path: string): Promise<OpenedDialect> {
  const types: ColumnTypes = { time: 'integer', money: 'real' };
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    // A file: queries run on their own thread, so none holds the event loop (sqlite-thread-dialect.ts).
    return { dialect: new SqliteThreadDialect(path), types };
  }
  // In memory, only the connection that made the database can see it: queries run on this thread.
  // Imported here: a PostgreSQL deployment never loads the native SQLite addon.
  const { default: SQLite } = await import('better-sqlite3');
  const database = new SQLite(path);
  return { dialect: new SqliteDialect({ database }), types, sqlite: database };
}

async function postgresDialect(url: string, schema: string | undefined): Promise<OpenedDialect> {
  const { default: pg } = await import('pg');
  if (schema !== undefined) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    // int8 (counts, epoch-ms times) and numeric (sums) as numbers: both stay far below 2^53 here.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
        oid === 20 || oid === 1700
          ? Number
          : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
    },
  });
  return {
    dialect: new PostgresDialect({ pool }),
    types: { time: 'bigint', money: 'double precision' },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
