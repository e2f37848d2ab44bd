/**
 * This machine's memory read bandwidth, the ceiling of single-stream decoding (every weight is read once per
 * token): memcmp over two buffers far larger than the caches, best of several passes.
 */
import { performance } from 'node:perf_hooks';

/** Read bandwidth in bytes per second. */
export function measureReadBandwidth(bytes = 512 * 2 ** 20, passes = 5): number {
  const a = Buffer.alloc(bytes, 7);
  const b = Buffer.alloc(bytes, 7);
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < passes; pass++) {
    const start = performance.now();
    // Equal buffers: memcmp must read both to the end.
    if (!a.equals(b)) throw new Error('buffers differ');
    best = Math.min(best, performance.now() - start);
  }
  return (2 * bytes) / (best / 1000);
}
