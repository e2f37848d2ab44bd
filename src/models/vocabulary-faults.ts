/**
 * Tokenizer metadata that llama.cpp cannot survive: it asserts (aborting the whole process) on a token
 * string that appears twice and on tokenizer arrays of the wrong type, and reads past the end of a
 * `scores` or `token_type` array shorter than the vocabulary. Found here first, as readable faults.
 */
import { GGUF_TYPE } from './gguf-structure.ts';

/** What the check reads from a GGUF: decoded tokenizer values plus each array's element type. */
export interface VocabularyInput {
  /** `tokenizer.ggml.model` (`llama`, `gpt2`, `none`, …). */
  readonly model: unknown;
  /** `tokenizer.ggml.tokens`, decoded. */
  readonly tokens: unknown;
  readonly arrays: ReadonlyMap<string, { readonly elementType: number; readonly length: number }>;
  /** Rows of `token_embd.weight` (its second dimension), if the file has that tensor. */
  readonly embeddingRows: number | undefined;
}

const TYPE_NAMES = Object.fromEntries(Object.entries(GGUF_TYPE).map(([name, type]) => [type, name]));

/** Every fault found, as sentences naming the key; empty for a sound vocabulary. */
export function findVocabularyFaults(input: VocabularyInput): string[] {
  if (input.model === 'none' || input.model === 'no_vocab') return [];
  if (input.model === undefined) return ['tokenizer.ggml.model is missing'];
  const tokens = input.arrays.get('tokenizer.ggml.tokens');
  if (!tokens) return ['tokenizer.ggml.tokens is missing'];
  if (tokens.elementType !== GGUF_TYPE.string)
    return [`tokenizer.ggml.tokens holds ${typeName(tokens.elementType)}, not strings`];
  if (tokens.length === 0) return ['tokenizer.ggml.tokens is empty'];
  return [
    ...duplicateFaults(Array.isArray(input.tokens) ? (input.tokens as unknown[]) : []),
    ...companionFaults(input.arrays, tokens.length),
    ...(input.embeddingRows !== undefined && input.embeddingRows !== tokens.length
      ? [`token_embd.weight has ${input.embeddingRows} rows but the vocabulary has ${tokens.length} tokens`]
      : []),
  ];
}

function duplicateFaults(tokens: readonly unknown[]): string[] {
  const seen = new Map<unknown, number>();
  const duplicates: string[] = [];
  tokens.forEach((token, id) => {
    const first = seen.get(token);
    if (first === undefined) seen.set(token, id);
    else duplicates.push(`${JSON.stringify(token)} (ids ${first} and ${id})`);
  });
  if (duplicates.length === 0) return [];
  const shown = duplicates.slice(0, 3).join(', ');
  const more = duplicates.length > 3 ? ` and ${duplicates.length - 3} more` : '';
  return [`tokenizer.ggml.tokens repeats ${duplicates.length} token string(s): ${shown}${more}`];
}

function companionFaults(arrays: VocabularyInput['arrays'], tokenCount: number): string[] {
  const expected: [string, number][] = [
    ['tokenizer.ggml.scores', GGUF_TYPE.float32],
    ['tokenizer.ggml.token_type', GGUF_TYPE.int32],
    ['tokenizer.ggml.merges', GGUF_TYPE.string],
  ];
  const faults: string[] = [];
  for (const [key, type] of expected) {
    const found = arrays.get(key);
    if (!found) continue;
    if (found.elementType !== type)
      faults.push(`${key} holds ${typeName(found.elementType)}, not ${typeName(type)}`);
    else if (key !== 'tokenizer.ggml.merges' && found.length !== tokenCount) {
      faults.push(`${key} has ${found.length} entries but the vocabulary has ${tokenCount} tokens`);
    }
  }
  return faults;
}

function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `type ${type}`;
}
