import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLedgerBatch, encodeLedgerBatch, type LedgerBatch } from './ledger-batch.ts';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';
import { isRefusedForGood, recordAllButRefused } from './ledger-refusals.ts';
import { toLedgerRow } from './rows.ts';
import type { LedgerEntry } from './store.ts';

function entry(index: number): LedgerEntry {
  return {
    at: 1_700_000_000_000 + index,
    requestId: `r${index}`,
    model: 'qwen',
    operation: 'chat',
    stream: false,
    status: 'ok',
    inputTokens: 1,
    cachedInputTokens: 0,
    outputTokens: 1,
    reasoningTokens: 0,
    costUsd: 0,
    referenceCostUsd: 0,
    latencyMs: 1,
    attempts: 1,
  };
}

const refusal = Object.assign(new Error('NOT NULL constraint failed'), { code: 'SQLITE_CONSTRAINT_NOTNULL' });

describe('a ledger batch the database refuses', () => {
  it('tells a refusal for good from a failure worth retrying, by code', () => {
    for (const code of [
      'SQLITE_CONSTRAINT_NOTNULL',
      'SQLITE_CONSTRAINT',
      'SQLITE_MISMATCH',
      '23502',
      '22003',
      '22P02',
    ])
      assert.equal(isRefusedForGood({ code }), true, code);
    for (const code of ['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', '57P01', '08006', '40001', undefined])
      assert.equal(isRefusedForGood({ code }), false, String(code));
    assert.equal(isRefusedForGood(new Error('the ledger writer thread exited')), false);
  });

  it('throws any other failure as it is, without cutting the batch', async () => {
    const batch = encodeLedgerBatch([1, 2, 3].map((index) => toLedgerRow(entry(index))));
    let calls = 0;
    const down = new Error('connection refused');
    await assert.rejects(
      recordAllButRefused(
        () => {
          calls += 1;
          return Promise.reject(down);
        },
        batch,
        () => assert.fail('nothing is refused'),
      ),
      (error) => error === down,
    );
    assert.equal(calls, 1);
  });

  it('cuts a refused batch down to its refused rows, naming the parts after it', async () => {
    const batch = encodeLedgerBatch([1, 2, 3, 4, 5, 6, 7].map((index) => toLedgerRow(entry(index))));
    const bad = new Set(['r3', 'r6']);
    const written: string[] = [];
    const ids: string[] = [];
    const record = (part: LedgerBatch): Promise<void> => {
      ids.push(part.id);
      const requests = requestIds(part);
      if (requests.some((request) => bad.has(request))) return Promise.reject(refusal);
      written.push(...requests);
      return Promise.resolve();
    };
    const refused: string[] = [];
    await recordAllButRefused(record, batch, (error, requestId) => {
      assert.equal(error, refusal);
      refused.push(requestId);
    });
    assert.deepEqual(refused, ['r3', 'r6']);
    assert.deepEqual(written.sort(), ['r1', 'r2', 'r4', 'r5', 'r7']);
    assert.ok(ids.every((id) => id.startsWith(batch.id)));
    assert.equal(new Set(ids).size, ids.length, 'every part has a name of its own');
  });
});

function requestIds(batch: LedgerBatch): string[] {
  const values = decodeLedgerBatch(batch);
  const column = LEDGER_COLUMNS.indexOf('request_id');
  return Array.from(
    { length: batch.count },
    (_, row) => values[row * LEDGER_COLUMNS.length + column] as string,
  );
}
