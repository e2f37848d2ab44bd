import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatchWriter, createBatchWriterWith } from './batch-writer.ts';

describe('createBatchWriter', () => {
  it('writes nothing until a flush, then everything in batches of batchSize', async () => {
    const batches: number[][] = [];
    const writer = createBatchWriter<number>({
      sink: async (rows) => void batches.push([...rows]),
      flushMs: 60_000,
      batchSize: 3,
    });
    writer.write(1);
    writer.write(2);
    assert.equal(batches.length, 0);
    assert.equal(writer.pending, 2);
    await writer.flush();
    for (const row of [3, 4, 5, 6, 7]) writer.write(row);
    await writer.close();
    assert.deepEqual(batches.flat(), [1, 2, 3, 4, 5, 6, 7]);
    assert.ok(batches.every((batch) => batch.length <= 3));
  });

  it('flushes on its timer without being asked', async () => {
    let written: number[] = [];
    const writer = createBatchWriter<number>({
      sink: async (rows) => void (written = written.concat(rows)),
      flushMs: 5,
      batchSize: 100,
    });
    writer.write(1);
    while (written.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(written, [1]);
    await writer.close();
  });

  it('leaves rows that arrive during a timed flush for the next tick, unless a batch of them waits', async (context) => {
    // The flush timer is driven by hand, so no tick can come early on a slow machine.
    context.mock.timers.enable({ apis: ['setInterval'] });
    const turns = async (count: number) => {
      for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
    };
    const batches: number[][] = [];
    let release: () => void = () => {};
    const writer = createBatchWriter<number>({
      sink: async (rows) => {
        batches.push([...rows]);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      flushMs: 250,
      batchSize: 4,
    });
    writer.write(1);
    context.mock.timers.tick(250);
    await turns(5);
    assert.deepEqual(batches, [[1]]);
    // The first timed flush is writing [1]; these arrive meanwhile.
    writer.write(2);
    writer.write(3);
    release();
    await turns(10);
    assert.deepEqual(batches, [[1]], 'the first flush ended without writing the rows that came during it');
    assert.equal(writer.pending, 2);
    context.mock.timers.tick(250);
    await turns(5);
    assert.deepEqual(batches, [[1], [2, 3]], 'the next tick wrote them');
    // A batch's worth starts a flush without waiting for the timer.
    for (const row of [4, 5, 6, 7]) writer.write(row);
    await turns(5);
    assert.deepEqual(batches, [[1], [2, 3], [4, 5, 6, 7]]);
    await writer.close();
  });

  it('keeps rows whose write failed, in order, and writes them with the next flush', async () => {
    let failing = true;
    const written: number[] = [];
    const errors: unknown[] = [];
    const writer = createBatchWriter<number>({
      sink: async (rows) => {
        if (failing) throw new Error('database down');
        written.push(...rows);
      },
      flushMs: 60_000,
      batchSize: 10,
      onError: (error) => errors.push(error),
    });
    writer.write(1);
    writer.write(2);
    await assert.rejects(writer.flush(), /database down/);
    writer.write(3);
    assert.equal(writer.pending, 3);
    failing = false;
    await writer.close();
    assert.deepEqual(written, [1, 2, 3]);
  });

  it('drops the oldest rows beyond maxPending while the sink stays down, and counts them', async () => {
    const writer = createBatchWriter<number>({
      sink: async () => {
        throw new Error('down');
      },
      flushMs: 60_000,
      batchSize: 2,
      maxPending: 3,
    });
    for (const row of [1, 2, 3, 4, 5]) writer.write(row);
    await assert.rejects(writer.flush());
    assert.equal(writer.pending, 3);
    assert.equal(writer.dropped, 2);
    await assert.rejects(writer.close());
  });

  it('runs one flush at a time: concurrent flushes write each row once', async () => {
    const written: number[] = [];
    const writer = createBatchWriter<number>({
      sink: async (rows) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        written.push(...rows);
      },
      flushMs: 60_000,
      batchSize: 2,
    });
    for (let row = 0; row < 10; row++) writer.write(row);
    await Promise.all([writer.flush(), writer.flush(), writer.flush()]);
    await writer.close();
    assert.deepEqual(written, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps rows in the batches its builder makes, sealed at batchSize and at each flush', async () => {
    // A builder that keeps rows as one string per batch, as the ledger keeps them encoded.
    let open: string[] = [];
    const builder = {
      add: (row: number) => void open.push(String(row)),
      get count() {
        return open.length;
      },
      seal() {
        const batch = open.join(',');
        open = [];
        return batch;
      },
    };
    const batches: string[] = [];
    const writer = createBatchWriterWith(builder, {
      sink: async (batch) => void batches.push(batch),
      flushMs: 60_000,
      batchSize: 3,
    });
    for (const row of [1, 2, 3, 4]) writer.write(row);
    assert.equal(writer.pending, 4);
    await writer.flush();
    assert.deepEqual(batches, ['1,2,3', '4']);
    writer.write(5);
    await writer.close();
    assert.deepEqual(batches, ['1,2,3', '4', '5']);
    assert.equal(writer.pending, 0);
  });

  it('drops whole batches, oldest first, beyond maxPending', async () => {
    let failing = true;
    const written: number[][] = [];
    const writer = createBatchWriter<number>({
      sink: async (rows) => {
        if (failing) throw new Error('down');
        written.push([...rows]);
      },
      flushMs: 60_000,
      batchSize: 4,
      maxPending: 5,
    });
    for (let row = 1; row <= 9; row++) writer.write(row);
    await assert.rejects(writer.flush(), /down/);
    // [1..4] failed and 9 rows waited: the oldest batch went, leaving [5..8] and 9.
    assert.equal(writer.dropped, 4);
    assert.equal(writer.pending, 5);
    failing = false;
    await writer.close();
    assert.deepEqual(written, [[5, 6, 7, 8], [9]]);
  });
});
