/**
 * Broken GGUF files for validation tests, made from the test-model writer: a vocabulary with a repeated
 * token string, truncated copies, and byte patches (a header count, a tensor's dimension).
 */
import { copyFile, open, readFile, truncate, writeFile } from 'node:fs/promises';
import { buildModel, type TestModelOptions } from './gguf/index.ts';
import { gguf, writeGguf } from './gguf/gguf-writer.ts';

/** Writes a model whose vocabulary holds token `duplicateOf`'s string again at id `at`. */
export async function writeDuplicateTokenModel(
  path: string,
  options: TestModelOptions = { preset: 'tiny-qwen2', type: 'f32' },
  duplicateOf = 300,
  at = 301,
): Promise<void> {
  const model = buildModel(options);
  const metadata = model.metadata.map(([key, value]) => {
    if (key !== 'tokenizer.ggml.tokens' || value.type !== 'array') return [key, value] as const;
    const tokens = [...value.value];
    tokens[at] = tokens[duplicateOf] ?? '';
    return [key, gguf.array('string', tokens)] as const;
  });
  await writeGguf(path, { metadata, tensors: model.tensors });
}

/** Copies `source` to `target`, keeping only its first `bytes` bytes. */
export async function truncatedCopy(source: string, target: string, bytes: number): Promise<void> {
  await copyFile(source, target);
  await truncate(target, bytes);
}

/** Overwrites the uint64 at `offset` (e.g. 16: the metadata key count of a GGUF v3 header). */
export async function patchUint64(path: string, offset: number, value: bigint): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(value);
    await handle.write(bytes, 0, 8, offset);
  } finally {
    await handle.close();
  }
}

/** Copies `source` to `target` with dimension `index` of tensor `name` set to `value` in the tensor table. */
export async function patchTensorDimension(
  source: string,
  target: string,
  name: string,
  index: number,
  value: number,
): Promise<void> {
  const bytes = await readFile(source);
  const encoded = Buffer.alloc(8 + name.length);
  encoded.writeBigUInt64LE(BigInt(name.length));
  encoded.write(name, 8, 'utf8');
  const at = bytes.lastIndexOf(encoded);
  if (at < 0) throw new Error(`no tensor '${name}' in ${source}`);
  bytes.writeBigUInt64LE(BigInt(value), at + encoded.length + 4 + index * 8);
  await writeFile(target, bytes);
}
