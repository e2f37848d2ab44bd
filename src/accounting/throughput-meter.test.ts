import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createThroughputMeter } from './throughput-meter.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A meter with a 10-minute window, a 30-second minimum and a clock the test moves. */
function meterAt(start = 0) {
  const clock = { now: start };
  const meter = createThroughputMeter({
    windowMs: 10 * MINUTE,
    minBusyMs: 30 * SECOND,
    now: () => clock.now,
  });
  return { clock, meter };
}

describe('createThroughputMeter', () => {
  it('has no measurement before minBusyMs of busy time', () => {
    const { clock, meter } = meterAt();
    clock.now = 20 * SECOND;
    meter.record(2_000, 0, 20 * SECOND);
    assert.equal(meter.busyMs(), 20 * SECOND);
    assert.equal(meter.tokensPerSecond(), undefined);
  });

  it('measures tokens per busy second, not per second of wall time', () => {
    const { clock, meter } = meterAt();
    clock.now = 5 * MINUTE;
    meter.record(3_000, 0, 30 * SECOND);
    meter.record(3_000, 2 * MINUTE, 2 * MINUTE + 30 * SECOND);
    assert.equal(meter.busyMs(), 60 * SECOND);
    assert.equal(meter.tokensPerSecond(), 100);
  });

  it('counts overlapping requests once in busy time, so they share the hardware', () => {
    const { clock, meter } = meterAt();
    clock.now = MINUTE;
    meter.record(1_000, 0, 20 * SECOND);
    meter.record(1_000, 10 * SECOND, 40 * SECOND);
    meter.record(1_000, 15 * SECOND, 25 * SECOND);
    assert.equal(meter.busyMs(), 40 * SECOND);
    assert.equal(meter.tokensPerSecond(), 75);
  });

  it('merges a request that bridges two earlier busy stretches, whatever the order they arrive in', () => {
    const { clock, meter } = meterAt();
    clock.now = MINUTE;
    meter.record(1_000, 30 * SECOND, 40 * SECOND);
    meter.record(1_000, 0, 10 * SECOND);
    assert.equal(meter.busyMs(), 20 * SECOND);
    meter.record(1_000, 5 * SECOND, 35 * SECOND);
    assert.equal(meter.busyMs(), 40 * SECOND);
    assert.equal(meter.tokensPerSecond(), 75);
  });

  it('forgets requests that finished before the window', () => {
    const { clock, meter } = meterAt();
    clock.now = MINUTE;
    meter.record(6_000, 0, MINUTE);
    assert.equal(meter.tokensPerSecond(), 100);
    clock.now = 11 * MINUTE;
    assert.equal(meter.busyMs(), 0);
    assert.equal(meter.tokensPerSecond(), undefined);
  });

  it('keeps the part of a busy stretch still inside the window, with its share of the tokens', () => {
    const { clock, meter } = meterAt();
    clock.now = 2 * MINUTE;
    meter.record(12_000, 0, 2 * MINUTE);
    clock.now = 11 * MINUTE;
    assert.equal(meter.busyMs(), MINUTE);
    assert.equal(meter.tokensPerSecond(), 100);
  });

  it('clips a request that started before the window when it is recorded', () => {
    const { clock, meter } = meterAt();
    clock.now = 12 * MINUTE;
    meter.record(12_000, 0, 12 * MINUTE);
    assert.equal(meter.busyMs(), 10 * MINUTE);
    assert.ok(Math.abs(meter.tokensPerSecond()! - 12_000 / 720) < 1e-9);
  });

  it('ignores a request recorded after it left the window', () => {
    const { clock, meter } = meterAt();
    clock.now = 30 * MINUTE;
    meter.record(6_000, 0, MINUTE);
    assert.equal(meter.busyMs(), 0);
  });

  it('reports no measurement for busy time that produced no tokens', () => {
    const { clock, meter } = meterAt();
    clock.now = MINUTE;
    meter.record(0, 0, MINUTE);
    assert.equal(meter.busyMs(), MINUTE);
    assert.equal(meter.tokensPerSecond(), undefined);
  });

  it('treats a finish before the start as an instant', () => {
    const { clock, meter } = meterAt();
    clock.now = MINUTE;
    meter.record(500, 40 * SECOND, 10 * SECOND);
    meter.record(3_000, 0, 30 * SECOND);
    assert.equal(meter.busyMs(), 30 * SECOND);
    assert.equal(meter.tokensPerSecond(), 3_500 / 30);
  });

  it('stays exact over many windows of steady traffic', () => {
    const { clock, meter } = meterAt();
    for (let second = 0; second < 60 * 60; second += 2) {
      clock.now = (second + 1) * SECOND;
      meter.record(100, second * SECOND, (second + 1) * SECOND);
    }
    assert.equal(meter.busyMs(), 5 * MINUTE);
    assert.ok(Math.abs(meter.tokensPerSecond()! - 100) < 1e-9);
  });
});
