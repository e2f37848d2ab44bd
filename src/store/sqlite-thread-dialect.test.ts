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
});
