import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { GgmlType, gguf, writeGguf, type GgufTensor } from './gguf-writer.ts';
import { encodeF16 } from './quantize.ts';

function tensor(name: string, shape: number[], type: GgmlType, bytes: Uint8Array): GgufTensor {
  return { name, shape, type, data: () => [bytes.subarray(0, 5), bytes.subarray(5)] };
}

describe('writeGguf', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'gguf-writer-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes metadata of every type and tensor infos that node-llama-cpp reads back', async () => {
    const path = join(directory, 'round-trip.gguf');
    const f32 = new Float32Array([1, 2, 3, 4, 5, 6]);
    const tensors = [
      tensor('a.weight', [3, 2], GgmlType.F32, new Uint8Array(f32.buffer)),
      tensor('b.weight', [2, 3], GgmlType.F16, encodeF16(f32)),
      tensor('c.weight', [32], GgmlType.Q8_0, new Uint8Array(34).fill(1)),
    ];
    const metadata = [
      ['general.architecture', gguf.string('llama')],
      ['test.u8', { type: 'uint8', value: 200 }],
      ['test.i8', { type: 'int8', value: -100 }],
      ['test.u16', { type: 'uint16', value: 60000 }],
      ['test.i16', { type: 'int16', value: -30000 }],
      ['test.u32', gguf.uint32(4_000_000_000)],
      ['test.i32', gguf.int32(-2_000_000_000)],
      ['test.f32', gguf.float32(0.5)],
      ['test.bool', gguf.bool(true)],
      ['test.text', gguf.string('Halo, apa kabar? 😀')],
      ['test.u64', { type: 'uint64', value: 2n ** 40n }],
      ['test.i64', { type: 'int64', value: -(2n ** 40n) }],
      ['test.f64', { type: 'float64', value: 0.1 }],
      ['test.strings', gguf.array('string', ['a', 'b c', ''])],
      ['test.ints', gguf.array('int32', [1, -2, 3])],
    ] as const;
    const result = await writeGguf(path, { metadata, tensors, alignment: 64 });

    const info = await readGgufFileInfo(path, { logWarnings: false });
    const test = (info.metadata as unknown as { test: Record<string, unknown> }).test;
    assert.equal(info.version, 3);
    assert.equal(info.metadata.general.architecture, 'llama');
    assert.equal(info.metadata.general.alignment, 64);
    assert.deepEqual(
      [test.u8, test.i8, test.u16, test.i16, test.u32, test.i32, test.f32, test.bool, test.text],
      [200, -100, 60000, -30000, 4_000_000_000, -2_000_000_000, 0.5, true, 'Halo, apa kabar? 😀'],
    );
    assert.equal(BigInt(test.u64 as bigint), 2n ** 40n);
    assert.equal(BigInt(test.i64 as bigint), -(2n ** 40n));
    assert.equal(test.f64, 0.1);
    assert.deepEqual(test.strings, ['a', 'b c', '']);
    assert.deepEqual(test.ints, [1, -2, 3]);
    const infos = info.tensorInfo ?? [];
    assert.deepEqual(
      infos.map((entry) => [entry.name, entry.dimensions.map(Number), entry.ggmlType, Number(entry.offset)]),
      [
        ['a.weight', [3, 2], GgmlType.F32, 0],
        ['b.weight', [2, 3], GgmlType.F16, 64],
        ['c.weight', [32], GgmlType.Q8_0, 128],
      ],
    );

    const file = await readFile(path);
    assert.equal(file.length, result.bytes);
    const dataStart = Number(infos[0]!.fileOffset);
    assert.equal(dataStart % 64, 0);
    assert.deepEqual(
      new Float32Array(file.buffer.slice(file.byteOffset + dataStart, file.byteOffset + dataStart + 24)),
      f32,
    );
    assert.deepEqual([...file.subarray(dataStart + 64, dataStart + 76)], [...encodeF16(f32)]);
    assert.equal(result.bytes, dataStart + 128 + 64);
  });

  it('leaves no file behind when a tensor yields the wrong number of bytes', async () => {
    const path = join(directory, 'short.gguf');
    const tensors = [tensor('short', [4], GgmlType.F32, new Uint8Array(12))];
    await assert.rejects(writeGguf(path, { metadata: [], tensors }), /wrote 12 bytes, expected 16/);
    assert.deepEqual(
      (await readdir(directory)).filter((name) => name.startsWith('short')),
      [],
    );
  });

  it('rejects Q8_0 rows that are not a multiple of 32', async () => {
    const tensors = [tensor('odd', [48, 2], GgmlType.Q8_0, new Uint8Array(102))];
    await assert.rejects(writeGguf(join(directory, 'odd.gguf'), { metadata: [], tensors }), /multiple of 32/);
  });
});
