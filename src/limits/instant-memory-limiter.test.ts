import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { InstantMemoryLimiter } from './instant-memory-limiter.ts';

describe('InstantMemoryLimiter', () => {
  it('can take points at once with the pinned rate-limiter-flexible', () => {
    assert.equal(new InstantMemoryLimiter({ points: 5, duration: 60 }).instant, true);
  });

  it('counts in the same window as consume, and answers as consume does', async () => {
    const limiter = new InstantMemoryLimiter({ points: 5, duration: 60 });
    assert.equal(limiter.take('k', 2, Date.now()), 2, 'opens the window');
    assert.ok(limiter.resetMs > 59_000 && limiter.resetMs <= 60_000);
    const consumed = await limiter.consume('k', 2);
    assert.equal(consumed.consumedPoints, 4);
    const now = Date.now();
    // Over the limit: consume would reject (and keep the points, as take does).
    assert.equal(limiter.take('k', 2, now), 6);
    assert.ok(Math.abs(limiter.resetMs - consumed.msBeforeNext) < 1_000, 'the same window');
    await assert.rejects(limiter.consume('k', 1), (error) => error instanceof RateLimiterRes);
    assert.equal(limiter.take('other', 1, now), 1, 'each key has its own window');
  });

  it('opens a new window once the last one has ended', async () => {
    const limiter = new InstantMemoryLimiter({ points: 5, duration: 1 });
    assert.equal(limiter.take('k', 3, Date.now()), 3);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(limiter.take('k', 1, Date.now()), 1, 'a fresh window');
    assert.ok(limiter.resetMs > 0 && limiter.resetMs <= 1_000);
  });

  it('adds and gives back points in an open window at once, where consume counts them too', async () => {
    const limiter = new InstantMemoryLimiter({ points: 100, duration: 60 });
    const now = Date.now();
    limiter.take('k', 40, now);
    limiter.add('k', -30, now);
    assert.equal(limiter.take('k', 0, now), 10, 'given back');
    limiter.add('k', 25, now);
    assert.equal((await limiter.consume('k', 1)).consumedPoints, 36, 'added, in the window consume reads');
  });

  it('opens a window for points added after the last one ended, and drops points given back to it', () => {
    const limiter = new InstantMemoryLimiter({ points: 100, duration: 60 });
    const now = Date.now();
    limiter.add('never-opened', -5, now);
    assert.equal(limiter.take('never-opened', 0, now), 0, 'no window below zero');
    limiter.add('late', 7, now);
    // The window opened on the real clock (the storage reads it), so its reset is read against a fresh reading:
    // against `now`, a millisecond passing in between would put it past 60 s.
    assert.equal(limiter.take('late', 0, Date.now()), 7, 'opened with the added points');
    assert.ok(limiter.resetMs > 59_000 && limiter.resetMs <= 60_000, `reset in ${limiter.resetMs} ms`);
    // A clock past the window's end: the window is over, whatever its timer says.
    limiter.add('late', -7, now + 61_000);
    assert.equal(limiter.take('late', 0, now), 7, 'the ended window is not touched');
  });
});
