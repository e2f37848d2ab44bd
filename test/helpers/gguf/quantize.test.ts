import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeQ8_0, encodeF16, encodeQ8_0, fromFloat16Bits, toFloat16Bits } from './quantize.ts';
import { Random } from './random.ts';
import { drawValue, randomF16, randomF32, randomQ8_0 } from './weights.ts';

describe('float16', () => {
  it('encodes exact values, infinities, NaN and subnormals as IEEE 754 half precision', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -24, 0x0001],
      [2 ** -14, 0x0400],
      [1e-9, 0x0000],
    ];
    for (const [value, bits] of cases) assert.equal(toFloat16Bits(value), bits, `f16(${value})`);
    assert.equal(toFloat16Bits(NaN) & 0x7c00, 0x7c00);
    assert.notEqual(toFloat16Bits(NaN) & 0x3ff, 0);
  });

  it('rounds to nearest, ties to even', () => {
    assert.equal(toFloat16Bits(1 + 2 ** -11), 0x3c00);
    assert.equal(toFloat16Bits(1 + 3 * 2 ** -11), 0x3c02);
    assert.equal(toFloat16Bits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
  });

  it('decodes what it encodes within half a unit in the last place', () => {
    const random = new Random(7);
    for (let index = 0; index < 1000; index++) {
      const value = (random.nextFloat() - 0.5) * 100;
      const decoded = fromFloat16Bits(toFloat16Bits(value));
      assert.ok(Math.abs(decoded - value) <= Math.abs(value) * 2 ** -11, `${value} → ${decoded}`);
    }
  });

  it('encodes arrays little-endian', () => {
    assert.deepEqual([...encodeF16(new Float32Array([1, -2]))], [0x00, 0x3c, 0x00, 0xc0]);
  });
});

describe('Q8_0', () => {
  it('stores an f16 scale and 32 int8 values per block, and decodes within half a step', () => {
    const values = randomF32(new Random(3), 64, 1);
    const bytes = encodeQ8_0(values);
    assert.equal(bytes.length, 68);
    const decoded = decodeQ8_0(bytes);
    for (let block = 0; block < 2; block++) {
      const slice = values.subarray(block * 32, block * 32 + 32);
      const step = Math.max(...slice.map(Math.abs)) / 127;
      slice.forEach((value, index) =>
        assert.ok(Math.abs(decoded[block * 32 + index]! - value) <= step * 0.51),
      );
    }
  });

  it('encodes an all-zero block as zeros', () => {
    assert.deepEqual([...encodeQ8_0(new Float32Array(32))], new Array(34).fill(0));
  });

  it('rejects a length that is not a whole number of blocks', () => {
    assert.throws(() => encodeQ8_0(new Float32Array(33)), /multiple of 32/);
  });
});

describe('random weights', () => {
  it('encode the same values in F32, F16 and Q8_0', () => {
    const f32 = randomF32(new Random(5, 'w'), 4096, 0.5);
    assert.deepEqual(randomF16(new Random(5, 'w'), 4096, 0.5), encodeF16(f32));
    const q8 = decodeQ8_0(randomQ8_0(new Random(5, 'w'), 4096, 0.5));
    const reference = decodeQ8_0(encodeQ8_0(f32));
    q8.forEach((value, index) => assert.ok(Math.abs(value - reference[index]!) < 1e-3, `at ${index}`));
  });

  it('have mean 0 and the requested standard deviation, with no zeros', () => {
    const values = randomF32(new Random(9), 1 << 16, 0.25);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const std = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0) / values.length);
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(std - 0.25) < 0.01, `std ${std}`);
    assert.ok(values.every((value) => value !== 0));
    assert.equal(drawValue(0, 0.25), -drawValue(65535, 0.25));
  });

  it('depend only on the seed and the label', () => {
    assert.deepEqual(randomF32(new Random(1, 'a'), 64, 1), randomF32(new Random(1, 'a'), 64, 1));
    assert.notDeepEqual(randomF32(new Random(1, 'a'), 64, 1), randomF32(new Random(2, 'a'), 64, 1));
    assert.notDeepEqual(randomF32(new Random(1, 'a'), 64, 1), randomF32(new Random(1, 'b'), 64, 1));
  });
});
