import assert from 'node:assert/strict';
import { copyFile, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { isGatewayError } from '../errors.ts';
import { patchUint64, truncatedCopy, writeDuplicateTokenModel } from '../../test/helpers/broken-gguf.ts';
import { testModel, type TestModel } from '../../test/helpers/gguf/index.ts';
import { readModelInfo, validateModelFile } from './gguf-info.ts';

describe('GGUF validation', () => {
  let directory: string;
  let model: TestModel;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'daulat-gguf-'));
    model = await testModel({ preset: 'tiny-qwen2', type: 'q8_0' });
  });

  const rejects = async (path: string, pattern: RegExp) =>
    assert.rejects(validateModelFile(path), (error) => {
      assert.ok(isGatewayError(error, 'model_invalid'), String(error));
      assert.match(error.message, new RegExp(`^${path.replaceAll('.', '\\.')} is not a usable GGUF model: `));
      assert.match(error.message, pattern);
      return true;
    });

  it('reads the manifest fields from the file itself', async () => {
    const info = await readModelInfo(model.path);
    assert.equal(info.architecture, 'qwen2');
    assert.equal(info.quantization, 'q8_0');
    assert.equal(info.parameters, model.parameterCount);
    assert.equal(info.contextLength, model.contextLength);
    assert.equal(info.chatTemplate, model.chatTemplate);
    assert.equal(info.vocabularySize, model.vocabSize);
    assert.equal(info.size, (await stat(model.path)).size);
  });

  it('reads f16 and llama files too', async () => {
    const llama = await testModel({ preset: 'tiny-llama' });
    const info = await readModelInfo(llama.path);
    assert.equal(info.architecture, 'llama');
    assert.equal(info.quantization, 'f16');
  });

  it('rejects a file truncated in its tensor data, naming the tensor', async () => {
    const path = join(directory, 'truncated-data.gguf');
    await truncatedCopy(model.path, path, Math.floor(model.bytes * 0.6));
    await rejects(path, /truncated: tensor '[^']+' ends at byte \d+, but the file has \d+ bytes/);
  });

  it('rejects a file truncated in its header', async () => {
    const path = join(directory, 'truncated-header.gguf');
    await truncatedCopy(model.path, path, 2_000);
    await rejects(path, /truncated or corrupt: metadata key 'tokenizer\.ggml\.tokens' claims 1000 elements/);
    await truncatedCopy(model.path, path, 100);
    await rejects(path, /truncated or corrupt: the header claims \d+ metadata keys/);
  });

  it('rejects a file that is not GGUF at all', async () => {
    const path = join(directory, 'not-gguf.gguf');
    await writeFile(path, Buffer.alloc(4_096, 7));
    await rejects(path, /not a GGUF file/);
  });

  it('rejects a header claiming more entries than the file can hold, without allocating them', async () => {
    const path = join(directory, 'huge-count.gguf');
    await copyFile(model.path, path);
    await patchUint64(path, 16, 1n << 40n);
    await rejects(path, /the header claims \d+ metadata keys and \d+ tensors, more than the file can hold/);
  });

  it('rejects a vocabulary with a repeated token string before llama.cpp sees it', async () => {
    const path = join(directory, 'duplicate-token.gguf');
    await writeDuplicateTokenModel(path);
    await rejects(
      path,
      /broken vocabulary: tokenizer\.ggml\.tokens repeats 1 token string\(s\): ".*" \(ids 300 and 301\)/,
    );
  });

  it('reports a missing file as not downloaded', async () => {
    await assert.rejects(
      validateModelFile(join(directory, 'absent.gguf')),
      (error) =>
        isGatewayError(error, 'model_not_downloaded') && /absent\.gguf does not exist/.test(error.message),
    );
  });
});
