/**
 * The stores a gateway test runs on: SQLite (in memory) and PostgreSQL (a schema of its own, dropped by
 * `cleanup`), so what the gateway writes is checked on both databases, not only on the embedded one.
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/database.ts';
import { isolatedName, POSTGRES_URL, serviceSkipReason } from './services.ts';

/** A store for a gateway's config, and whether (and why) its tests are skipped. */
export interface GatewayStore {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** The config's `store` section. */
  readonly store: { readonly url: string; readonly schema?: string };
  readonly skip: string | undefined;
  /** Drops what the tests wrote (PostgreSQL's schema); nothing to do for an in-memory database. */
  cleanup(): Promise<void>;
}

/** Both stores; `prefix` names the PostgreSQL schema (made unique). */
export async function gatewayStores(prefix: string): Promise<GatewayStore[]> {
  const schema = isolatedName(prefix);
  return [
    { name: 'SQLite', store: { url: ':memory:' }, skip: undefined, cleanup: () => Promise.resolve() },
    {
      name: 'PostgreSQL',
      store: { url: POSTGRES_URL, schema },
      skip: await serviceSkipReason('PostgreSQL'),
      async cleanup() {
        const database = await openDatabase({ url: POSTGRES_URL });
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
        await database.db.destroy();
      },
    },
  ];
}
