import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const MODULE = new URL('./heap-growth.ts', import.meta.url).href;

/**
 * Runs, in a fresh process, a workload that keeps ~30 MiB alive and promotes garbage (objects that outlive
 * two scavenges, then die) after applyHeapGrowth(percent); returns the largest heapTotal seen, in MiB.
 */
function largestHeap(percent: number): number {
  const script = `
    const { applyHeapGrowth } = await import(${JSON.stringify(MODULE)});
    applyHeapGrowth(${percent});
    globalThis.live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: 'x' + i }));
    const ring = new Array(400_000);
    let largest = 0;
    for (let n = 0; n < 4_000_000; n++) {
      ring[n % ring.length] = { n, pair: [n, n + 1], s: 'y' + n };
      if (n % 10_000 === 0) largest = Math.max(largest, process.memoryUsage().heapTotal);
    }
    process.stdout.write(String(largest / 1048576));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  return Number(child.stdout);
}

describe('applyHeapGrowth', () => {
  it('takes effect after start: the old generation grows far less at 10% than at 300%', () => {
    const tight = largestHeap(10);
    const loose = largestHeap(300);
    // Measured ~135 against ~340 MiB; the margin leaves room for V8's own sizing decisions.
    assert.ok(tight < loose * 0.7, `10%: ${tight.toFixed(0)} MiB, 300%: ${loose.toFixed(0)} MiB`);
  });
});
