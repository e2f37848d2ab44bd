import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { Q8_0_BLOCK_BYTES, Q8_0_BLOCK_SIZE } from './quantize.ts';

/** ggml tensor types this writer can size (the values are ggml's `enum ggml_type`). */
export const GgmlType = { F32: 0, F16: 1, Q8_0: 8 } as const;
export type GgmlType = (typeof GgmlType)[keyof typeof GgmlType];

/** GGUF metadata value types (the values are `enum gguf_type`). */
const ValueType = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;
export type GgufScalarType = Exclude<keyof typeof ValueType, 'array'>;
type NumericType = Exclude<GgufScalarType, 'string' | 'bool'>;

/** One typed metadata value; GGUF needs the exact width, so numbers carry their type. */
export type GgufValue =
  | { type: NumericType; value: number | bigint }
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'array'; itemType: GgufScalarType; value: readonly (number | bigint | string | boolean)[] };

/** Shorthands for typed metadata values. */
export const gguf = {
  string: (value: string): GgufValue => ({ type: 'string', value }),
  uint32: (value: number): GgufValue => ({ type: 'uint32', value }),
  int32: (value: number): GgufValue => ({ type: 'int32', value }),
  float32: (value: number): GgufValue => ({ type: 'float32', value }),
  bool: (value: boolean): GgufValue => ({ type: 'bool', value }),
  array: (itemType: GgufScalarType, value: readonly (number | bigint | string | boolean)[]): GgufValue => ({
    type: 'array',
    itemType,
    value,
  }),
};

/** A tensor to write: `shape` is innermost-first (ne[0] = the row length), `data` yields its bytes in order. */
export interface GgufTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: GgmlType;
  data(): Iterable<Uint8Array>;
}

/** What `writeGguf` wrote. */
export interface GgufWriteResult {
  readonly bytes: number;
  readonly sha256: string;
}

/** Writes a GGUF v3 file to `path` atomically (temp file + rename), streaming tensor data to disk. */
export async function writeGguf(
  path: string,
  file: {
    metadata: ReadonlyArray<readonly [string, GgufValue]>;
    tensors: readonly GgufTensor[];
    alignment?: number;
  },
): Promise<GgufWriteResult> {
  const alignment = file.alignment ?? 32;
  const metadata =
    alignment === 32
      ? file.metadata
      : [...file.metadata, ['general.alignment', gguf.uint32(alignment)] as const];
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    const sink = new FileSink(handle);
    await sink.write(encodeHeader(metadata, file.tensors, alignment));
    await sink.pad(alignment);
    for (const tensor of file.tensors) {
      await writeTensorData(sink, tensor);
      await sink.pad(alignment);
    }
    const result = await sink.finish();
    await handle.close();
    await rename(temporary, path);
    return result;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The byte size of a tensor's data, before alignment padding. */
export function tensorByteSize(shape: readonly number[], type: GgmlType): number {
  const elements = shape.reduce((product, dimension) => product * dimension, 1);
  switch (type) {
    case GgmlType.F32:
      return elements * 4;
    case GgmlType.F16:
      return elements * 2;
    case GgmlType.Q8_0:
      if ((shape[0] ?? 0) % Q8_0_BLOCK_SIZE !== 0)
        throw new Error(`Q8_0 rows must be a multiple of 32, got ${shape[0]}`);
      return (elements / Q8_0_BLOCK_SIZE) * Q8_0_BLOCK_BYTES;
  }
}

async function writeTensorData(sink: FileSink, tensor: GgufTensor): Promise<void> {
  const expected = tensorByteSize(tensor.shape, tensor.type);
  let written = 0;
  for (const chunk of tensor.data()) {
    written += chunk.length;
    await sink.write(chunk);
  }
  if (written !== expected)
    throw new Error(`tensor '${tensor.name}' wrote ${written} bytes, expected ${expected}`);
}

function encodeHeader(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: readonly GgufTensor[],
  alignment: number,
): Uint8Array {
  const out = new ByteWriter();
  out.bytes(Buffer.from('GGUF', 'ascii'));
  out.uint32(3);
  out.uint64(tensors.length);
  out.uint64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    out.uint32(ValueType[value.type]);
    writeValue(out, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    out.string(tensor.name);
    out.uint32(tensor.shape.length);
    for (const dimension of tensor.shape) out.uint64(dimension);
    out.uint32(tensor.type);
    out.uint64(offset);
    offset += alignUp(tensorByteSize(tensor.shape, tensor.type), alignment);
  }
  return out.finish();
}

function writeValue(out: ByteWriter, value: GgufValue): void {
  if (value.type === 'array') {
    out.uint32(ValueType[value.itemType]);
    out.uint64(value.value.length);
    for (const item of value.value) writeScalar(out, value.itemType, item);
  } else {
    writeScalar(out, value.type, value.value);
  }
}

function writeScalar(out: ByteWriter, type: GgufScalarType, value: number | bigint | string | boolean): void {
  if (type === 'string') {
    if (typeof value !== 'string') throw new TypeError(`expected a string, got ${typeof value}`);
    out.string(value);
  } else if (type === 'bool') {
    out.uint8(value === true ? 1 : 0);
  } else {
    if (typeof value !== 'number' && typeof value !== 'bigint')
      throw new TypeError(`expected a number for ${type}`);
    out.number(type, value);
  }
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

// Each returns the offset after what it wrote, as Buffer's write methods do.
const NUMBER_WRITERS: Record<NumericType, (buffer: Buffer, value: number | bigint, at: number) => number> = {
  uint8: (buffer, value, at) => buffer.writeUInt8(Number(value), at),
  int8: (buffer, value, at) => buffer.writeInt8(Number(value), at),
  uint16: (buffer, value, at) => buffer.writeUInt16LE(Number(value), at),
  int16: (buffer, value, at) => buffer.writeInt16LE(Number(value), at),
  uint32: (buffer, value, at) => buffer.writeUInt32LE(Number(value), at),
  int32: (buffer, value, at) => buffer.writeInt32LE(Number(value), at),
  float32: (buffer, value, at) => buffer.writeFloatLE(Number(value), at),
  uint64: (buffer, value, at) => buffer.writeBigUInt64LE(BigInt(value), at),
  int64: (buffer, value, at) => buffer.writeBigInt64LE(BigInt(value), at),
  float64: (buffer, value, at) => buffer.writeDoubleLE(Number(value), at),
};

/** A growable little-endian buffer for the header. */
class ByteWriter {
  #buffer = Buffer.alloc(1 << 16);
  #length = 0;

  uint8(value: number): void {
    this.number('uint8', value);
  }

  uint32(value: number): void {
    this.number('uint32', value);
  }

  uint64(value: number): void {
    this.number('uint64', value);
  }

  number(type: NumericType, value: number | bigint): void {
    this.#reserve(8);
    this.#length = NUMBER_WRITERS[type](this.#buffer, value, this.#length);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uint64(bytes.length);
    this.bytes(bytes);
  }

  bytes(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  finish(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }

  #reserve(size: number): void {
    if (this.#length + size <= this.#buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.#buffer.length * 2, this.#length + size));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}

/** Batches small chunks into large writes and hashes everything it writes. */
class FileSink {
  static readonly #capacity = 8 << 20;
  readonly #handle: FileHandle;
  readonly #hash = createHash('sha256');
  readonly #buffer = Buffer.alloc(FileSink.#capacity);
  #filled = 0;
  #total = 0;

  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  async write(chunk: Uint8Array): Promise<void> {
    let from = 0;
    while (from < chunk.length) {
      const count = Math.min(chunk.length - from, this.#buffer.length - this.#filled);
      this.#buffer.set(chunk.subarray(from, from + count), this.#filled);
      this.#filled += count;
      from += count;
      if (this.#filled === this.#buffer.length) await this.#flush();
    }
  }

  async pad(alignment: number): Promise<void> {
    const position = this.#total + this.#filled;
    const padding = alignUp(position, alignment) - position;
    if (padding > 0) await this.write(new Uint8Array(padding));
  }

  async finish(): Promise<GgufWriteResult> {
    await this.#flush();
    return { bytes: this.#total, sha256: this.#hash.digest('hex') };
  }

  async #flush(): Promise<void> {
    if (this.#filled === 0) return;
    const data = this.#buffer.subarray(0, this.#filled);
    this.#hash.update(data);
    await this.#handle.write(data, 0, data.length);
    this.#total += this.#filled;
    this.#filled = 0;
  }
}
