/**
 * Kysely on the SQLite query thread: queries, transactions and SQLite's errors as on the event loop, and a
 * long query that leaves the event loop free.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { SqliteThreadDialect, SqliteThreadError } from './sqlite-thread-dialect.ts';
import { killThreadsOn } from '../../test/helpers/thread-death.ts';

interface Tables {
  items: { id: number; name: string };
}

describe('Kysely on the SQLite query thread', () => {
  let db: Kysely<Tables>;

  before(async () => {
    db = new Kysely<Tables>({
      dialect: new SqliteThreadDialect(join(mkdtempSync(join(tmpdir(), 'daulat-thread-')), 'q.db')),
    });
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull().unique())
      .execute();
  });
  after(() => db.destroy());

  it('inserts, reads and counts what it changed', async () => {
    const inserted = await db.insertInto('items').values({ id: 1, name: 'one' }).executeTakeFirstOrThrow();
    assert.equal(inserted.insertId, 1n);
    assert.equal(inserted.numInsertedOrUpdatedRows, 1n);
    const updated = await db.updateTable('items').set({ name: 'uno' }).where('id', '=', 1).executeTakeFirst();
    assert.equal(updated.numUpdatedRows, 1n);
    assert.deepEqual(await db.selectFrom('items').selectAll().execute(), [{ id: 1, name: 'uno' }]);
  });

  it('gives SQLite its own error, with its code, and goes on', async () => {
    await db.insertInto('items').values({ id: 2, name: 'two' }).execute();
    const refusal = await db
      .insertInto('items')
      .values({ id: 3, name: 'two' })
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(refusal instanceof SqliteThreadError);
    assert.match(refusal.message, /UNIQUE constraint failed: items\.name/);
    assert.equal(refusal.code, 'SQLITE_CONSTRAINT_UNIQUE');
    await assert.rejects(sql`select * from missing`.execute(db), /no such table: missing/);
    // A parameter no thread can be sent: refused at once, and the connection goes on.
    await assert.rejects(sql`select ${Symbol('unsendable')} as f`.execute(db), /could not be cloned/);
    assert.equal((await db.selectFrom('items').select('id').execute()).length, 2);
  });

  it('keeps a transaction whole: rolled back on failure, and nothing else runs inside it', async () => {
    await assert.rejects(
      db.transaction().execute(async (transaction) => {
        await transaction.insertInto('items').values({ id: 10, name: 'ten' }).execute();
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(
      await db.selectFrom('items').select('id').where('id', '=', 10).executeTakeFirst(),
      undefined,
    );
    // A query issued while a transaction holds the connection runs after it, not inside it.
    const order: string[] = [];
    const inside = db.transaction().execute(async (transaction) => {
      await transaction.insertInto('items').values({ id: 11, name: 'eleven' }).execute();
      await nextTurn();
      order.push('transaction');
    });
    const outside = db
      .selectFrom('items')
      .select('id')
      .execute()
      .then(() => order.push('outside'));
    await Promise.all([inside, outside]);
    assert.deepEqual(order, ['transaction', 'outside']);
  });

  it('leaves the event loop free while a long query runs', async () => {
    let turns = 0;
    let running = true;
    const counting = (async () => {
      while (running) {
        await nextTurn();
        turns += 1;
      }
    })();
    // A few hundred milliseconds of SQLite work, which on the event loop would allow no turn at all.
    const [row] = (
      await sql<{ total: number }>`
        with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000000)
        select sum(i) as total from n`.execute(db)
    ).rows;
    running = false;
    await counting;
    assert.equal(row?.total, (3_000_000 * 3_000_001) / 2);
    assert.ok(turns > 10, `the event loop turned ${turns} times during the query`);
  });

  it('fails the queries of a thread that dies, and the next query starts a new one on the same file', async () => {
    await db.insertInto('items').values({ id: 20, name: 'twenty' }).execute();
    const dying = killThreadsOn(
      (message) => (message as { sql?: string }).sql?.includes("'die here'") === true,
    );
    try {
      await assert.rejects(sql`select 'die here'`.execute(db), /the SQLite query thread exited/);
      // Mid-transaction: the caller hears of it, and what the transaction wrote is not kept.
      await assert.rejects(
        db.transaction().execute(async (transaction) => {
          await transaction.insertInto('items').values({ id: 21, name: 'twenty-one' }).execute();
          await sql`select 'die here'`.execute(transaction);
        }),
        /the SQLite query thread exited/,
      );
      // A transaction that goes on after losing its thread: its next statement must not run, outside any
      // transaction, on a new thread, nor may it commit.
      let next: unknown;
      await assert.rejects(
        db.transaction().execute(async (transaction) => {
          await transaction.insertInto('items').values({ id: 23, name: 'twenty-three' }).execute();
          await sql`select 'die here'`.execute(transaction).catch(() => undefined);
          next = await transaction
            .insertInto('items')
            .values({ id: 24, name: 'twenty-four' })
            .execute()
            .catch((error: unknown) => error);
        }),
        /the SQLite query thread exited during this transaction: nothing of it was written/,
      );
      assert.match(String(next), /exited during this transaction/);
    } finally {
      dying.restore();
    }
    assert.equal(dying.killed(), 3);
    // A new thread opened the file: earlier rows are there, the dead transaction's row is not, and it can write
    // (the dead connection's lock went with it).
    const ids = (await db.selectFrom('items').select('id').where('id', '>=', 20).execute()).map(
      (row) => row.id,
    );
    assert.deepEqual(ids, [20]);
    await db.insertInto('items').values({ id: 22, name: 'twenty-two' }).execute();
    assert.equal((await db.selectFrom('items').select('id').where('id', '=', 22).execute()).length, 1);
  });
});
