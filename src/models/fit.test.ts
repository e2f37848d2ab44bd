import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testModelPath } from '../../test/helpers/gguf/index.ts';
import { findCatalogModel, type CatalogModel } from './catalog.ts';
import { estimateModelMemory, planFit, type ModelSizing } from './fit.ts';
import { validateModelFile } from './gguf-info.ts';
import type { Hardware } from './hardware.ts';

const GB = 1e9;
const options = { contextSize: 4096, parallel: 4 };

function machine(ramFree: number, vramFree = 0): Hardware {
  return {
    cores: 8,
    ramTotal: ramFree * 2,
    ramFree,
    gpu: vramFree > 0 ? 'cuda' : false,
    vramTotal: vramFree,
    vramFree,
  };
}

function catalog(name: string): ModelSizing {
  const model = findCatalogModel(name) as CatalogModel;
  return { kind: 'catalog', model, quantization: model.defaultQuantization };
}

/** A catalog model far beyond any machine: a trillion parameters, a terabyte of weights. */
const impossible: ModelSizing = {
  kind: 'catalog',
  model: {
    ...(findCatalogModel('qwen2.5:7b') as CatalogModel),
    name: 'huge:1t',
    parameters: 1e12,
    files: { q4_k_m: { repo: 'org/huge', file: 'huge.gguf', size: 1_000 * GB } },
  },
  quantization: 'q4_k_m',
};

describe('fit', () => {
  it('estimates a catalog model from its declared shape: weights, f16 KV cache, compute', async () => {
    const estimate = await estimateModelMemory(catalog('qwen2.5:7b'), options);
    assert.equal(estimate.weights, 4.68 * GB);
    // 28 layers × 16384 tokens × 4 KV heads × (128 + 128) × 2 bytes
    assert.equal(estimate.kvCache, 28 * 16_384 * 4 * 256 * 2);
    assert.ok(estimate.compute > 0);
    assert.equal(estimate.total, estimate.weights + estimate.kvCache + estimate.compute);
  });

  it('grows the KV cache with context and parallelism, capped at the trained context', async () => {
    const small = await estimateModelMemory(catalog('qwen2.5:0.5b'), { contextSize: 2048, parallel: 1 });
    const large = await estimateModelMemory(catalog('qwen2.5:0.5b'), { contextSize: 8192, parallel: 4 });
    const capped = await estimateModelMemory(catalog('qwen2.5:0.5b'), {
      contextSize: 1_000_000,
      parallel: 1,
    });
    assert.equal(large.kvCache, small.kvCache * 16);
    assert.equal(capped.kvCache, small.kvCache * 16);
  });

  it('puts a small model on the CPU of a machine without a GPU', async () => {
    const decision = await planFit(catalog('qwen2.5:0.5b'), machine(8 * GB), options);
    assert.equal(decision.placement, 'cpu');
    assert.match(decision.summary, /^fits on the CPU only: \d+\.\d GB RAM of 8\.0 GB free$/);
  });

  it('says an impossibly large model does not fit, and why', async () => {
    const decision = await planFit(impossible, machine(64 * GB, 24 * GB), options);
    assert.equal(decision.placement, 'none');
    assert.match(
      decision.summary,
      /^does not fit: needs 10\d\d\.\d GB; this machine has 64\.0 GB RAM free and 24\.0 GB VRAM free$/,
    );
  });

  it('puts every layer on a GPU with room, and some layers on a smaller one', async () => {
    const all = await planFit(catalog('qwen2.5:7b'), machine(16 * GB, 24 * GB), options);
    assert.equal(all.placement, 'gpu');
    assert.equal(all.gpuLayers, all.totalLayers);
    const some = await planFit(catalog('qwen2.5:7b'), machine(16 * GB, 3 * GB), options);
    assert.equal(some.placement, 'partial');
    assert.ok(some.gpuLayers > 0 && some.gpuLayers < some.totalLayers, String(some.gpuLayers));
    assert.ok(some.vram <= 3 * GB);
    assert.match(
      some.summary,
      new RegExp(`^fits: ${some.gpuLayers} of ${some.totalLayers} layers on the GPU`),
    );
  });

  it('estimates a GGUF file through its tensors and metadata', async () => {
    const { gguf } = await validateModelFile(await testModelPath({ preset: 'tiny-qwen2', type: 'q8_0' }));
    const sizing: ModelSizing = { kind: 'gguf', gguf };
    const estimate = await estimateModelMemory(sizing, options);
    assert.ok(estimate.weights > 100_000 && estimate.weights < 1_000_000, String(estimate.weights));
    assert.ok(estimate.kvCache > 0);
    assert.equal((await planFit(sizing, machine(8 * GB), options)).placement, 'cpu');
    assert.equal((await planFit(sizing, machine(1_000), options)).placement, 'none');
  });
});
