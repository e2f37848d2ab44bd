import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import {
  decodeLedgerBatch,
  encodeLedgerBatch,
  LedgerBatchBuilder,
  LedgerBatchRows,
  movableCopy,
  sliceLedgerBatch,
  type LedgerBatch,
} from './ledger-batch.ts';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';
import type { LedgerTable } from './tables.ts';

function row(index: number, extra: Partial<LedgerTable> = {}): LedgerTable {
  return {
    at: 1_700_000_000_000 + index,
    request_id: `req-${index}`,
    purpose: 'request',
    team: 'risk',
    key_id: 'k1',
    model: 'qwen',
    deployment: 'd1',
    location: 'on-prem',
    operation: 'chat',
    stream: index % 2,
    status: 'ok',
    error_code: null,
    input_tokens: index,
    cached_input_tokens: 0,
    output_tokens: 7,
    reasoning_tokens: 0,
    cost_usd: index * 0.000_123_4,
    reference_model: 'gpt-4.1',
    reference_cost_usd: 0.01,
    latency_ms: 12.25,
    ttft_ms: index % 3 === 0 ? null : 3.5,
    attempts: 1,
    data_classes: null,
    guard_actions: null,
    content: null,
    ...extra,
  };
}

/** The rows' parameters, row by row in column order, an absent value null: what the INSERTs take. */
function values(rows: readonly LedgerTable[]): unknown[] {
  return rows.flatMap((row) => LEDGER_COLUMNS.map((column) => row[column] ?? null));
}

describe('a ledger batch encoded by column kind', () => {
  it('decodes to the parameters of the rows, nulls and odd values included', () => {
    const rows = [
      ...Array.from({ length: 50 }, (_, index) => row(index)),
      row(50, { team: null, key_id: null, deployment: null, location: null, reference_model: null }),
      row(51, { error_code: 'upstream_timeout', status: 'error', data_classes: 'pii.email,secret.aws' }),
      row(52, { content: '{"request":"héllo ✓ \\u0000"}', guard_actions: 'redacted=2;flagged=jailbreak' }),
      row(53, { team: '', cost_usd: -0, latency_ms: Number.MAX_SAFE_INTEGER, input_tokens: 2 ** 40 }),
    ];
    const batch = encodeLedgerBatch(rows);
    assert.equal(batch.count, rows.length);
    assert.deepEqual(decodeLedgerBatch(batch), values(rows));
  });

  it('reads back row by row into one array, each row overwriting every value of the one before', () => {
    const rows = [
      row(0, { error_code: 'upstream_timeout', data_classes: 'pii.email', content: 'naïve ✓' }),
      row(1, { team: null, key_id: null, ttft_ms: null }),
      row(2, { request_id: 'é-2', cost_usd: -0 }),
    ];
    const read = new LedgerBatchRows(encodeLedgerBatch(rows));
    assert.equal(read.count, 3);
    const into = new Array<unknown>(LEDGER_COLUMNS.length).fill('stale');
    rows.forEach((expected, index) => {
      read.read(index, into);
      assert.deepEqual(into, values([expected]), `row ${index}`);
    });
    const wider = ['before', ...new Array<unknown>(LEDGER_COLUMNS.length)];
    read.read(1, wider, 1);
    assert.deepEqual(wider, ['before', ...values([rows[1]!])], 'from an offset, leaving what comes before');
  });

  it('carries each distinct string once, and the request ids as bytes', () => {
    const batch = encodeLedgerBatch(Array.from({ length: 100 }, (_, index) => row(index)));
    // Once each: request, risk, k1, qwen, d1, on-prem, chat, ok, gpt-4.1.
    assert.equal(batch.strings.length, 9);
    assert.ok(!batch.strings.includes('req-7'));
  });

  it('keeps own texts that are not short ASCII as strings, the others as bytes', () => {
    const long = `req-${'x'.repeat(300)}`;
    const rows = [
      row(0, { request_id: 'é-1', content: 'naïve ✓' }),
      row(1, { request_id: long, content: 'x'.repeat(255) }),
      row(2, { request_id: '', content: 'x'.repeat(256) }),
      row(3, { request_id: 'abc\u007f', content: '\u0000' }),
    ];
    const batch = encodeLedgerBatch(rows);
    assert.deepEqual(decodeLedgerBatch(batch), values(rows));
    assert.deepEqual(
      batch.strings.filter((value) => ['é-1', 'naïve ✓', long, 'x'.repeat(256)].includes(value)),
      ['é-1', 'naïve ✓', long, 'x'.repeat(256)],
    );
  });

  it('grows its bytes across many long request ids, and slices keep them', () => {
    const builder = new LedgerBatchBuilder();
    const rows = Array.from({ length: 500 }, (_, index) =>
      row(index, { request_id: `${index}-${'r'.repeat(200)}` }),
    );
    for (const each of rows) builder.add(each);
    const batch = builder.seal();
    assert.deepEqual(decodeLedgerBatch(batch), values(rows));
    assert.deepEqual(decodeLedgerBatch(sliceLedgerBatch(batch, 480, 20, 'part')), values(rows.slice(480)));
  });

  it('keeps each row its own values when they change, come back, or repeat as other strings', () => {
    const teams = ['risk', 'ops', 'ops', 'risk', ['ri', 'sk'].join(''), 'ops', 'legal'];
    const rows = teams.map((team, index) =>
      row(index, { team, model: index % 3 === 0 ? 'qwen' : 'llama', key_id: index < 4 ? 'k1' : 'k2' }),
    );
    const batch = encodeLedgerBatch(rows);
    assert.deepEqual(decodeLedgerBatch(batch), values(rows));
    // Once each: the 3 teams, 2 models, 2 keys, and request, d1, on-prem, chat, ok, gpt-4.1.
    assert.equal(batch.strings.length, 3 + 2 + 2 + 6);
  });

  it('is empty for no rows', () => {
    assert.deepEqual(decodeLedgerBatch(encodeLedgerBatch([])), []);
  });

  it('survives being posted, and keeps its rows to be posted again', () => {
    const rows = Array.from({ length: 10 }, (_, index) => row(index));
    const batch = encodeLedgerBatch(rows);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(batch);
    const received = receiveMessageOnPort(port2)?.message as LedgerBatch;
    assert.deepEqual(decodeLedgerBatch(received), values(rows));
    assert.deepEqual(decodeLedgerBatch(batch), values(rows), 'the sender still holds the rows');
    port1.close();
  });

  it('is built row by row, across its growth, and starts over empty once sealed', () => {
    const builder = new LedgerBatchBuilder();
    const rows = Array.from({ length: 300 }, (_, index) =>
      row(index, index % 7 === 0 ? { content: `{"turn":${index}}`, team: null } : {}),
    );
    for (const each of rows) builder.add(each);
    assert.equal(builder.count, 300);
    const first = builder.seal();
    assert.equal(first.count, 300);
    assert.deepEqual(decodeLedgerBatch(first), values(rows));
    assert.equal(builder.count, 0);
    builder.add(row(1_000, { team: 'ops' }));
    const second = builder.seal();
    assert.deepEqual(decodeLedgerBatch(second), values([row(1_000, { team: 'ops' })]));
    assert.deepEqual(decodeLedgerBatch(first), values(rows), 'the sealed batch is left as it was');
    assert.deepEqual(decodeLedgerBatch(builder.seal()), []);
  });

  it('starts a batch with room for a quarter more rows than the last one held', () => {
    const builder = new LedgerBatchBuilder();
    builder.add(row(0));
    const first = builder.seal();
    const width = first.numbers.length / 64; // a first batch has room for 64 rows
    assert.ok(Number.isInteger(width) && width > 0);
    const rows = Array.from({ length: 300 }, (_, index) => row(index));
    for (const each of rows) builder.add(each);
    builder.seal();
    // A batch a little larger than the last is not grown (by doubling) on the way.
    for (const each of rows) builder.add(each);
    for (let index = 300; index < 310; index++) builder.add(row(index));
    const larger = builder.seal();
    assert.equal(larger.count, 310);
    assert.equal(larger.numbers.length, 375 * width, 'room for 300 rows and a quarter more');
    builder.add(rows[0]!);
    const next = builder.seal();
    assert.equal(
      next.numbers.length,
      387 * width,
      'room for the 310 rows the last batch held, and a quarter',
    );
    assert.deepEqual(decodeLedgerBatch(next), values([rows[0]!]));
    builder.add(rows[1]!);
    assert.equal(builder.seal().numbers.length, 64 * width, 'after a one-row batch, small again');
  });

  it('is copied for another thread with only its rows, the copy moved and the batch left whole', () => {
    const builder = new LedgerBatchBuilder();
    const rows = Array.from({ length: 100 }, (_, index) => row(index, { request_id: `r-${index}` }));
    for (const each of rows) builder.add(each);
    const batch = builder.seal();
    const width = batch.numbers.length / 128; // 100 rows grew the first 64 rows' room to 128
    const { batch: copy, transfer } = movableCopy(batch);
    assert.equal(copy.numbers.length, 100 * width, 'no room after the rows is copied');
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(copy, transfer);
    assert.equal(copy.numbers.byteLength, 0, 'the copy was moved, not cloned');
    const received = receiveMessageOnPort(port2)?.message as LedgerBatch;
    assert.deepEqual(decodeLedgerBatch(received), values(rows));
    assert.deepEqual(decodeLedgerBatch(batch), values(rows), 'the batch still holds its rows');
    port1.close();
  });
});
