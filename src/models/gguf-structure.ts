/**
 * A bounds-checked walk over a GGUF file's header, metadata and tensor table, before node-llama-cpp's
 * reader sees it: that reader zero-fills reads past the end of the file and allocates whatever length a
 * corrupt header claims. Values are skipped, not decoded; what validation needs is recorded.
 * Layout: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 */
import { open } from 'node:fs/promises';
import { FileCursor } from './file-cursor.ts';

/** GGUF metadata value types, as numbered in the file. */
export const GGUF_TYPE = {
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

const FIXED_SIZES: Readonly<Record<number, number>> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};

/** ggml tensor types → [elements per block, bytes per block] (ggml.c `type_traits`). */
const TENSOR_BLOCKS: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4],
  1: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  16: [256, 66],
  17: [256, 74],
  18: [256, 98],
  19: [256, 50],
  20: [32, 18],
  21: [256, 110],
  22: [256, 82],
  23: [256, 136],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  29: [256, 56],
  30: [1, 2],
  34: [256, 54],
  35: [256, 66],
  39: [32, 17],
};

const MAX_DIMENSIONS = 4;
const MAX_KEY_BYTES = 65_535;

/** A structural fault in a GGUF file; the message says what and where. */
export class InvalidGgufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidGgufError';
  }
}

/** One entry of the tensor table. */
export interface GgufTensorEntry {
  readonly name: string;
  readonly dimensions: readonly number[];
  readonly type: number;
  readonly offset: number;
}

/** What the walk found: enough to check the vocabulary's types and the file's length. */
export interface GgufStructure {
  readonly version: number;
  readonly size: number;
  /** Element type and length of every array-valued metadata key. */
  readonly arrays: ReadonlyMap<string, { readonly elementType: number; readonly length: number }>;
  readonly tensors: readonly GgufTensorEntry[];
  readonly alignment: number;
  /** Where tensor data starts. */
  readonly dataOffset: number;
}

/** Walks the whole header of `path`; throws InvalidGgufError or TruncatedFileError on any fault. */
export async function readGgufStructure(path: string): Promise<GgufStructure> {
  const handle = await open(path, 'r');
  try {
    const cursor = new FileCursor(handle, (await handle.stat()).size);
    const version = await readPreamble(cursor);
    const tensorCount = await cursor.u64();
    const keyCount = await cursor.u64();
    // Every key takes at least 13 bytes and every tensor entry 24: a larger count is corruption.
    if (keyCount * 13 + tensorCount * 24 > cursor.remaining) {
      throw new InvalidGgufError(
        `truncated or corrupt: the header claims ${keyCount} metadata keys and ${tensorCount} tensors, more than the file can hold`,
      );
    }
    const { arrays, alignment } = await readMetadata(cursor, keyCount);
    const tensors: GgufTensorEntry[] = [];
    for (let index = 0; index < tensorCount; index += 1) tensors.push(await readTensorEntry(cursor));
    const dataOffset = Math.ceil(cursor.position / alignment) * alignment;
    const structure = { version, size: cursor.size, arrays, tensors, alignment, dataOffset };
    checkTensorData(structure);
    return structure;
  } finally {
    await handle.close();
  }
}

async function readPreamble(cursor: FileCursor): Promise<number> {
  if (cursor.size < 24) throw new InvalidGgufError(`only ${cursor.size} bytes: too short for a GGUF header`);
  const magic = (await cursor.u32()).toString(16);
  if (magic !== '46554747') throw new InvalidGgufError('not a GGUF file (its first bytes are not "GGUF")');
  const version = await cursor.u32();
  if (version === 1) throw new InvalidGgufError('GGUF version 1 is no longer supported by llama.cpp');
  if (version !== 2 && version !== 3) throw new InvalidGgufError(`unsupported GGUF version ${version}`);
  return version;
}

async function readMetadata(
  cursor: FileCursor,
  keyCount: number,
): Promise<{ arrays: Map<string, { elementType: number; length: number }>; alignment: number }> {
  const arrays = new Map<string, { elementType: number; length: number }>();
  let alignment = 32;
  for (let index = 0; index < keyCount; index += 1) {
    const key = await cursor.string(MAX_KEY_BYTES);
    if (key === '') throw new InvalidGgufError(`metadata key ${index} is empty`);
    const type = await cursor.u32();
    if (type === GGUF_TYPE.array) {
      const elementType = await cursor.u32();
      const length = await cursor.u64();
      arrays.set(key, { elementType, length });
      await skipArray(cursor, key, elementType, length);
    } else if (key === 'general.alignment' && type === GGUF_TYPE.uint32) {
      alignment = await cursor.u32();
      if (alignment === 0 || (alignment & (alignment - 1)) !== 0) {
        throw new InvalidGgufError(`general.alignment is ${alignment}, not a power of two`);
      }
    } else {
      await skipValue(cursor, key, type);
    }
  }
  return { arrays, alignment };
}

async function skipValue(cursor: FileCursor, key: string, type: number): Promise<void> {
  const size = FIXED_SIZES[type];
  if (size !== undefined) return cursor.skip(size);
  if (type === GGUF_TYPE.string) return cursor.skipString();
  if (type === GGUF_TYPE.array) return skipArray(cursor, key, await cursor.u32(), await cursor.u64());
  throw new InvalidGgufError(`metadata key '${key}' has unknown value type ${type}`);
}

async function skipArray(
  cursor: FileCursor,
  key: string,
  elementType: number,
  length: number,
): Promise<void> {
  const size = FIXED_SIZES[elementType];
  if (size !== undefined) return cursor.skip(length * size);
  if (elementType !== GGUF_TYPE.string && elementType !== GGUF_TYPE.array) {
    throw new InvalidGgufError(`metadata key '${key}' is an array of unknown type ${elementType}`);
  }
  if (length * 8 > cursor.remaining) {
    throw new InvalidGgufError(
      `truncated or corrupt: metadata key '${key}' claims ${length} elements, more than the file can hold`,
    );
  }
  if (elementType === GGUF_TYPE.string) return cursor.skipStrings(length);
  for (let index = 0; index < length; index += 1) await skipValue(cursor, key, elementType);
}

async function readTensorEntry(cursor: FileCursor): Promise<GgufTensorEntry> {
  const name = await cursor.string();
  const dimensionCount = await cursor.u32();
  if (dimensionCount === 0 || dimensionCount > MAX_DIMENSIONS) {
    throw new InvalidGgufError(
      `tensor '${name}' has ${dimensionCount} dimensions (1 to ${MAX_DIMENSIONS} allowed)`,
    );
  }
  const dimensions: number[] = [];
  for (let index = 0; index < dimensionCount; index += 1) dimensions.push(await cursor.u64());
  return { name, dimensions, type: await cursor.u32(), offset: await cursor.u64() };
}

/** The bytes a tensor occupies, or undefined for a type this table does not know. */
export function tensorBytes(tensor: GgufTensorEntry): number | undefined {
  const block = TENSOR_BLOCKS[tensor.type];
  if (!block) return undefined;
  const [elements, bytes] = block;
  const [first = 0, ...rest] = tensor.dimensions;
  if (first % elements !== 0) {
    throw new InvalidGgufError(
      `tensor '${tensor.name}' has ${first} columns, not a multiple of its block size ${elements}`,
    );
  }
  return rest.reduce((total, dimension) => total * dimension, (first / elements) * bytes);
}

function checkTensorData(structure: GgufStructure): void {
  for (const tensor of structure.tensors) {
    if (tensor.offset % structure.alignment !== 0) {
      throw new InvalidGgufError(
        `tensor '${tensor.name}' starts at offset ${tensor.offset}, not aligned to ${structure.alignment} bytes`,
      );
    }
    const end = structure.dataOffset + tensor.offset + (tensorBytes(tensor) ?? 0);
    if (end > structure.size) {
      throw new InvalidGgufError(
        `truncated: tensor '${tensor.name}' ends at byte ${end}, but the file has ${structure.size} bytes`,
      );
    }
  }
}
