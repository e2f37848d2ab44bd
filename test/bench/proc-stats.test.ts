import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { readCpuSeconds, readMainThreadCpuSeconds } from '../../bench/gateway/proc-stats.ts';

/** Keeps this thread busy for `ms` milliseconds. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('readMainThreadCpuSeconds (the gateway bench’s event-loop CPU)', () => {
  it('counts the time this process’s main thread computes, and no more than the whole process', () => {
    const before = readMainThreadCpuSeconds([process.pid]);
    const wholeBefore = readCpuSeconds([process.pid]);
    spin(300);
    const used = readMainThreadCpuSeconds([process.pid]) - before;
    const wholeUsed = readCpuSeconds([process.pid]) - wholeBefore;
    // The thread ran for most of the 300 ms (a loaded machine may take some of it away).
    assert.ok(used > 0.1 && used < 1, `main thread used ${used} s`);
    // The whole process's figure is in 10 ms clock ticks: allow two ticks either way.
    assert.ok(used <= wholeUsed + 0.02, `main thread ${used} s, whole process ${wholeUsed} s`);
  });

  it('leaves out a process’s other threads', async () => {
    // A child whose worker thread computes while its main thread waits for it; it stays until killed.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { Worker } = require('node:worker_threads');
         const worker = new Worker("const end = Date.now() + 400; while (Date.now() < end);", { eval: true });
         worker.on('exit', () => process.stdout.write('done\\n'));
         setTimeout(() => {}, 60_000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = child.pid!;
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    assert.equal(chunk.toString().trim(), 'done');
    const mainThread = readMainThreadCpuSeconds([pid]);
    const whole = readCpuSeconds([pid]);
    child.kill();
    await once(child, 'exit');
    assert.ok(whole - mainThread > 0.2, `whole process ${whole} s, main thread ${mainThread} s`);
  });

  it('counts nothing for a process that is gone', () => {
    assert.equal(readMainThreadCpuSeconds([2 ** 22 + 1]), 0);
  });
});
