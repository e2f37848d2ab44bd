import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, parameterCount, PRESETS } from './index.ts';

describe('presets', () => {
  it('qwen2.5-0.5b has the real Qwen2.5-0.5B shape and its 494M parameters', () => {
    const preset = PRESETS['qwen2.5-0.5b'];
    assert.deepEqual(
      [preset.hiddenSize, preset.layers, preset.heads, preset.kvHeads, preset.hiddenSize / preset.heads],
      [896, 24, 14, 2, 64],
    );
    assert.deepEqual(
      [preset.feedForwardSize, preset.vocabSize, preset.contextLength],
      [4864, 151_936, 32_768],
    );
    assert.equal(preset.ropeBase, 1_000_000);
    assert.equal(preset.tiedEmbeddings, true);
    assert.equal(parameterCount(preset), 494_032_768);
  });

  it('plans the tensors llama.cpp expects for qwen2: qkv biases and no output.weight when tied', () => {
    const names = buildModel({ preset: 'tiny-qwen2' }).tensors.map((tensor) => tensor.name);
    assert.deepEqual(names.slice(0, 12), [
      'token_embd.weight',
      'blk.0.attn_norm.weight',
      'blk.0.attn_q.weight',
      'blk.0.attn_k.weight',
      'blk.0.attn_v.weight',
      'blk.0.attn_q.bias',
      'blk.0.attn_k.bias',
      'blk.0.attn_v.bias',
      'blk.0.attn_output.weight',
      'blk.0.ffn_norm.weight',
      'blk.0.ffn_gate.weight',
      'blk.0.ffn_up.weight',
    ]);
    assert.equal(names.at(-1), 'output_norm.weight');
    assert.ok(!names.includes('output.weight'));
  });

  it('plans llama tensors without biases, with an untied output, shapes innermost first', () => {
    const tensors = buildModel({ preset: 'tiny-llama' }).tensors;
    const shapes = Object.fromEntries(tensors.map((tensor) => [tensor.name, tensor.shape]));
    assert.ok(!tensors.some((tensor) => tensor.name.endsWith('.bias')));
    assert.deepEqual(shapes['token_embd.weight'], [64, 1000]);
    assert.deepEqual(shapes['blk.1.attn_k.weight'], [64, 32]);
    assert.deepEqual(shapes['blk.1.ffn_down.weight'], [128, 64]);
    assert.deepEqual(shapes['output.weight'], [64, 1000]);
  });

  it('plans qwen3 tensors with per-head q/k norms and a head size of its own', () => {
    const model = buildModel({ preset: 'tiny-qwen3' });
    const shapes = Object.fromEntries(model.tensors.map((tensor) => [tensor.name, tensor.shape]));
    assert.deepEqual(shapes['blk.0.attn_q.weight'], [64, 128]);
    assert.deepEqual(shapes['blk.0.attn_q_norm.weight'], [32]);
    assert.deepEqual(shapes['blk.0.attn_output.weight'], [128, 64]);
    assert.ok(!model.tensors.some((tensor) => tensor.name.endsWith('.bias')));
    const metadata = new Map(model.metadata);
    assert.equal(metadata.get('qwen3.attention.key_length')?.value, 32);
  });

  it('describes the tokens each preset stops on', () => {
    const eos = (preset: keyof typeof PRESETS) => {
      const model = buildModel({ preset });
      return model.tokenizer.decode([model.description.eosTokenId], true);
    };
    assert.equal(eos('tiny-qwen2'), '<|im_end|>');
    assert.equal(eos('tiny-deepseek-r1'), '<｜end▁of▁sentence｜>');
    assert.equal(eos('tiny-llama'), '<|eot_id|>');
    assert.equal(eos('tiny-qwen3'), '<|im_end|>');
  });
});
