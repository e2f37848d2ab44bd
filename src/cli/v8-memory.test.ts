import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const MODULE = new URL('./v8-memory.ts', import.meta.url).href;

/**
 * Runs `setup` in a fresh process, then a workload that keeps ~30 MiB alive and makes garbage that outlives
 * two scavenges and then dies (a ring of recent objects); prints the largest heap seen and the scavenges counted.
 */
function runWorkload(setup: string, ringLength: number): { largestHeapMiB: number; scavenges: number } {
  const script = `
    const { applyHeapGrowth, applyPretenuring } = await import(${JSON.stringify(MODULE)});
    const { PerformanceObserver, constants } = await import('node:perf_hooks');
    ${setup};
    let scavenges = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges += 1;
    }).observe({ entryTypes: ['gc'] });
    globalThis.live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: 'x' + i }));
    const ring = new Array(${ringLength});
    let largest = 0;
    for (let n = 0; n < 4_000_000; n++) {
      ring[n % ring.length] = { n, pair: [n, n + 1], s: 'y' + n };
      if (n % 10_000 === 0) largest = Math.max(largest, process.memoryUsage().heapTotal);
    }
    // GC entries are delivered asynchronously.
    setTimeout(() => process.stdout.write(JSON.stringify({ largestHeapMiB: largest / 1048576, scavenges })), 20);
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { largestHeapMiB: number; scavenges: number };
}

describe('applyHeapGrowth', () => {
  it('takes effect after start: the old generation grows far less at 10% than at 300%', () => {
    const tight = runWorkload('applyHeapGrowth(10)', 400_000).largestHeapMiB;
    const loose = runWorkload('applyHeapGrowth(300)', 400_000).largestHeapMiB;
    // Measured ~135 against ~340 MiB; the margin leaves room for V8's own sizing decisions.
    assert.ok(tight < loose * 0.7, `10%: ${tight.toFixed(0)} MiB, 300%: ${loose.toFixed(0)} MiB`);
  });
});

describe('applyPretenuring', () => {
  it('takes effect after start: off, objects that survive a scavenge are no longer allocated old', () => {
    // With pretenuring V8 soon allocates the ring's objects straight into old space, so the young generation
    // fills far less often: measured 23 scavenges on, 83 off. When V8 decides to pretenure depends on when
    // its scavenge tasks run, so on a loaded machine one run with it on can miss (81 on, 79 off seen once in
    // CI): the fewest of up to three runs counts. Off never pretenures, whatever the timing.
    let on = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3 && on > 40; run++)
      on = Math.min(on, runWorkload('applyPretenuring(true)', 100_000).scavenges);
    const off = runWorkload('applyPretenuring(false)', 100_000).scavenges;
    assert.ok(off > on * 2, `scavenges with pretenuring on: ${on} (fewest of up to three runs), off: ${off}`);
  });
});

/**
 * Runs `setup` in a fresh process, then makes young garbage with a ring of survivors while V8 traces each
 * scavenge (`--trace-gc`: one line per collection) and each scavenger task (`--trace-parallel-scavenge`: one line
 * per task). Returns both counts.
 */
function scavengeTasks(setup: string): { scavenges: number; tasks: number } {
  const script = `
    const { applyParallelScavenge } = await import(${JSON.stringify(MODULE)});
    ${setup};
    // Loading the module scavenged too, before the setup ran: only what follows this line counts.
    process.stdout.write('\\nWORKLOAD\\n');
    const ring = new Array(200_000);
    for (let n = 0; n < 3_000_000; n++) ring[n % ring.length] = { n, s: 'x' + n };
  `;
  const child = spawnSync(
    process.execPath,
    ['--trace-gc', '--trace-parallel-scavenge', '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  const lines = child.stdout.slice(child.stdout.indexOf('\nWORKLOAD\n')).split('\n');
  return {
    scavenges: lines.filter((line) => / Scavenge /.test(line)).length,
    tasks: lines.filter((line) => / scavenge\[/.test(line)).length,
  };
}

describe('applyParallelScavenge', () => {
  it('takes effect after start: off, each scavenge runs as one task', () => {
    const on = scavengeTasks('applyParallelScavenge(true)');
    const off = scavengeTasks('applyParallelScavenge(false)');
    assert.ok(off.scavenges > 5, `scavenges with it off: ${off.scavenges}`);
    assert.equal(off.tasks, off.scavenges, 'one task a scavenge');
    // V8 splits a scavenge by the young generation's size and the helper threads it has (node starts four).
    assert.ok(on.tasks > on.scavenges, `on: ${on.tasks} tasks for ${on.scavenges} scavenges`);
  });
});

/** Whether a hot WebAssembly function is still Liftoff code after `setup` and ~1.5 s of calls. */
function staysOnLiftoff(setup: string): boolean {
  const script = `
    const { applyWasmBaselineOnly } = await import(${JSON.stringify(MODULE)});
    ${setup};
    // (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,10,9,1,7,0,32,0,32,1,106,11]);
    const { instance } = await WebAssembly.instantiate(bytes);
    const add = instance.exports.add;
    const isLiftoff = new Function('f', 'return %IsLiftoffFunction(f)');
    // Functions compile lazily, on their first call: before it, a function is neither Liftoff nor TurboFan.
    let sum = add(0, 1);
    if (!isLiftoff(add)) throw new Error('the first compile was not Liftoff');
    // TurboFan compiles in the background: keep calling, and yield, until it lands or time is up.
    for (const started = Date.now(); isLiftoff(add) && Date.now() - started < 1_500; ) {
      for (let i = 0; i < 200_000; i++) sum = add(sum, 1) | 0;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    process.stdout.write(JSON.stringify(isLiftoff(add)));
  `;
  const child = spawnSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as boolean;
}

describe('applyWasmBaselineOnly', () => {
  it('takes effect after start: a hot WebAssembly function is never recompiled with TurboFan', () => {
    assert.equal(staysOnLiftoff(''), false, 'without it, V8 tiers the function up');
    assert.equal(staysOnLiftoff('applyWasmBaselineOnly()'), true);
  });
});
