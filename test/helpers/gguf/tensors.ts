import { endianness } from 'node:os';
import { GgmlType, type GgufTensor } from './gguf-writer.ts';
import { headDimOf, type ModelPreset } from './presets.ts';
import { encodeF16, encodeQ8_0 } from './quantize.ts';
import { Random } from './random.ts';
import { randomF16, randomF32, randomQ8_0 } from './weights.ts';

/** The tensor type of a model's 2-D weights; norms and biases always stay F32, as llama.cpp's converter does. */
export type WeightType = 'f32' | 'f16' | 'q8_0';

/** Changes rows `first…` of a tensor in place before encoding (`values` holds whole rows of `rowLength`). */
export type RowPatch = (first: number, values: Float32Array, rowLength: number) => void;

/** How to fill one tensor: random with a standard deviation, zeros, or ones (norm weights). */
export interface TensorPlan {
  readonly name: string;
  readonly shape: readonly number[];
  readonly fill: { kind: 'random'; std: number } | { kind: 'zeros' } | { kind: 'ones' };
  readonly patch?: RowPatch;
}

/** What to plan beyond the preset: tied output or not, blocks whose outputs are zeroed, row patches. */
export interface PlanOptions {
  readonly tied: boolean;
  readonly silentBlocks?: boolean;
  readonly patchEmbedding?: RowPatch;
  readonly patchOutput?: RowPatch;
}

/** The standard deviation of random output rows: logits of standard deviation ~2.5, so distributions vary. */
export function outputStd(preset: ModelPreset): number {
  return 2.5 / Math.sqrt(preset.hiddenSize);
}

/** The tensors llama.cpp loads for the preset's architecture, named as gguf-py's MODEL_TENSORS, shapes ne[0] first. */
export function planTensors(preset: ModelPreset, options: PlanOptions): TensorPlan[] {
  const hidden = preset.hiddenSize;
  const headDim = headDimOf(preset);
  const qSize = headDim * preset.heads;
  const kvSize = headDim * preset.kvHeads;
  const ffn = preset.feedForwardSize;
  const random = (std: number) => ({ kind: 'random', std }) as const;
  // With a silent block the residual stream stays the token embedding (see script.ts).
  const blockOutput = (fanIn: number) =>
    options.silentBlocks === true ? ({ kind: 'zeros' } as const) : random(1 / Math.sqrt(fanIn));
  const embeddingStd = options.tied ? outputStd(preset) : 1;
  const plans: TensorPlan[] = [
    {
      name: 'token_embd.weight',
      shape: [hidden, preset.vocabSize],
      fill: random(embeddingStd),
      patch: options.patchEmbedding,
    },
  ];
  for (let block = 0; block < preset.layers; block++) {
    const prefix = `blk.${block}`;
    plans.push(
      { name: `${prefix}.attn_norm.weight`, shape: [hidden], fill: { kind: 'ones' } },
      { name: `${prefix}.attn_q.weight`, shape: [hidden, qSize], fill: random(1 / Math.sqrt(hidden)) },
      { name: `${prefix}.attn_k.weight`, shape: [hidden, kvSize], fill: random(1 / Math.sqrt(hidden)) },
      { name: `${prefix}.attn_v.weight`, shape: [hidden, kvSize], fill: random(1 / Math.sqrt(hidden)) },
    );
    if (preset.architecture === 'qwen2') {
      plans.push(
        { name: `${prefix}.attn_q.bias`, shape: [qSize], fill: random(0.1) },
        { name: `${prefix}.attn_k.bias`, shape: [kvSize], fill: random(0.1) },
        { name: `${prefix}.attn_v.bias`, shape: [kvSize], fill: random(0.1) },
      );
    }
    if (preset.architecture === 'qwen3') {
      plans.push(
        { name: `${prefix}.attn_q_norm.weight`, shape: [headDim], fill: { kind: 'ones' } },
        { name: `${prefix}.attn_k_norm.weight`, shape: [headDim], fill: { kind: 'ones' } },
      );
    }
    plans.push(
      { name: `${prefix}.attn_output.weight`, shape: [qSize, hidden], fill: blockOutput(qSize) },
      { name: `${prefix}.ffn_norm.weight`, shape: [hidden], fill: { kind: 'ones' } },
      { name: `${prefix}.ffn_gate.weight`, shape: [hidden, ffn], fill: random(1 / Math.sqrt(hidden)) },
      { name: `${prefix}.ffn_up.weight`, shape: [hidden, ffn], fill: random(1 / Math.sqrt(hidden)) },
      { name: `${prefix}.ffn_down.weight`, shape: [ffn, hidden], fill: blockOutput(ffn) },
    );
  }
  plans.push({ name: 'output_norm.weight', shape: [hidden], fill: { kind: 'ones' } });
  if (!options.tied) {
    plans.push({
      name: 'output.weight',
      shape: [hidden, preset.vocabSize],
      fill: random(outputStd(preset)),
      patch: options.patchOutput,
    });
  }
  return plans;
}

/** The number of weights in the preset's tensors (what "0.5B" counts). */
export function parameterCount(preset: ModelPreset, tied = preset.tiedEmbeddings): number {
  return planTensors(preset, { tied }).reduce(
    (sum, plan) => sum + plan.shape.reduce((product, dimension) => product * dimension, 1),
    0,
  );
}

/** Turns a plan into a writer tensor whose data is generated chunk by chunk from `seed` and the tensor's name. */
export function toGgufTensor(plan: TensorPlan, weightType: WeightType, seed: number): GgufTensor {
  const type = plan.shape.length === 1 ? GgmlType.F32 : GGML_TYPES[weightType];
  return { name: plan.name, shape: plan.shape, type, data: () => generateRows(plan, type, seed) };
}

const GGML_TYPES = { f32: GgmlType.F32, f16: GgmlType.F16, q8_0: GgmlType.Q8_0 } as const;
const CHUNK_ELEMENTS = 1 << 20;

function* generateRows(plan: TensorPlan, type: GgmlType, seed: number): Generator<Uint8Array> {
  if (endianness() !== 'LE') throw new Error('the GGUF writer assumes a little-endian machine');
  const rowLength = plan.shape[0]!;
  const rows = plan.shape.slice(1).reduce((product, dimension) => product * dimension, 1);
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / rowLength));
  const random = new Random(seed, plan.name);
  const { fill, patch } = plan;
  for (let first = 0; first < rows; first += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, rows - first) * rowLength;
    if (fill.kind === 'random' && patch === undefined) {
      yield randomChunk(random, count, fill.std, type);
      continue;
    }
    const values = fill.kind === 'random' ? randomF32(random, count, fill.std) : new Float32Array(count);
    if (fill.kind === 'ones') values.fill(1);
    patch?.(first, values, rowLength);
    yield encode(values, type);
  }
}

function randomChunk(random: Random, count: number, std: number, type: GgmlType): Uint8Array {
  switch (type) {
    case GgmlType.F32: {
      const values = randomF32(random, count, std);
      return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    }
    case GgmlType.F16:
      return randomF16(random, count, std);
    case GgmlType.Q8_0:
      return randomQ8_0(random, count, std);
  }
}

function encode(values: Float32Array, type: GgmlType): Uint8Array {
  switch (type) {
    case GgmlType.F32:
      return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    case GgmlType.F16:
      return encodeF16(values);
    case GgmlType.Q8_0:
      return encodeQ8_0(values);
  }
}
