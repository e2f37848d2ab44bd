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
});
