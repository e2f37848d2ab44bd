/**
 * Adds a bag of pass-through fields to an object Daulat built. Written instead of `{ ...extra, ...ours }`:
 * on Node 20, adding a property to an object that began as a spread copy of a non-empty one takes V8's slow
 * path, about 1 µs per property (a chat request's upstream body paid ~4 µs), where copying the few extra
 * fields onto our own object costs well under a tenth of that.
 */
import type { Extra } from './engine.ts';

/** Copies each field of `extra` that `target` does not already have onto `target` (ours win); returns `target`. */
export function assignExtra<T extends object>(target: T, extra: Extra | undefined): T {
  if (extra === undefined) return target;
  for (const key in extra) if (!Object.hasOwn(target, key)) setField(target as Extra, key, extra[key]);
  return target;
}

/**
 * Adds field `key` to `target`. An upstream's JSON may carry a `__proto__` key (JSON.parse makes it an own
 * field): assigning it would set the prototype instead of adding the field, so it is defined (slower, rare).
 */
export function setField(target: Extra, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
