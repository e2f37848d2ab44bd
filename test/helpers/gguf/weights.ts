import { Q8_0_BLOCK_BYTES, Q8_0_BLOCK_SIZE, toFloat16Bits } from './quantize.ts';
import type { Random } from './random.ts';

// Random weights are 16-bit draws standing for odd multiples of a step: (2·draw + 1 − 65536)·step is uniform with
// mean 0, and step = √3·std / 65536 gives it standard deviation `std`. Working from the draws lets F16 use a
// lookup table and Q8_0 integer maths, while F32, F16 and Q8_0 still encode the very same values.

/** The value of one 16-bit draw for standard deviation `std`. */
export function drawValue(draw: number, std: number): number {
  return (2 * draw - 65535) * stepOf(std);
}

/** `count` random float32 weights of standard deviation `std`. */
export function randomF32(random: Random, count: number, std: number): Float32Array {
  const draws = new Uint16Array(count);
  random.fillUint16(draws);
  const step = stepOf(std);
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) values[index] = (2 * draws[index]! - 65535) * step;
  return values;
}

/** `count` random weights as little-endian float16 bytes (the F32 values, rounded). */
export function randomF16(random: Random, count: number, std: number): Uint8Array {
  const draws = new Uint16Array(count);
  random.fillUint16(draws);
  const table = f16Table(std);
  const halves = new Uint16Array(count);
  for (let index = 0; index < count; index++) halves[index] = table[draws[index]!]!;
  return new Uint8Array(halves.buffer);
}

/** `count` random weights as Q8_0 blocks (the F32 values, quantized as ggml does). */
export function randomQ8_0(random: Random, count: number, std: number): Uint8Array {
  const draws = new Uint16Array(count);
  random.fillUint16(draws);
  const step = stepOf(std);
  const output = new Uint8Array((count / Q8_0_BLOCK_SIZE) * Q8_0_BLOCK_BYTES);
  const quants = new Int8Array(output.buffer);
  const scales = new Uint16Array(output.buffer);
  for (let block = 0; block * Q8_0_BLOCK_SIZE < count; block++) {
    const start = block * Q8_0_BLOCK_SIZE;
    let max = 1;
    for (let index = start; index < start + Q8_0_BLOCK_SIZE; index++) {
      max = Math.max(max, Math.abs(2 * draws[index]! - 65535));
    }
    // A block is 34 bytes, so its f16 scale sits at an even offset: index 17·block of a Uint16Array view.
    scales[block * 17] = toFloat16Bits((max * step) / 127);
    const factor = 127 / max;
    const at = block * Q8_0_BLOCK_BYTES + 2 - start;
    for (let index = start; index < start + Q8_0_BLOCK_SIZE; index++) {
      const odd = 2 * draws[index]! - 65535;
      // Halves round away from zero, as ggml's roundf does; the sign is applied without a branch because
      // random signs defeat branch prediction.
      const magnitude = (Math.abs(odd) * factor + 0.5) | 0;
      const sign = odd >> 31;
      quants[at + index] = (magnitude ^ sign) - sign;
    }
  }
  return output;
}

function stepOf(std: number): number {
  return (Math.sqrt(3) * std) / 65536;
}

const f16Tables = new Map<number, Uint16Array>();

function f16Table(std: number): Uint16Array {
  let table = f16Tables.get(std);
  if (table === undefined) {
    table = new Uint16Array(65536);
    for (let draw = 0; draw < 65536; draw++) table[draw] = toFloat16Bits(drawValue(draw, std));
    f16Tables.set(std, table);
  }
  return table;
}
