import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConcurrencyLimiter } from './concurrency.ts';

const never = new AbortController().signal;

void describe('ConcurrencyLimiter', () => {
  const cases: readonly {
    name: string;
    max: number;
    queue: number;
    acquired: number;
    free: boolean;
    room: boolean;
  }[] = [
    { name: 'a free slot is taken without queueing', max: 2, queue: 0, acquired: 1, free: true, room: false },
    { name: 'a full limiter refuses tryAcquire', max: 2, queue: 1, acquired: 2, free: false, room: true },
    { name: 'a zero-length queue has no room', max: 1, queue: 0, acquired: 1, free: false, room: false },
  ];
  for (const { name, max, queue, acquired, free, room } of cases) {
    void it(name, () => {
      const limiter = new ConcurrencyLimiter(max, queue);
      for (let i = 0; i < acquired; i++) assert.equal(limiter.tryAcquire(), true);
      assert.equal(limiter.tryAcquire(), free);
      assert.equal(limiter.hasQueueRoom, room);
    });
  }

  void it('hands freed slots to waiters in FIFO order', async () => {
    const limiter = new ConcurrencyLimiter(1, 3);
    assert.equal(limiter.tryAcquire(), true);
    const order: string[] = [];
    const waits = ['first', 'second', 'third'].map((name) =>
      limiter.enqueue(never).then(() => order.push(name)),
    );
    assert.equal(limiter.queued, 3);
    assert.equal(limiter.hasQueueRoom, false);
    for (let i = 0; i < 3; i++) limiter.release();
    await Promise.all(waits);
    assert.deepEqual(order, ['first', 'second', 'third']);
    assert.equal(limiter.active, 1);
    assert.equal(limiter.queued, 0);
    limiter.release();
    assert.equal(limiter.active, 0);
  });

  void it('removes an aborted waiter from the middle of the queue', async () => {
    const limiter = new ConcurrencyLimiter(1, 3);
    limiter.tryAcquire();
    const controller = new AbortController();
    const order: string[] = [];
    const first = limiter.enqueue(never).then(() => order.push('first'));
    const aborted = limiter.enqueue(controller.signal);
    const last = limiter.enqueue(never).then(() => order.push('last'));
    controller.abort(new Error('client left'));
    await assert.rejects(aborted, /client left/);
    assert.equal(limiter.queued, 2);
    limiter.release();
    limiter.release();
    await Promise.all([first, last]);
    assert.deepEqual(order, ['first', 'last']);
  });

  void it('rejects at once when the signal is already aborted', async () => {
    const limiter = new ConcurrencyLimiter(1, 1);
    limiter.tryAcquire();
    await assert.rejects(limiter.enqueue(AbortSignal.abort()));
    assert.equal(limiter.queued, 0);
  });

  void it('refuses to join a full queue', () => {
    const limiter = new ConcurrencyLimiter(1, 0);
    limiter.tryAcquire();
    assert.throws(() => limiter.enqueue(never), RangeError);
  });

  void it('never counts below zero on an extra release', () => {
    const limiter = new ConcurrencyLimiter(1, 0);
    limiter.release();
    assert.equal(limiter.active, 0);
    assert.equal(limiter.tryAcquire(), true);
  });
});
