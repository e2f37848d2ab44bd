/** What the migrations leave behind that the conformance suite does not read back: the ledger's indexes. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';

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
