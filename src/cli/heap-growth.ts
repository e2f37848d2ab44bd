/** `server.heap_growth_percent`: how far V8 lets the old generation grow between full collections. */
import { setFlagsFromString } from 'node:v8';

/**
 * Sets V8's heap growing factor to 1 + percent/100 (0 keeps V8's own, which grows up to 4× what survived).
 * Unlike the semi-space size, V8 reads this flag whenever it sizes the old generation after a full
 * collection, so setting it after start takes effect from the next one (heap-growth.test.ts shows it).
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
