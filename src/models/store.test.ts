import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { isGatewayError } from '../errors.ts';
import {
  listModels,
  readManifest,
  recordModel,
  removeModel,
  resolveModel,
  resolveModelsDir,
  type ModelEntry,
} from './store.ts';

function entry(name: string, file: string, overrides: Partial<ModelEntry> = {}): ModelEntry {
  return {
    name,
    file,
    size: 3,
    sha256: 'a'.repeat(64),
    architecture: 'qwen2',
    parameters: 1000,
    quantization: 'q4_k_m',
    contextLength: 2048,
    chatTemplate: null,
    source: { kind: 'hf', repo: 'org/repo', file: 'm.gguf', revision: 'main' },
    pulledAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('model store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daulat-store-'));
  });

  const addFile = async (relative: string) => {
    await mkdir(join(dir, relative, '..'), { recursive: true });
    await writeFile(join(dir, relative), 'abc');
  };

  it('is empty without a manifest', async () => {
    assert.deepEqual(await readManifest(dir), { version: 1, models: [] });
  });

  it('records models in a JSON manifest written atomically, leaving no temp files', async () => {
    await recordModel(dir, entry('b', 'org/repo/b.gguf'));
    await recordModel(dir, entry('a', 'org/repo/a.gguf'));
    await recordModel(dir, entry('a', 'org/repo/a2.gguf'));
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      models: ModelEntry[];
    };
    assert.deepEqual(
      manifest.models.map((model) => [model.name, model.file]),
      [
        ['a', 'org/repo/a2.gguf'],
        ['b', 'org/repo/b.gguf'],
      ],
    );
    assert.deepEqual((await readdir(dir)).sort(), ['manifest.json']);
  });

  it('loses no entry when pulls record concurrently', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, index) => recordModel(dir, entry(`m${index}`, `m${index}.gguf`))),
    );
    assert.equal((await listModels(dir)).length, 8);
  });

  it('resolves a store name, and a catalog name with its default quantization spelled out', async () => {
    await addFile('org/repo/q.gguf');
    await recordModel(dir, entry('qwen2.5:0.5b', 'org/repo/q.gguf'));
    for (const name of ['qwen2.5:0.5b', 'qwen2.5:0.5b:q4_k_m', 'QWEN2.5:0.5B']) {
      const found = await resolveModel(dir, name);
      assert.equal(found.path, join(dir, 'org/repo/q.gguf'));
      assert.equal(found.entry?.name, 'qwen2.5:0.5b');
    }
  });

  it('resolves a path to a .gguf file, with its entry when the store has it', async () => {
    await addFile('x.gguf');
    assert.deepEqual(await resolveModel(dir, join(dir, 'x.gguf')), {
      path: join(dir, 'x.gguf'),
      entry: undefined,
    });
    await recordModel(dir, entry('x', 'x.gguf'));
    assert.equal((await resolveModel(dir, join(dir, 'x.gguf'))).entry?.name, 'x');
  });

  it('names a missing model and says how to get it', async () => {
    await assert.rejects(resolveModel(dir, 'qwen3:8b'), (error) => {
      assert.ok(isGatewayError(error, 'model_not_downloaded'));
      assert.match(
        error.message,
        /model 'qwen3:8b' is not in the model store .*: run `daulat pull qwen3:8b`/,
      );
      return true;
    });
    await recordModel(dir, entry('gone', 'gone.gguf'));
    await assert.rejects(
      resolveModel(dir, 'gone'),
      /'gone' is in the manifest but its file .*gone\.gguf is missing/,
    );
    await assert.rejects(resolveModel(dir, join(dir, 'nothing.gguf')), /nothing\.gguf does not exist/);
  });

  it('removes a pulled model and its file, but leaves a local model file in place', async () => {
    await addFile('org/repo/p.gguf');
    await addFile('local.gguf');
    await recordModel(dir, entry('p', 'org/repo/p.gguf'));
    await recordModel(
      dir,
      entry('l', join(dir, 'local.gguf'), { source: { kind: 'local', path: join(dir, 'local.gguf') } }),
    );
    await removeModel(dir, 'p');
    await removeModel(dir, 'l');
    await assert.rejects(stat(join(dir, 'org')), { code: 'ENOENT' });
    assert.ok((await stat(join(dir, 'local.gguf'))).isFile());
    assert.deepEqual(await listModels(dir), []);
    await assert.rejects(removeModel(dir, 'p'), (error) => isGatewayError(error, 'model_not_downloaded'));
  });

  it('reports a corrupt manifest with its path', async () => {
    await writeFile(join(dir, 'manifest.json'), '{"version": 1, "models": [{"name": 3}]}');
    await assert.rejects(
      readManifest(dir),
      (error) =>
        isGatewayError(error, 'model_invalid') && /manifest\.json: models\.0\.name/.test(error.message),
    );
    await writeFile(join(dir, 'manifest.json'), '{nope');
    await assert.rejects(readManifest(dir), /manifest\.json is not valid JSON/);
  });

  it('takes the folder from the flag, then DAULAT_MODELS_DIR, then the config, then ./data/models', () => {
    const env = { DAULAT_MODELS_DIR: '/env' };
    assert.equal(resolveModelsDir({ flag: '/flag', env, configured: '/config' }), '/flag');
    assert.equal(resolveModelsDir({ env, configured: '/config' }), '/env');
    assert.equal(resolveModelsDir({ env: {}, configured: '/config' }), '/config');
    assert.equal(resolveModelsDir({ env: {} }), join(process.cwd(), 'data/models'));
  });
});
