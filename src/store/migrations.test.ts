/**
 * Opening and migrating a SQLite file: what the conformance suite does not read back (the ledger's indexes), and
 * a file another connection is writing, as a second worker process's is at start.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { migrations } from './migrations.ts';

describe('the migrated ledger', () => {
  let database: Database;
  before(async () => {
    database = await openDatabase({
      url: join(mkdtempSync(join(tmpdir(), 'daulat-migrated-')), 'daulat.db'),
    });
  });
  after(() => database.db.destroy());

  for (const [column, index] of [
    ['team', 'ledger_team_at_cost'],
    ['key_id', 'ledger_key_at_cost'],
  ] as const) {
    it(`sums a ${column}'s spend from ${index} alone, reading no row`, async () => {
      const { rows } = await sql<{ detail: string }>`explain query plan
        select coalesce(sum(cost_usd), 0) from ledger where at >= ${0} and ${sql.ref(column)} = ${'x'}`.execute(
        database.db,
      );
      assert.deepEqual(
        rows.map((row) => row.detail),
        [`SEARCH ledger USING COVERING INDEX ${index} (${column}=? AND at>?)`],
      );
    });
  }
});

describe('opening a SQLite file another connection is writing', () => {
  it('waits for its lock, and then migrates, instead of failing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'daulat-locked-')), 'daulat.db');
    const other = new SQLite(file);
    other.exec('BEGIN IMMEDIATE; CREATE TABLE other_process (id integer)');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT');
        other.close();
        resolve();
      }, 300),
    );
    const database = await openDatabase({ url: file });
    await released;
    try {
      const tables = (await database.db.introspection.getTables()).map((table) => table.name);
      assert.ok(tables.includes('ledger') && tables.includes('other_process'), tables.join(', '));
    } finally {
      await database.db.destroy();
    }
  });
});

describe('two gateways opening one new SQLite file at once', () => {
  it('migrate it once between them, and both open it', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const url = join(mkdtempSync(join(tmpdir(), 'daulat-race-')), 'daulat.db');
      const opened = await Promise.all([openDatabase({ url }), openDatabase({ url }), openDatabase({ url })]);
      try {
        const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          opened[0].db,
        );
        assert.deepEqual(
          rows.map((row) => row.name),
          Object.keys(migrations({ time: 'integer', money: 'real' })),
        );
      } finally {
        await Promise.all(opened.map((database) => database.db.destroy()));
      }
    }
  });
});
