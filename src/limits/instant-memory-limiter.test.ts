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
    const first = limiter.take('k', 2);
    assert.equal(first.consumedPoints, 2);
    assert.equal(first.remainingPoints, 3);
    assert.ok(first.msBeforeNext > 59_000 && first.msBeforeNext <= 60_000);
    const consumed = await limiter.consume('k', 2);
    assert.equal(consumed.consumedPoints, 4);
    const over = limiter.take('k', 2);
    // Over the limit: consume would reject with this result (and keep the points, as take does).
    assert.equal(over.consumedPoints, 6);
    assert.equal(over.remainingPoints, 0);
    await assert.rejects(limiter.consume('k', 1), (error) => error instanceof RateLimiterRes);
    assert.equal(limiter.take('other', 1).consumedPoints, 1, 'each key has its own window');
  });
});
