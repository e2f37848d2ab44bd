/**
 * `npm run bench:ledger`: sustained ledger rows per second through Daulat's batch writer and store, into
 * SQLite (a file, WAL) and PostgreSQL, each beside a baseline in the same run: the database's own fastest
 * path with the same rows (one prepared INSERT per row in a transaction for SQLite; multi-row INSERTs of
 * the same size for PostgreSQL). Prints a markdown table; `--seconds`, `--batch`, `--rounds` tune it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ledgerEntryBuilder, toLedgerRow } from '../../src/store/rows.ts';
import { createBatchWriterWith } from '../../src/store/batch-writer.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import type { LedgerEntry } from '../../src/store/store.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    batch: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    postgres: {
      type: 'string',
      default: process.env.DAULAT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const seconds = Number(values.seconds);
const batchSize = Number(values.batch);
const rounds = Number(values.rounds);
const log = (line: string) => void process.stderr.write(`bench:ledger: ${line}\n`);

function entry(index: number): LedgerEntry {
  return {
    at: Date.now(),
    requestId: `req-${index}`,
    team: `team-${index % 20}`,
    keyId: `key${String(index % 200).padStart(9, '0')}`,
    model: index % 3 === 0 ? 'qwen2.5-7b-instruct' : 'llama-3.1-8b-instruct',
    deployment: 'vllm-a',
    location: 'on-prem',
    operation: 'chat',
    stream: index % 2 === 0,
    status: 'ok',
    inputTokens: 500 + (index % 100),
    cachedInputTokens: 120,
    outputTokens: 200 + (index % 50),
    reasoningTokens: 0,
    costUsd: 0.000_07,
    referenceModel: 'gpt-4.1',
    referenceCostUsd: 0.002_6,
    latencyMs: 812.5,
    ttftMs: 95.25,
    attempts: 1,
    dataClasses: index % 10 === 0 ? 'pii.email' : undefined,
    guardActions: index % 10 === 0 ? 'redacted=1' : undefined,
  };
}

/** Feeds rows to Daulat's writer as fast as the event loop allows for `seconds`, then closes it. */
async function throughDaulat(database: Database): Promise<number> {
  const store = createSqlStore(database);
  const writer = createBatchWriterWith(ledgerEntryBuilder(), {
    sink: (batch) => store.recordLedgerBatch(batch),
    flushMs: 250,
    batchSize,
  });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let written = 0;
  while (performance.now() < deadline) {
    for (let index = 0; index < 1_000; index++) writer.write(entry(written++));
    // Let flushes run; a writer that cannot keep up shows as a growing backlog, not as dropped rows.
    if (writer.pending > batchSize * 4) await writer.flush();
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.close();
  return written / ((performance.now() - started) / 1000);
}

/** The baseline: the same rows with the driver's fastest plain path. */
async function baseline(database: Database): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let written = 0;
  if (database.dialect === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    const path = database.description;
    const raw = new SQLite(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const columns = Object.keys(toLedgerRow(entry(0)));
    const insert = raw.prepare(
      `insert into ledger (${columns.join(',')}) values (${columns.map((name) => `@${name}`).join(',')})`,
    );
    const many = raw.transaction((rows: Record<string, unknown>[]) => {
      for (const row of rows) insert.run(row);
    });
    while (performance.now() < deadline) {
      many(
        Array.from(
          { length: batchSize },
          () => toLedgerRow(entry(written++)) as unknown as Record<string, unknown>,
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    raw.close();
  } else {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: values.postgres, options: `-c search_path=${schema}` });
    await client.connect();
    const columns = Object.keys(toLedgerRow(entry(0)));
    const chunk = 500;
    while (performance.now() < deadline) {
      await client.query('begin');
      for (let start = 0; start < batchSize; start += chunk) {
        const rows = Array.from({ length: chunk }, (): unknown[] =>
          Object.values(toLedgerRow(entry(written++))),
        );
        const placeholders = rows.map(
          (_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(',')})`,
        );
        await client.query(
          `insert into ledger (${columns.join(',')}) values ${placeholders.join(',')}`,
          rows.flat(),
        );
      }
      await client.query('commit');
    }
    await client.end();
  }
  return written / ((performance.now() - started) / 1000);
}

const schema = `bench_ledger_${process.pid}`;
const directory = mkdtempSync(join(tmpdir(), 'daulat-bench-ledger-'));
const results: { store: string; daulat: number[]; raw: number[] }[] = [];

const sqlite = await openDatabase({ url: join(directory, 'ledger.db') });
results.push(await measure('SQLite (file, WAL, synchronous=NORMAL)', sqlite));
await sqlite.db.destroy();

let postgres: Database | undefined;
try {
  postgres = await openDatabase({ url: values.postgres, schema });
} catch (error) {
  log(`PostgreSQL skipped: ${(error as Error).message}`);
}
if (postgres !== undefined) {
  results.push(await measure('PostgreSQL 127.0.0.1', postgres));
  await sql`drop schema ${sql.id(schema)} cascade`.execute(postgres.db);
  await postgres.db.destroy();
}
rmSync(directory, { recursive: true, force: true });

async function measure(name: string, database: Database) {
  const row = { store: name, daulat: [] as number[], raw: [] as number[] };
  for (let round = 1; round <= rounds; round++) {
    log(`${name} round ${round}/${rounds}: Daulat`);
    row.daulat.push(await throughDaulat(database));
    log(`${name} round ${round}/${rounds}: baseline`);
    row.raw.push(await baseline(database));
  }
  return row;
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? NaN;
const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
const lines = [
  `# bench:ledger — ${new Date().toISOString().slice(0, 16)}Z`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. ${seconds} s per run, ${rounds} rounds alternating, medians; batches of ${batchSize} rows (the gateway's \`ledger.batch_size\`), ${Object.keys(toLedgerRow(entry(0))).length} columns per row.`,
  '',
  '| store | Daulat rows/s (batch writer → store) | baseline rows/s (driver, same rows) | Daulat ÷ baseline |',
  '| --- | ---: | ---: | ---: |',
  ...results.map(
    (row) =>
      `| ${row.store} | ${format(median(row.daulat))} | ${format(median(row.raw))} | ${((median(row.daulat) / median(row.raw)) * 100).toFixed(0)}% |`,
  ),
  '',
  `Target: ≥ 20,000 rows/s into SQLite — ${median(results[0]!.daulat) >= 20_000 ? 'met' : '**not met**'}.`,
  '',
];
process.stdout.write(lines.join('\n'));
process.exit(0);
