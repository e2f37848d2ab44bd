import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HealthMonitor, runProbe, unrefTimers, type HealthProbe, type HealthTimers } from './health.ts';

/** Timers that only run when the test says so. */
function manualTimers(): HealthTimers & {
  pending: Map<number, { callback: () => void; ms: number }>;
  fire(): void;
} {
  let next = 0;
  const pending = new Map<number, { callback: () => void; ms: number }>();
  return {
    pending,
    set: (callback, ms) => {
      pending.set(++next, { callback, ms });
      return next;
    },
    clear: (handle) => pending.delete(handle as number),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const { callback } of due) callback();
    },
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function probe(
  name: string,
  intervalMs: number,
  results: (Error | undefined)[],
): HealthProbe & { calls: number } {
  const state = {
    name,
    intervalMs,
    timeoutMs: 1_000,
    calls: 0,
    check: () => {
      const result = results[state.calls++];
      return result === undefined ? Promise.resolve() : Promise.reject(result);
    },
  };
  return state;
}

void describe('runProbe', () => {
  const cases: readonly { name: string; check: HealthProbe['check']; expected: string | undefined }[] = [
    { name: 'resolves to undefined when healthy', check: () => Promise.resolve(), expected: undefined },
    {
      name: 'resolves to the error when unhealthy',
      check: () => Promise.reject(new Error('503')),
      expected: '503',
    },
    {
      name: 'replaces an empty rejection with a named error',
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a careless engine may do
      check: () => Promise.reject(undefined),
      expected: "health check of 'a' failed",
    },
  ];
  for (const { name, check, expected } of cases) {
    void it(name, async () => {
      const error = await runProbe(
        { name: 'a', intervalMs: 1, timeoutMs: 1_000, check },
        new AbortController().signal,
      );
      assert.equal(error instanceof Error ? error.message : error, expected);
    });
  }

  void it('passes a signal that aborts when the monitor stops', async () => {
    const stopper = new AbortController();
    const result = runProbe(
      {
        name: 'a',
        intervalMs: 1,
        timeoutMs: 60_000,
        check: (signal) =>
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
      },
      stopper.signal,
    );
    stopper.abort();
    assert.equal(((await result) as Error).message, 'aborted');
  });
});

void describe('HealthMonitor', () => {
  void it('probes at start, then every interval, reporting each result', async () => {
    const timers = manualTimers();
    const results: string[] = [];
    const a = probe('a', 5_000, [undefined, new Error('down'), undefined]);
    const monitor = new HealthMonitor(
      [a],
      (name, error) => results.push(`${name}:${error instanceof Error ? error.message : 'ok'}`),
      timers,
    );
    monitor.start();
    await flush();
    assert.deepEqual(results, ['a:ok']);
    assert.deepEqual(
      [...timers.pending.values()].map((timer) => timer.ms),
      [5_000],
    );
    timers.fire();
    await flush();
    timers.fire();
    await flush();
    assert.deepEqual(results, ['a:ok', 'a:down', 'a:ok']);
    monitor.stop();
  });

  void it('skips deployments with interval 0', async () => {
    const timers = manualTimers();
    const passive = probe('passive', 0, []);
    const monitor = new HealthMonitor([passive], () => assert.fail('no result expected'), timers);
    monitor.start();
    await flush();
    assert.equal(passive.calls, 0);
    assert.equal(timers.pending.size, 0);
  });

  void it('clears its timers on stop and drops late results', async () => {
    const timers = manualTimers();
    const results: string[] = [];
    const monitor = new HealthMonitor([probe('a', 1_000, [])], (name) => results.push(name), timers);
    monitor.start();
    await flush();
    assert.equal(timers.pending.size, 1);
    monitor.stop();
    assert.equal(timers.pending.size, 0);

    const slow = new HealthMonitor(
      [{ name: 'b', intervalMs: 1_000, timeoutMs: 1_000, check: () => Promise.resolve() }],
      (name) => results.push(name),
      timers,
    );
    slow.start();
    slow.stop();
    await flush();
    assert.deepEqual(results, ['a']);
    assert.equal(timers.pending.size, 0);
  });

  void it("uses unref'd timers by default so they never hold the process open", () => {
    const handle = unrefTimers.set(() => assert.fail('cleared'), 60_000) as NodeJS.Timeout;
    assert.equal(handle.hasRef(), false);
    unrefTimers.clear(handle);
  });
});
