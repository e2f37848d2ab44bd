import type { PreTokenizer } from './bpe-trainer.ts';
import {
  DEEPSEEK_R1_DISTILL_TEMPLATE,
  LLAMA3_1_INSTRUCT_TEMPLATE,
  QWEN2_5_INSTRUCT_TEMPLATE,
  QWEN3_TEMPLATE,
} from './chat-templates.ts';
import type { SpecialToken } from './tokenizer.ts';

/** The llama.cpp architectures the writer can produce. */
export type Architecture = 'qwen2' | 'qwen3' | 'llama';

/** The tokenizer side of a preset: pre-tokenizer, added tokens, the BOS/EOS/padding token texts, the template. */
export interface TokenizerPreset {
  readonly pre: PreTokenizer;
  readonly specials: readonly SpecialToken[];
  readonly bos: string;
  readonly eos: string;
  readonly padding?: string;
  readonly addBos: boolean;
  readonly chatTemplate: string;
}

/** A model shape as llama.cpp reads it from `<arch>.*` metadata, plus its tokenizer. */
export interface ModelPreset {
  readonly architecture: Architecture;
  readonly name: string;
  readonly hiddenSize: number;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  /** Per-head size (`<arch>.attention.key_length`); default hiddenSize / heads. */
  readonly headDim?: number;
  readonly feedForwardSize: number;
  readonly vocabSize: number;
  readonly contextLength: number;
  readonly ropeBase: number;
  readonly rmsEpsilon: number;
  /** No `output.weight`: the output projection reuses `token_embd`. */
  readonly tiedEmbeddings: boolean;
  readonly tokenizer: TokenizerPreset;
}

const control = (text: string): SpecialToken => ({ text, type: 'control' });
const userDefined = (text: string): SpecialToken => ({ text, type: 'user-defined' });

// Qwen2.5's added tokens in id order (151643…); <tool_call> and </tool_call> are not special in Qwen's tokenizer,
// so llama.cpp's converter stores them as user-defined and they print in the output.
const QWEN_SPECIALS = [
  ...['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|object_ref_start|>', '<|object_ref_end|>'].map(
    control,
  ),
  ...[
    '<|box_start|>',
    '<|box_end|>',
    '<|quad_start|>',
    '<|quad_end|>',
    '<|vision_start|>',
    '<|vision_end|>',
  ].map(control),
  ...['<|vision_pad|>', '<|image_pad|>', '<|video_pad|>'].map(control),
  userDefined('<tool_call>'),
  userDefined('</tool_call>'),
  ...[
    '<|fim_prefix|>',
    '<|fim_middle|>',
    '<|fim_suffix|>',
    '<|fim_pad|>',
    '<|repo_name|>',
    '<|file_sep|>',
  ].map(control),
];

// DeepSeek-R1-Distill-Qwen replaces Qwen's first added tokens with DeepSeek's; <think> and </think> are user-defined.
const DEEPSEEK_R1_SPECIALS = [
  ...['<｜end▁of▁sentence｜>', '<｜User｜>', '<｜Assistant｜>', '<｜begin▁of▁sentence｜>', '<|EOT|>'].map(
    control,
  ),
  userDefined('<think>'),
  userDefined('</think>'),
  ...['<|quad_start|>', '<|quad_end|>', '<|vision_start|>', '<|vision_end|>'].map(control),
  ...['<|vision_pad|>', '<|image_pad|>', '<|video_pad|>'].map(control),
  userDefined('<tool_call>'),
  userDefined('</tool_call>'),
  ...[
    '<|fim_prefix|>',
    '<|fim_middle|>',
    '<|fim_suffix|>',
    '<|fim_pad|>',
    '<|repo_name|>',
    '<|file_sep|>',
  ].map(control),
];

// Llama 3.1's first added tokens (128000…); the other reserved tokens are left out of the tiny vocabulary.
const LLAMA3_SPECIALS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|reserved_special_token_0|>',
  '<|reserved_special_token_1|>',
  '<|finetune_right_pad_id|>',
  '<|reserved_special_token_2|>',
  '<|start_header_id|>',
  '<|end_header_id|>',
  '<|eom_id|>',
  '<|eot_id|>',
  '<|python_tag|>',
].map(control);

// Qwen3 adds <tool_response>, </tool_response>, <think> and </think> (151665…), all user-defined.
const QWEN3_SPECIALS = [
  ...QWEN_SPECIALS,
  ...['<tool_response>', '</tool_response>', '<think>', '</think>'].map(userDefined),
];

const QWEN2_5_TOKENIZER: TokenizerPreset = {
  pre: 'qwen2',
  specials: QWEN_SPECIALS,
  bos: '<|endoftext|>',
  eos: '<|im_end|>',
  padding: '<|endoftext|>',
  addBos: false,
  chatTemplate: QWEN2_5_INSTRUCT_TEMPLATE,
};

const TINY = {
  hiddenSize: 64,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  feedForwardSize: 128,
  vocabSize: 1000,
  contextLength: 2048,
};

/** The named presets: tiny ones for tests (a few hundred KB), and the real Qwen2.5-0.5B shape for benchmarks. */
export const PRESETS = {
  'tiny-qwen2': {
    architecture: 'qwen2',
    name: 'Tiny Qwen2.5 Instruct (random)',
    ...TINY,
    ropeBase: 1_000_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: true,
    tokenizer: QWEN2_5_TOKENIZER,
  },
  'tiny-deepseek-r1': {
    architecture: 'qwen2',
    name: 'Tiny DeepSeek-R1-Distill-Qwen (random)',
    ...TINY,
    ropeBase: 10_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: false,
    tokenizer: {
      pre: 'deepseek-r1-qwen',
      specials: DEEPSEEK_R1_SPECIALS,
      bos: '<｜begin▁of▁sentence｜>',
      eos: '<｜end▁of▁sentence｜>',
      padding: '<｜end▁of▁sentence｜>',
      addBos: true,
      chatTemplate: DEEPSEEK_R1_DISTILL_TEMPLATE,
    },
  },
  'tiny-llama': {
    architecture: 'llama',
    name: 'Tiny Llama 3.1 Instruct (random)',
    ...TINY,
    ropeBase: 500_000,
    rmsEpsilon: 1e-5,
    tiedEmbeddings: false,
    tokenizer: {
      pre: 'llama-bpe',
      specials: LLAMA3_SPECIALS,
      bos: '<|begin_of_text|>',
      eos: '<|eot_id|>',
      addBos: true,
      chatTemplate: LLAMA3_1_INSTRUCT_TEMPLATE,
    },
  },
  'tiny-qwen3': {
    architecture: 'qwen3',
    name: 'Tiny Qwen3 (random)',
    ...TINY,
    headDim: 32,
    ropeBase: 1_000_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: true,
    tokenizer: { ...QWEN2_5_TOKENIZER, specials: QWEN3_SPECIALS, chatTemplate: QWEN3_TEMPLATE },
  },
  'qwen2.5-0.5b': {
    architecture: 'qwen2',
    name: 'Qwen2.5 0.5B Instruct (random)',
    hiddenSize: 896,
    layers: 24,
    heads: 14,
    kvHeads: 2,
    feedForwardSize: 4864,
    vocabSize: 151_936,
    contextLength: 32_768,
    ropeBase: 1_000_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: true,
    tokenizer: QWEN2_5_TOKENIZER,
  },
} as const satisfies Record<string, ModelPreset>;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;

/** The size of one attention head. */
export function headDimOf(preset: ModelPreset): number {
  return preset.headDim ?? preset.hiddenSize / preset.heads;
}
