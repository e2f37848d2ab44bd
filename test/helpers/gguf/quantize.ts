/** Elements per Q8_0 block, and bytes per block (an f16 scale, then 32 int8 values). */
export const Q8_0_BLOCK_SIZE = 32;
export const Q8_0_BLOCK_BYTES = 34;

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** The IEEE 754 half-precision bits of `value`, rounded to nearest even (as ggml's FP32_TO_FP16). */
export function toFloat16Bits(value: number): number {
  scratchFloat[0] = value;
  return halfFromFloatBits(scratchBits[0]!);
}

/** The number that half-precision `bits` encode. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Encodes float32 values as little-endian float16 bytes. */
export function encodeF16(values: Float32Array): Uint8Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const output = new Uint8Array(values.length * 2);
  for (let index = 0; index < values.length; index++) {
    const half = halfFromFloatBits(bits[index]!);
    output[2 * index] = half & 0xff;
    output[2 * index + 1] = half >>> 8;
  }
  return output;
}

/** Encodes float32 values as ggml Q8_0 blocks; the length must be a multiple of 32. */
export function encodeQ8_0(values: Float32Array): Uint8Array {
  if (values.length % Q8_0_BLOCK_SIZE !== 0)
    throw new Error(`Q8_0 needs a multiple of 32 values, got ${values.length}`);
  const blocks = values.length / Q8_0_BLOCK_SIZE;
  const output = new Uint8Array(blocks * Q8_0_BLOCK_BYTES);
  for (let block = 0; block < blocks; block++) {
    const start = block * Q8_0_BLOCK_SIZE;
    let max = 0;
    for (let index = start; index < start + Q8_0_BLOCK_SIZE; index++)
      max = Math.max(max, Math.abs(values[index]!));
    const scale = max / 127;
    const inverse = scale === 0 ? 0 : 1 / scale;
    const half = toFloat16Bits(scale);
    const at = block * Q8_0_BLOCK_BYTES;
    output[at] = half & 0xff;
    output[at + 1] = half >>> 8;
    for (let index = 0; index < Q8_0_BLOCK_SIZE; index++) {
      const scaled = values[start + index]! * inverse;
      // ggml uses roundf: halves round away from zero.
      output[at + 2 + index] = (scaled < 0 ? -Math.round(-scaled) : Math.round(scaled)) & 0xff;
    }
  }
  return output;
}

/** Decodes ggml Q8_0 blocks back to float32 values (for tests). */
export function decodeQ8_0(bytes: Uint8Array): Float32Array {
  const blocks = bytes.length / Q8_0_BLOCK_BYTES;
  const output = new Float32Array(blocks * Q8_0_BLOCK_SIZE);
  for (let block = 0; block < blocks; block++) {
    const at = block * Q8_0_BLOCK_BYTES;
    const scale = fromFloat16Bits(bytes[at]! | (bytes[at + 1]! << 8));
    for (let index = 0; index < Q8_0_BLOCK_SIZE; index++) {
      const quant = (bytes[at + 2 + index]! << 24) >> 24;
      output[block * Q8_0_BLOCK_SIZE + index] = quant * scale;
    }
  }
  return output;
}

function halfFromFloatBits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff - 127 + 15) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    return sign | roundShift(mantissa, shift);
  }
  // A carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
  return (sign | (exponent << 10)) + roundShift(mantissa, 13);
}

function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const remainder = value & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  return remainder > halfway || (remainder === halfway && (kept & 1) === 1) ? kept + 1 : kept;
}
