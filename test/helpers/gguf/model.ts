import { Template } from '@huggingface/jinja';
import { gguf, type GgufTensor, type GgufValue } from './gguf-writer.ts';
import { headDimOf, PRESETS, type ModelPreset, type PresetName } from './presets.ts';
import { scriptPatches } from './script.ts';
import { outputStd, parameterCount, planTensors, toGgufTensor, type WeightType } from './tensors.ts';
import { buildVocabulary, Tokenizer, type Vocabulary } from './tokenizer.ts';

/** What to generate: a preset, and optionally a seed, weight type, context length, script and name. */
export interface TestModelOptions {
  readonly preset: PresetName;
  /** Weights are a pure function of the seed (default 1); the tokenizer is the same for every seed. */
  readonly seed?: number;
  /** Tensor type of the 2-D weights (default 'f16'); norms and biases stay f32. */
  readonly type?: WeightType;
  readonly contextLength?: number;
  /**
   * Texts the model emits, one token each, under greedy decoding after the script's start token, then EOS.
   * Entries must be unique and differ from the start token; see script.ts for how.
   */
  readonly script?: readonly string[];
  /**
   * The token text(s) the script follows; default: the last token of the generation prompt the model's own
   * template renders ("\n" for Qwen and R1, "\n\n" for Llama 3).
   */
  readonly scriptStart?: string | readonly string[];
  /** general.name (default: the preset's). */
  readonly name?: string;
}

/** The token ids a scripted model follows: any start token → tokenIds… → EOS. */
export interface ScriptInfo {
  readonly startTokens: readonly string[];
  readonly startTokenIds: readonly number[];
  readonly tokenIds: readonly number[];
}

/** Everything about a model except its bytes on disk. */
export interface ModelDescription {
  readonly preset: PresetName;
  readonly architecture: ModelPreset['architecture'];
  readonly vocabSize: number;
  readonly parameterCount: number;
  readonly tiedEmbeddings: boolean;
  readonly contextLength: number;
  readonly chatTemplate: string;
  readonly bosTokenId: number;
  readonly eosTokenId: number;
  readonly script?: ScriptInfo;
}

/** A model ready to write: its GGUF metadata, its tensors (data generated lazily), and its description. */
export interface ModelBuild {
  readonly metadata: ReadonlyArray<readonly [string, GgufValue]>;
  readonly tensors: readonly GgufTensor[];
  readonly description: ModelDescription;
  readonly tokenizer: Tokenizer;
}

/** Plans a test model: vocabulary, metadata and tensors, without generating any weights yet. */
export function buildModel(options: TestModelOptions): ModelBuild {
  const preset: ModelPreset = PRESETS[options.preset];
  if (preset === undefined) throw new Error(`unknown test model preset '${String(options.preset)}'`);
  const seed = options.seed ?? 1;
  const type = options.type ?? 'f16';
  const vocabulary = cachedVocabulary(preset, options.script ?? []);
  const tokenizer = new Tokenizer(vocabulary);
  const bosTokenId = requireToken(tokenizer, preset.tokenizer.bos);
  const eosTokenId = requireToken(tokenizer, preset.tokenizer.eos);
  const script = options.script === undefined ? undefined : planScript(preset, tokenizer, options);
  const tied = preset.tiedEmbeddings && script === undefined;
  const patches =
    script &&
    scriptPatches(
      script.startTokenIds,
      [...script.tokenIds, eosTokenId],
      preset.hiddenSize,
      outputStd(preset),
    );
  const plans = planTensors(preset, { tied, silentBlocks: script !== undefined, ...patches });
  const contextLength = options.contextLength ?? preset.contextLength;
  const description: ModelDescription = {
    preset: options.preset,
    architecture: preset.architecture,
    vocabSize: vocabulary.tokens.length,
    parameterCount: parameterCount(preset, tied),
    tiedEmbeddings: tied,
    contextLength,
    chatTemplate: preset.tokenizer.chatTemplate,
    bosTokenId,
    eosTokenId,
    ...(script && { script }),
  };
  const metadata = [
    ...generalMetadata(preset, options, type, seed),
    ...architectureMetadata(preset, contextLength),
    ...tokenizerMetadata(preset, vocabulary, tokenizer),
  ];
  return { metadata, tensors: plans.map((plan) => toGgufTensor(plan, type, seed)), description, tokenizer };
}

/** Renders a preset's chat template the way the model's users will (bos/eos tokens filled in). */
export function renderChat(preset: ModelPreset, context: Record<string, unknown>): string {
  const template = new Template(preset.tokenizer.chatTemplate);
  return template.render({ bos_token: preset.tokenizer.bos, eos_token: preset.tokenizer.eos, ...context });
}

const FILE_TYPES = { f32: 0, f16: 1, q8_0: 7 } as const;

function generalMetadata(preset: ModelPreset, options: TestModelOptions, type: WeightType, seed: number) {
  return [
    ['general.architecture', gguf.string(preset.architecture)],
    ['general.type', gguf.string('model')],
    ['general.name', gguf.string(options.name ?? preset.name)],
    [
      'general.description',
      gguf.string(`Random weights (seed ${seed}) for tests and benchmarks; not a trained model.`),
    ],
    ['general.file_type', gguf.uint32(FILE_TYPES[type])],
    ['general.quantization_version', gguf.uint32(2)],
  ] as const;
}

function architectureMetadata(preset: ModelPreset, contextLength: number) {
  const arch = preset.architecture;
  const entries: [string, GgufValue][] = [
    [`${arch}.context_length`, gguf.uint32(contextLength)],
    [`${arch}.embedding_length`, gguf.uint32(preset.hiddenSize)],
    [`${arch}.block_count`, gguf.uint32(preset.layers)],
    [`${arch}.feed_forward_length`, gguf.uint32(preset.feedForwardSize)],
    [`${arch}.attention.head_count`, gguf.uint32(preset.heads)],
    [`${arch}.attention.head_count_kv`, gguf.uint32(preset.kvHeads)],
    [`${arch}.rope.freq_base`, gguf.float32(preset.ropeBase)],
    [`${arch}.attention.layer_norm_rms_epsilon`, gguf.float32(preset.rmsEpsilon)],
  ];
  if (preset.headDim !== undefined) {
    entries.push([`${arch}.attention.key_length`, gguf.uint32(preset.headDim)]);
    entries.push([`${arch}.attention.value_length`, gguf.uint32(preset.headDim)]);
  }
  if (arch === 'llama') {
    entries.push([`llama.rope.dimension_count`, gguf.uint32(headDimOf(preset))]);
    entries.push([`llama.vocab_size`, gguf.uint32(preset.vocabSize)]);
  }
  return entries;
}

function tokenizerMetadata(preset: ModelPreset, vocabulary: Vocabulary, tokenizer: Tokenizer) {
  const config = preset.tokenizer;
  const entries: [string, GgufValue][] = [
    ['tokenizer.ggml.model', gguf.string('gpt2')],
    ['tokenizer.ggml.pre', gguf.string(config.pre)],
    ['tokenizer.ggml.tokens', gguf.array('string', vocabulary.tokens)],
    ['tokenizer.ggml.token_type', gguf.array('int32', vocabulary.types)],
    ['tokenizer.ggml.merges', gguf.array('string', vocabulary.merges)],
    ['tokenizer.ggml.bos_token_id', gguf.uint32(requireToken(tokenizer, config.bos))],
    ['tokenizer.ggml.eos_token_id', gguf.uint32(requireToken(tokenizer, config.eos))],
  ];
  if (config.padding !== undefined) {
    entries.push(['tokenizer.ggml.padding_token_id', gguf.uint32(requireToken(tokenizer, config.padding))]);
  }
  entries.push(['tokenizer.ggml.add_bos_token', gguf.bool(config.addBos)]);
  entries.push(['tokenizer.chat_template', gguf.string(config.chatTemplate)]);
  return entries;
}

function planScript(preset: ModelPreset, tokenizer: Tokenizer, options: TestModelOptions): ScriptInfo {
  const script = options.script ?? [];
  if (script.length === 0) throw new Error('a script needs at least one entry');
  const requested = typeof options.scriptStart === 'string' ? [options.scriptStart] : options.scriptStart;
  const startTokenIds = requested?.map((text) => requireToken(tokenizer, text)) ?? [
    generationPromptLastToken(preset, tokenizer),
  ];
  const startTokens = startTokenIds.map((id) => tokenizer.decode([id], true));
  return { startTokens, startTokenIds, tokenIds: script.map((text) => requireToken(tokenizer, text)) };
}

function generationPromptLastToken(preset: ModelPreset, tokenizer: Tokenizer): number {
  const prompt = renderChat(preset, {
    messages: [{ role: 'user', content: 'Hello' }],
    add_generation_prompt: true,
  });
  const last = tokenizer.encode(prompt, true).at(-1);
  if (last === undefined) throw new Error('the chat template rendered an empty generation prompt');
  return last;
}

function requireToken(tokenizer: Tokenizer, text: string): number {
  const id = tokenizer.tokenId(text);
  if (id === undefined) throw new Error(`token ${JSON.stringify(text)} is not in the vocabulary`);
  return id;
}

const vocabularies = new Map<string, Vocabulary>();

function cachedVocabulary(preset: ModelPreset, extraTokens: readonly string[]): Vocabulary {
  const key = JSON.stringify([
    preset.vocabSize,
    preset.tokenizer.pre,
    preset.tokenizer.specials,
    extraTokens,
  ]);
  let vocabulary = vocabularies.get(key);
  if (vocabulary === undefined) {
    vocabulary = buildVocabulary({
      size: preset.vocabSize,
      pre: preset.tokenizer.pre,
      specials: preset.tokenizer.specials,
      extraTokens,
    });
    vocabularies.set(key, vocabulary);
  }
  return vocabulary;
}
