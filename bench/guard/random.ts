/** A small seeded generator (mulberry32), so the PII corpus is the same on every machine and every run. */

/** Deterministic random choices from one seed. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` characters drawn from `alphabet`. */
  string(count: number, alphabet: string): string {
    let text = '';
    for (let index = 0; index < count; index++) text += alphabet[Math.floor(this.next() * alphabet.length)];
    return text;
  }

  /** `count` decimal digits. */
  digits(count: number): string {
    return this.string(count, '0123456789');
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Zero-pads `value` to `width` digits. */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
