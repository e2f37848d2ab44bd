/** A seeded sfc32 generator: fast, small state, and the same stream on every platform. */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Seeds the stream from a number and an optional label (e.g. a tensor name), so each tensor has its own stream. */
  constructor(seed: number, label = '') {
    const hash = hashString(`${seed >>> 0}:${Math.floor(seed / 2 ** 32)}:${label}`);
    this.#a = hash[0];
    this.#b = hash[1];
    this.#c = hash[2];
    this.#d = hash[3];
    // The first outputs of sfc32 still correlate with the seed.
    for (let index = 0; index < 12; index++) this.nextUint32();
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }

  /** Fills `target` with random 16-bit integers, two per 32-bit draw; the length must be even. */
  fillUint16(target: Uint16Array): void {
    if (target.length % 2 !== 0) throw new Error('fillUint16 needs an even length');
    // The state lives in locals for the loop: this is the hot path when writing a 0.5B model.
    let a = this.#a;
    let b = this.#b;
    let c = this.#c;
    let d = this.#d;
    for (let index = 0; index < target.length; index += 2) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      target[index] = t & 0xffff;
      target[index + 1] = t >>> 16;
    }
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
  }
}

function hashString(text: string): [number, number, number, number] {
  // Four independent FNV-1a lanes, finished with a murmur3 mix.
  const lanes: [number, number, number, number] = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    for (let lane = 0; lane < 4; lane++) lanes[lane] = Math.imul(lanes[lane]! ^ (code + lane), 0x01000193);
  }
  return lanes.map(mix) as [number, number, number, number];
}

function mix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
