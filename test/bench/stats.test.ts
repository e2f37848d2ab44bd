import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, medianInterval } from '../../bench/gateway/stats.ts';

describe('medianInterval (the gateway bench’s interval for a per-round median)', () => {
  it('is min to max for five rounds, which covers 93.75%', () => {
    assert.deepEqual(medianInterval([0.9, 0.7, 0.8, 1.2, 0.75]), { low: 0.7, high: 1.2, coverage: 0.9375 });
  });

  it('narrows to the 4th smallest and 4th largest of sixteen rounds (97.9%; the 5th would cover 92.3%)', () => {
    const rounds = Array.from({ length: 16 }, (_, index) => (16 - index) / 10);
    const interval = medianInterval(rounds);
    assert.ok(interval !== undefined);
    assert.equal(interval.low, 0.4);
    assert.equal(interval.high, 1.3);
    assert.ok(Math.abs(interval.coverage - (1 - (2 * (1 + 16 + 120 + 560)) / 65536)) < 1e-12);
    assert.ok(interval.low <= median(rounds) && median(rounds) <= interval.high);
  });

  it('takes a lower level when asked, and leaves out values that are not finite', () => {
    const rounds = [...Array.from({ length: 16 }, (_, index) => index + 1), Number.NaN];
    assert.deepEqual(
      { ...medianInterval(rounds, 0.9), coverage: undefined },
      { low: 5, high: 12, coverage: undefined },
    );
  });

  it('has no interval for fewer than two values', () => {
    assert.equal(medianInterval([]), undefined);
    assert.equal(medianInterval([1, Number.NaN]), undefined);
  });

  it('holds the true median at least as often as it says (simulated rounds)', () => {
    // A fixed linear congruential sequence: every run draws the same numbers.
    let seed = 12345;
    const uniform = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const trials = 2000;
    let held = 0;
    for (let trial = 0; trial < trials; trial++) {
      const interval = medianInterval(Array.from({ length: 9 }, uniform)); // the true median is 0.5
      if (interval !== undefined && interval.low <= 0.5 && 0.5 <= interval.high) held += 1;
    }
    // Nine values: k = 2, which covers 1 − 2 × 10/512 = 96.1%; 0.94 leaves room for 2,000 trials' sampling error.
    assert.ok(held / trials > 0.94, `held ${held} of ${trials}`);
  });
});
