/** `/v1/embeddings` on an embedded model: one vector per input, pooled by llama.cpp. */
import { GatewayError } from '../../errors.ts';
import type { EmbeddingRequest, EmbeddingResponse } from '../engine.ts';
import type { LoadedModel } from './model-host.ts';
import type { Token } from 'node-llama-cpp';

/** Embeds every input in order; inputs beyond the context are refused by index. */
export async function embedInputs(
  loaded: LoadedModel,
  request: EmbeddingRequest,
  signal: AbortSignal,
): Promise<EmbeddingResponse> {
  const texts = inputTexts(loaded, request.input);
  const context = await loaded.embeddings();
  const data: { index: number; embedding: number[] | string }[] = [];
  let promptTokens = 0;
  for (const [index, text] of texts.entries()) {
    signal.throwIfAborted();
    const tokens = loaded.model.tokenize(text, false).length;
    if (tokens > loaded.contextSize) {
      throw new GatewayError(
        'context_length_exceeded',
        `input[${index}] has ${tokens} tokens; this deployment's context holds ${loaded.contextSize}`,
        {
          param: 'input',
        },
      );
    }
    promptTokens += tokens;
    const vector = (await context.getEmbeddingFor(text)).vector;
    if (request.dimensions !== undefined && request.dimensions !== vector.length) {
      throw new GatewayError(
        'invalid_request',
        `this model's embeddings have ${vector.length} dimensions; it cannot return ${request.dimensions}`,
        {
          param: 'dimensions',
        },
      );
    }
    data.push({ index, embedding: request.encodingFormat === 'base64' ? toBase64(vector) : [...vector] });
  }
  return { data, usage: { promptTokens, completionTokens: 0, totalTokens: promptTokens } };
}

function inputTexts(loaded: LoadedModel, input: EmbeddingRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.length === 0)
    throw new GatewayError('invalid_request', "'input' must not be empty", { param: 'input' });
  if (input.every((item) => typeof item === 'string')) return [...input];
  if (input.every((item) => typeof item === 'number')) return [loaded.model.detokenize(input as Token[])];
  return input.map((tokens) => loaded.model.detokenize(tokens as readonly Token[]));
}

/** OpenAI's base64 encoding: little-endian float32s. */
function toBase64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}
