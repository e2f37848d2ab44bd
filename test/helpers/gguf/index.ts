/**
 * Random-weight GGUF models of real architectures for tests and benchmarks, e.g.
 *   const path = await testModelPath({ preset: 'tiny-qwen2', type: 'q8_0', script: ['Halo', '!'] });
 * A scripted model answers any chat prompt rendered with its own template by emitting the script, then EOS.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGguf } from './gguf-writer.ts';
import { buildModel, type ModelDescription, type TestModelOptions } from './model.ts';

export type { ModelDescription, ScriptInfo, TestModelOptions } from './model.ts';
export { buildModel, renderChat } from './model.ts';
export { PRESETS, type ModelPreset, type PresetName } from './presets.ts';
export { parameterCount, type WeightType } from './tensors.ts';

/** A written test model: where, how big, its hash, and its description (vocabulary, token ids, script). */
export interface TestModel extends ModelDescription {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Bump when the bytes for the same options change, so cached files are rewritten. */
const FORMAT_VERSION = 2;

/** Writes the model to `path` (atomically: temp file + rename) and returns what it wrote. */
export async function writeTestModel(path: string, options: TestModelOptions): Promise<TestModel> {
  const model = buildModel(options);
  const written = await writeGguf(path, { metadata: model.metadata, tensors: model.tensors });
  return { path, ...written, ...model.description };
}

/**
 * Returns a cached model for these options under `directory` (default $DAULAT_TEST_MODELS or
 * os.tmpdir()/daulat-test-models), writing it once; concurrent callers in one process share one write.
 */
export async function testModel(
  options: TestModelOptions,
  directory = defaultDirectory(),
): Promise<TestModel> {
  const key = cacheKey(options);
  const path = join(directory, `${options.preset}-${options.type ?? 'f16'}-${key}.gguf`);
  let pending = inFlight.get(path);
  if (pending === undefined) {
    pending = readOrWrite(path, options, directory).finally(() => inFlight.delete(path));
    inFlight.set(path, pending);
  }
  return pending;
}

/** The path of a cached model for these options (see `testModel`). */
export async function testModelPath(options: TestModelOptions, directory?: string): Promise<string> {
  return (await testModel(options, directory)).path;
}

const inFlight = new Map<string, Promise<TestModel>>();

async function readOrWrite(path: string, options: TestModelOptions, directory: string): Promise<TestModel> {
  const sidecar = `${path}.json`;
  const cached = await readCached(path, sidecar);
  if (cached !== undefined) return cached;
  await mkdir(directory, { recursive: true });
  const model = await writeTestModel(path, options);
  // The sidecar appears last, and atomically, so its presence means the model file is complete.
  const temporary = `${sidecar}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(model));
  await rename(temporary, sidecar);
  return model;
}

async function readCached(path: string, sidecar: string): Promise<TestModel | undefined> {
  try {
    const model = JSON.parse(await readFile(sidecar, 'utf8')) as TestModel;
    // A temp-dir cleaner may have removed the model but not its sidecar.
    return (await stat(path)).size === model.bytes ? model : undefined;
  } catch {
    return undefined;
  }
}

function cacheKey(options: TestModelOptions): string {
  const normalised = {
    version: FORMAT_VERSION,
    preset: options.preset,
    seed: options.seed ?? 1,
    type: options.type ?? 'f16',
    contextLength: options.contextLength ?? null,
    script: options.script ?? null,
    scriptStart: options.scriptStart ?? null,
    name: options.name ?? null,
  };
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex').slice(0, 16);
}

function defaultDirectory(): string {
  return process.env.DAULAT_TEST_MODELS ?? join(tmpdir(), 'daulat-test-models');
}
