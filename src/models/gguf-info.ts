/**
 * Reading a GGUF safely: a bounds-checked walk of the header first (so a corrupt or truncated file fails
 * with a clear error), then node-llama-cpp's reader for the values, then the vocabulary checks that keep
 * llama.cpp from aborting the process. The embedded engine calls validateModelFile before every load.
 */
import { stat } from 'node:fs/promises';
import { GgmlType, GgufFileType, readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp';
import { GatewayError } from '../errors.ts';
import { readGgufStructure, type GgufStructure } from './gguf-structure.ts';
import { findVocabularyFaults } from './vocabulary-faults.ts';

/** What the model store records about a GGUF, all read from the file itself. */
export interface ModelInfo {
  readonly architecture: string;
  /** `general.name`, if set. */
  readonly title: string | undefined;
  readonly parameters: number;
  /** The llama.cpp file type in lower case, e.g. `q4_k_m`, `q8_0`, `f16`. */
  readonly quantization: string;
  /** The context length the model was trained for. */
  readonly contextLength: number | undefined;
  readonly chatTemplate: string | undefined;
  readonly size: number;
  readonly vocabularySize: number;
}

/** A validated file: its manifest fields and the parsed GGUF (for fit estimates or loading). */
export interface ValidatedModel {
  readonly info: ModelInfo;
  readonly gguf: GgufFileInfo;
}

/** Reads and validates `path`; throws `model_not_downloaded` if missing, `model_invalid` naming the fault. */
export async function validateModelFile(path: string): Promise<ValidatedModel> {
  await checkExists(path);
  let structure: GgufStructure;
  let gguf: GgufFileInfo;
  try {
    structure = await readGgufStructure(path);
    gguf = await readGgufFileInfo(path, {
      sourceType: 'filesystem',
      logWarnings: false,
      spliceSplitFiles: false,
    });
  } catch (error) {
    throw invalid(path, error instanceof Error ? error.message : String(error), error);
  }
  const faults = findVocabularyFaults({
    model: gguf.metadata.tokenizer?.ggml?.model,
    tokens: gguf.metadata.tokenizer?.ggml?.tokens,
    arrays: structure.arrays,
    embeddingRows: structure.tensors.find((tensor) => tensor.name === 'token_embd.weight')?.dimensions[1],
  });
  if (faults.length > 0) throw invalid(path, `broken vocabulary: ${faults.join('; ')}`);
  return { info: describeModel(structure, gguf), gguf };
}

/** The manifest fields of a validated GGUF file (see validateModelFile for the errors). */
export async function readModelInfo(path: string): Promise<ModelInfo> {
  return (await validateModelFile(path)).info;
}

function describeModel(structure: GgufStructure, gguf: GgufFileInfo): ModelInfo {
  const general = gguf.metadata.general;
  const template = gguf.metadata.tokenizer?.chat_template;
  return {
    architecture: String(general.architecture),
    title: typeof general.name === 'string' ? general.name : undefined,
    parameters: structure.tensors.reduce(
      (total, tensor) => total + tensor.dimensions.reduce((product, dimension) => product * dimension, 1),
      0,
    ),
    quantization: quantizationName(general.file_type, structure),
    contextLength: gguf.architectureMetadata.context_length,
    chatTemplate: typeof template === 'string' ? template : undefined,
    size: structure.size,
    vocabularySize: structure.arrays.get('tokenizer.ggml.tokens')?.length ?? 0,
  };
}

/** `MOSTLY_Q4_K_M` → `q4_k_m`; without `general.file_type`, the type most tensors use. */
function quantizationName(fileType: number | undefined, structure: GgufStructure): string {
  const name = fileType === undefined ? undefined : GgufFileType[fileType];
  if (name !== undefined) return name.replace(/^(MOSTLY|ALL)_/, '').toLowerCase();
  const counts = new Map<number, number>();
  for (const tensor of structure.tensors) counts.set(tensor.type, (counts.get(tensor.type) ?? 0) + 1);
  const [dominant] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return dominant === undefined ? 'unknown' : (GgmlType[dominant] ?? `ggml-type-${dominant}`).toLowerCase();
}

async function checkExists(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw invalid(path, 'not a regular file');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new GatewayError('model_not_downloaded', `model file ${path} does not exist`);
  }
}

function invalid(path: string, what: string, cause?: unknown): GatewayError {
  return new GatewayError('model_invalid', `${path} is not a usable GGUF model: ${what}`, { cause });
}
