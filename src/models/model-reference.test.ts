import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { isGatewayError } from '../errors.ts';
import { CATALOG } from './catalog.ts';
import { parseModelReference } from './model-reference.ts';

describe('parseModelReference', () => {
  it('resolves a catalog name to its default quantization and Hugging Face file', () => {
    const reference = parseModelReference('qwen2.5:7b');
    assert.equal(reference.kind, 'catalog');
    assert.equal(reference.name, 'qwen2.5:7b');
    if (reference.kind !== 'catalog') return;
    assert.equal(reference.quantization, 'q4_k_m');
    assert.deepEqual(reference.hub, {
      repo: 'bartowski/Qwen2.5-7B-Instruct-GGUF',
      file: 'Qwen2.5-7B-Instruct-Q4_K_M.gguf',
      revision: 'main',
    });
  });

  it('takes a quantization override as a third field, case-insensitively', () => {
    const reference = parseModelReference('Qwen2.5:7B:Q8_0');
    assert.equal(reference.name, 'qwen2.5:7b:q8_0');
    assert.equal(reference.kind === 'catalog' && reference.hub.file, 'Qwen2.5-7B-Instruct-Q8_0.gguf');
  });

  it('names the default quantization without the override field', () => {
    assert.equal(parseModelReference('qwen2.5:0.5b:q4_k_m').name, 'qwen2.5:0.5b');
  });

  it('rejects an unknown size, listing the family', () => {
    assert.throws(
      () => parseModelReference('qwen2.5:9b'),
      (error) =>
        isGatewayError(error, 'model_not_in_catalog') &&
        /'qwen2\.5:9b' is not in the catalog \(the catalog has qwen2\.5:0\.5b, .*qwen2\.5:14b\)/.test(
          error.message,
        ),
    );
  });

  it('rejects an unknown family, listing the families and the hf: form', () => {
    assert.throws(
      () => parseModelReference('mistral:7b'),
      (error) =>
        isGatewayError(error) &&
        /catalog families: qwen2\.5, qwen3, .*hf:org\/repo\/file\.gguf/.test(error.message),
    );
  });

  it('rejects an unknown quantization, listing those available', () => {
    assert.throws(
      () => parseModelReference('qwen3:0.6b:q4_k_m'),
      (error) => isGatewayError(error) && /no quantization 'q4_k_m'.*choose one of q8_0/.test(error.message),
    );
  });

  it('parses hf: references, with and without a revision', () => {
    assert.deepEqual(parseModelReference('hf:org/repo/sub/model.Q4_K_M.gguf'), {
      kind: 'hf',
      name: 'hf:org/repo/sub/model.Q4_K_M.gguf',
      hub: { repo: 'org/repo', file: 'sub/model.Q4_K_M.gguf', revision: 'main' },
    });
    const pinned = parseModelReference('hf:org/repo/model.gguf@0123abc');
    assert.equal(pinned.kind === 'hf' && pinned.hub.revision, '0123abc');
    assert.equal(pinned.name, 'hf:org/repo/model.gguf');
  });

  it('rejects malformed hf: references and split GGUF parts', () => {
    assert.throws(() => parseModelReference('hf:org/model.gguf'), /expected hf:org\/repo\/file\.gguf/);
    assert.throws(() => parseModelReference('hf:org/repo/m-00001-of-00002.gguf'), /split GGUF/);
  });

  it('treats anything ending in .gguf as a local path', () => {
    assert.deepEqual(parseModelReference('./models/My-Model.gguf'), {
      kind: 'path',
      name: 'My-Model',
      path: resolve('models/My-Model.gguf'),
    });
  });

  it('lists only single-file quantizations with plausible sizes in the catalog', () => {
    for (const model of CATALOG) {
      assert.ok(model.files[model.defaultQuantization], `${model.name} lacks its default quantization`);
      for (const [quantization, file] of Object.entries(model.files)) {
        assert.match(file.file, /\.gguf$/i);
        assert.doesNotMatch(file.file, /-of-\d+/, `${model.name}:${quantization} is split`);
        assert.ok(file.size > 1e8 && file.size < 1e11, `${model.name}:${quantization} size ${file.size}`);
      }
    }
  });
});
