import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { openDatabase, type Database } from './database.ts';
import { encodeLedgerBatch } from './ledger-batch.ts';
import { toLedgerRow } from './rows.ts';
import { killThreadsOn } from '../../test/helpers/thread-death.ts';
import type { LedgerWriterEvent, LedgerWriterOptions } from './ledger-insert.ts';
import { createSqlStore } from './sql-store.ts';
import type { LedgerEntry, Store } from './store.ts';

function entry(index: number, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    at: 1_700_000_000_000 + index,
    requestId: `r${index}`,
    team: 'threaded',
    keyId: 'k1',
    model: 'qwen',
    deployment: 'd1',
    location: 'on-prem',
    operation: 'chat',
    stream: index % 2 === 0,
    status: 'ok',
    inputTokens: index,
    cachedInputTokens: 0,
    outputTokens: 7,
    reasoningTokens: 0,
    costUsd: index * 0.000_123_4,
    referenceModel: 'gpt-4.1',
    referenceCostUsd: 0.01,
    latencyMs: 12.25,
    ttftMs: 3.5,
    attempts: 1,
    ...extra,
  };
}

describe('the ledger of a SQLite file', () => {
  let database: Database;
  let store: Store;

  before(async () => {
    database = await openDatabase({ url: join(mkdtempSync(join(tmpdir(), 'daulat-ledger-')), 'daulat.db') });
    store = createSqlStore(database);
  });
  after(async () => {
    await store.close();
  });

  it('is written by a writer thread: the event loop runs on while a batch waits for the lock', async () => {
    assert.ok(database.file !== undefined);
    // Another connection holds the write lock, as an audit append would; the batch must wait for it.
    const sqlite = new SQLite(database.file);
    sqlite.exec('BEGIN IMMEDIATE');
    let settled = false;
    const written = store.recordUsage(Array.from({ length: 1_234 }, (_, index) => entry(index))).then(() => {
      settled = true;
    });
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    assert.equal(settled, false, 'the batch waits for the lock without holding this thread');
    sqlite.exec('COMMIT');
    sqlite.close();
    await written;
    const rows = await store.ledgerEntries({ team: 'threaded', since: 0, limit: 2_000 });
    assert.equal(rows.length, 1_234);
    const last = rows.find((row) => row.requestId === 'r1233');
    assert.deepEqual(
      { costUsd: last?.costUsd, stream: last?.stream, ttftMs: last?.ttftMs, inputTokens: last?.inputTokens },
      { costUsd: 1233 * 0.000_123_4, stream: false, ttftMs: 3.5, inputTokens: 1233 },
    );
  });

  it('refuses a failing batch whole and writes the next one', async () => {
    const broken = [entry(5_000, { team: 'broken' }), entry(5_001, { team: 'broken', model: null as never })];
    await assert.rejects(
      store.recordUsage(broken),
      /ledger insert failed: NOT NULL constraint failed: ledger\.model/,
    );
    await store.recordUsage([entry(5_002, { team: 'broken' })]);
    const rows = await store.ledgerEntries({ team: 'broken', since: 0, limit: 10 });
    assert.deepEqual(
      rows.map((row) => row.requestId),
      ['r5002'],
    );
  });

  it('can write a batch again after a failed attempt: the batch writer retries the same batch', async () => {
    const refused = encodeLedgerBatch(
      [entry(6_000, { team: 'again', model: null as never })].map(toLedgerRow),
    );
    const constraint = /ledger insert failed: NOT NULL constraint failed: ledger\.model/;
    await assert.rejects(store.recordLedgerBatch(refused), constraint);
    // The same refusal, not a batch whose values went with the first attempt.
    await assert.rejects(store.recordLedgerBatch(refused), constraint);

    const rows = Array.from({ length: 300 }, (_, index) => entry(7_000 + index, { team: 'again' }));
    const batch = encodeLedgerBatch(rows.map(toLedgerRow));
    const dying = killThreadsOn(
      (message) => typeof message === 'object' && message !== null && 'batch' in message,
    );
    try {
      await assert.rejects(store.recordLedgerBatch(batch), /the ledger's writer thread exited/);
    } finally {
      dying.restore();
    }
    assert.equal(dying.killed(), 1);
    // The thread was sent copies of the batch's arrays: the batch itself still holds its rows.
    assert.ok(batch.numbers.byteLength > 0 && batch.texts.byteLength > 0 && batch.bytes.byteLength > 0);
    await store.recordLedgerBatch(batch);
    const written = await store.ledgerEntries({ team: 'again', since: 0, limit: 1_000 });
    assert.equal(written.length, 300);
    const last = written.find((row) => row.requestId === 'r7299');
    assert.deepEqual(
      { inputTokens: last?.inputTokens, costUsd: last?.costUsd, model: last?.model },
      { inputTokens: 7_299, costUsd: 7_299 * 0.000_123_4, model: 'qwen' },
    );
  });
});

describe('the ledger of an in-memory SQLite database', () => {
  it('writes on the event loop, and writes a batch sent twice once', async () => {
    const store = createSqlStore(await openDatabase({ url: ':memory:' }));
    try {
      const batch = encodeLedgerBatch(
        [entry(1, { team: 'memory' }), entry(2, { team: 'memory' })].map(toLedgerRow),
      );
      await store.recordLedgerBatch(batch);
      await store.recordLedgerBatch(batch);
      const rows = await store.ledgerEntries({ team: 'memory', since: 0, limit: 10 });
      assert.deepEqual(rows.map((row) => row.requestId).sort(), ['r1', 'r2']);
    } finally {
      await store.close();
    }
  });
});

/** The scheduling policy of thread `threadId` of this process (5 is SCHED_IDLE), from /proc. */
function policyOf(threadId: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
  } catch {
    return undefined;
  }
}

const SCHED_IDLE = 5;
const idleClass =
  process.platform !== 'linux'
    ? 'the idle scheduling class is Linux’s'
    : spawnSync('chrt', ['--version']).error !== undefined
      ? 'chrt (util-linux) is not installed'
      : undefined;

describe('the ledger writer thread at idle priority', { skip: idleClass }, () => {
  async function openWith(writer: LedgerWriterOptions): Promise<Store> {
    const file = join(mkdtempSync(join(tmpdir(), 'daulat-idle-')), 'daulat.db');
    return createSqlStore(await openDatabase({ url: file }), { ledgerWriter: writer });
  }

  it('runs in SCHED_IDLE and writes as before', async () => {
    const events: LedgerWriterEvent[] = [];
    const store = await openWith({ idle: true, onEvent: (event) => events.push(event) });
    try {
      await store.recordUsage(Array.from({ length: 500 }, (_, index) => entry(index, { team: 'idle' })));
      assert.equal((await store.ledgerEntries({ team: 'idle', since: 0, limit: 1_000 })).length, 500);
      const [started] = events;
      assert.ok(started?.kind === 'started' && started.policy?.idle === true, JSON.stringify(events));
      assert.equal(policyOf(started.policy.threadId), SCHED_IDLE);
    } finally {
      await store.close();
    }
  });

  it('is replaced at normal priority for good once a batch waits too long, and writes each row once', async () => {
    const events: LedgerWriterEvent[] = [];
    // Starting a thread alone takes longer than this: the first batch always waits too long.
    const store = await openWith({ idle: true, fallBehindMs: 1, onEvent: (event) => events.push(event) });
    try {
      const batch = encodeLedgerBatch(
        Array.from({ length: 3_000 }, (_, index) => toLedgerRow(entry(index, { team: 'behind' }))),
      );
      // Whoever waits for the batch sees it written, by the successor.
      await store.recordLedgerBatch(batch);
      // Sent again (as after a lost answer), and another: written once, and by a thread nobody replaces.
      await store.recordLedgerBatch(batch);
      await store.recordLedgerBatch(encodeLedgerBatch([toLedgerRow(entry(3_000, { team: 'behind' }))]));
      assert.equal((await store.ledgerEntries({ team: 'behind', since: 0, limit: 5_000 })).length, 3_001);
      const kinds = events.map((event) =>
        event.kind === 'started' ? `started:${event.policy?.idle}` : event.kind,
      );
      assert.deepEqual(kinds, ['fell_behind', 'started:undefined']);
      // The replaced thread is terminated, not waited for: it goes soon after.
      const idleThreads = () =>
        readdirSync('/proc/self/task').filter((id) => policyOf(Number(id)) === SCHED_IDLE);
      for (let wait = 0; wait < 100 && idleThreads().length > 0; wait++) await delay(50);
      assert.deepEqual(idleThreads(), [], 'no thread of this process is left in the idle class');
    } finally {
      await store.close();
    }
  });
});
