/**
 * Kysely over a SQLite file whose queries run on a worker thread (sqlite-query-thread.ts) instead of the event
 * loop. Kysely's own SQLite dialect calls better-sqlite3 synchronously: every query, however long, held every
 * request in flight until it finished. This dialect keeps Kysely's SQLite compiler, adapter and introspector and
 * replaces only the driver: one connection, as SQLite has, lent to one caller at a time (a transaction holds it
 * from BEGIN to COMMIT), whose queries are messages to the thread.
 *
 * The thread is started by `init` and unref'd while no query waits, so an open database never keeps a process
 * alive; a thread that dies fails the queries it held, and the next query starts a new one — except inside a
 * transaction the dead thread had begun, whose every later statement fails (see `ThreadConnection`).
 */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { startWorker } from '../worker-thread.ts';
import type { QueryReply, QueryRequest, QueryThreadData } from './sqlite-query-thread.ts';

/** SQLite's own error, as the thread reported it: its message and code (e.g. `SQLITE_CONSTRAINT_UNIQUE`). */
export class SqliteThreadError extends Error {
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.name = 'SqliteError';
    this.code = code;
  }
}

/** The dialect for the SQLite file `file`. */
export class SqliteThreadDialect implements Dialect {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  createDriver(): Driver {
    return new SqliteThreadDriver(this.#file);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * Kysely's SQLite adapter, but saying what SQLite does: DDL is transactional. Kysely's migrator then runs the
 * pending migrations in one transaction — IMMEDIATE here, so it waits for another process's — instead of one
 * statement at a time with no lock at all (the adapter has none for SQLite): the workers of a multi-process
 * gateway starting on a new file would otherwise both run the first migration, and one would fail.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SqliteThreadDriver implements Driver {
  readonly #connection: ThreadConnection;
  #lent: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#connection = new ThreadConnection({ file });
  }

  /** Starts the thread and waits until it has opened the file (or failed to). */
  async init(): Promise<void> {
    await this.#connection.executeQuery(CompiledQuery.raw('select 1'));
  }

  /** The one connection, once its last borrower has released it. */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#lent;
    let release!: () => void;
    this.#lent = new Promise((resolve) => (release = resolve));
    await previous;
    this.#connection.release = release;
    return this.#connection;
  }

  /**
   * IMMEDIATE: the write lock is taken at BEGIN, waiting (busy_timeout) for another process's transaction to
   * end. A deferred transaction that read first and wrote later would instead fail at once with SQLITE_BUSY
   * when another process wrote in between — two workers migrating a new file at the same start, for one.
   */
  async beginTransaction(): Promise<void> {
    await this.#connection.begin();
  }

  async commitTransaction(): Promise<void> {
    await this.#connection.commit();
  }

  async rollbackTransaction(): Promise<void> {
    await this.#connection.rollback();
  }

  releaseConnection(): Promise<void> {
    this.#connection.release();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    return this.#connection.close();
  }
}

/**
 * The connection: each query a message to the thread, answered in order. A transaction belongs to the thread
 * that began it: if that thread dies, SQLite drops what the transaction wrote, and every later statement of the
 * transaction fails rather than run, outside any transaction, on the next thread (which would commit the rest of
 * a transaction whose beginning was lost); its rollback has nothing left to do.
 */
class ThreadConnection implements DatabaseConnection {
  /** Lets the next borrower have the connection (set by the driver on each loan). */
  release: () => void = () => undefined;
  readonly #data: QueryThreadData;
  #worker: Worker | undefined;
  /** The thread the open transaction began on, if one is open. */
  #transaction: { readonly thread: Worker | undefined } | undefined;
  #nextId = 0;
  readonly #waiting = new Map<
    number,
    { resolve: (reply: QueryReply) => void; reject: (error: Error) => void }
  >();

  constructor(data: QueryThreadData) {
    this.#data = data;
  }

  /** Begins a transaction on the thread running now. */
  async begin(): Promise<void> {
    await this.executeQuery(CompiledQuery.raw('begin immediate'));
    this.#transaction = { thread: this.#worker };
  }

  /** Commits; refused when the transaction died with its thread. */
  async commit(): Promise<void> {
    this.#inOpenTransaction();
    this.#transaction = undefined;
    await this.executeQuery(CompiledQuery.raw('commit'));
  }

  /** Rolls back, unless the transaction died with its thread (a failed COMMIT is still open: rolled back). */
  async rollback(): Promise<void> {
    const lost = this.#transaction !== undefined && this.#transaction.thread !== this.#worker;
    this.#transaction = undefined;
    if (!lost) await this.executeQuery(CompiledQuery.raw('rollback'));
  }

  /** Throws when the thread the open transaction began on has died since. */
  #inOpenTransaction(): void {
    if (this.#transaction !== undefined && this.#transaction.thread !== this.#worker)
      throw new Error('the SQLite query thread exited during this transaction: nothing of it was written');
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.#inOpenTransaction();
    const reply = await this.#send({
      id: this.#nextId++,
      sql: compiled.sql,
      parameters: compiled.parameters,
    });
    if ('error' in reply) throw new SqliteThreadError(reply.error.message, reply.error.code);
    if ('rows' in reply) return { rows: reply.rows as R[] };
    return {
      rows: [],
      numAffectedRows: BigInt(reply.changes),
      insertId: BigInt(reply.lastInsertRowid),
    };
  }

  // eslint-disable-next-line require-yield -- streaming is not offered: Kysely asks for it only through .stream()
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the SQLite query thread');
  }

  /** Waits for queries in flight, then closes the database and ends the thread. */
  async close(): Promise<void> {
    const thread = this.#worker;
    if (thread === undefined) return;
    while (this.#waiting.size > 0)
      await Promise.race([once(thread, 'message'), once(thread, 'exit')]).catch(() => undefined);
    this.#worker = undefined;
    const exited = once(thread, 'exit').catch(() => undefined);
    // Held until it has closed the database, or a process ending now would not wait for it.
    thread.ref();
    thread.postMessage('close');
    await exited;
  }

  #send(request: QueryRequest): Promise<QueryReply> {
    const thread = (this.#worker ??= this.#start());
    return new Promise((resolve, reject) => {
      // Sent before it is awaited: parameters that cannot be sent reject, and leave nothing for `close` to wait for.
      thread.postMessage(request);
      this.#waiting.set(request.id, { resolve, reject });
      thread.ref();
    });
  }

  #start(): Worker {
    const started = startWorker(import.meta.url, './sqlite-query-thread', this.#data);
    started.on('message', (reply: QueryReply) => {
      const entry = this.#waiting.get(reply.id);
      if (entry === undefined) return;
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) started.unref();
      entry.resolve(reply);
    });
    const fail = (error: Error): void => {
      if (this.#worker === started) this.#worker = undefined;
      for (const { reject } of this.#waiting.values()) reject(error);
      this.#waiting.clear();
    };
    started.on('error', (error) =>
      fail(new Error(`the SQLite query thread failed: ${error.message}`, { cause: error })),
    );
    started.on('exit', (code) => fail(new Error(`the SQLite query thread exited (code ${code})`)));
    return started;
  }
}
