/** Decodes OpenAI legacy completions and embeddings bodies into canonical requests. */
import { z } from 'zod';
import type { CompletionRequest, EmbeddingRequest } from '../../engines/engine.ts';
import { extraFields, parseBody, samplingFields, toStopList } from './openai-fields.ts';

const tokens = z.array(z.int().nonnegative());
const textOrTokens = z.union(
  [z.string(), z.array(z.string()).min(1), tokens.min(1), z.array(tokens.min(1)).min(1)],
  {
    error: 'expected a string, an array of strings, or token arrays',
  },
);

const completionBody = z.looseObject({ ...samplingFields, prompt: textOrTokens });
const embeddingBody = z.looseObject({
  model: samplingFields.model,
  input: textOrTokens,
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.int().positive().nullish(),
});

const COMPLETION_KNOWN = new Set([
  'model',
  'prompt',
  'stream',
  'max_tokens',
  'temperature',
  'top_p',
  'seed',
  'stop',
]);
const EMBEDDING_KNOWN = new Set(['model', 'input', 'encoding_format', 'dimensions']);

/** Validates an OpenAI completions body; throws a 400 GatewayError naming the bad field. */
export function decodeCompletionRequest(body: unknown): CompletionRequest {
  const parsed = parseBody(completionBody, body);
  const request: { -readonly [K in keyof CompletionRequest]: CompletionRequest[K] } = {
    model: parsed.model,
    prompt: parsed.prompt,
    stream: parsed.stream === true,
    includeUsage: parsed.stream === true && parsed.stream_options?.include_usage === true,
    extra: extraFields(parsed, COMPLETION_KNOWN),
  };
  if (parsed.max_tokens !== null && parsed.max_tokens !== undefined) request.maxTokens = parsed.max_tokens;
  if (parsed.temperature !== null && parsed.temperature !== undefined)
    request.temperature = parsed.temperature;
  if (parsed.top_p !== null && parsed.top_p !== undefined) request.topP = parsed.top_p;
  if (parsed.seed !== null && parsed.seed !== undefined) request.seed = parsed.seed;
  const stop = toStopList(parsed.stop);
  if (stop) request.stop = stop;
  return request;
}

/** Validates an OpenAI embeddings body; throws a 400 GatewayError naming the bad field. */
export function decodeEmbeddingRequest(body: unknown): EmbeddingRequest {
  const parsed = parseBody(embeddingBody, body);
  return {
    model: parsed.model,
    input: parsed.input,
    ...(parsed.encoding_format ? { encodingFormat: parsed.encoding_format } : {}),
    ...(parsed.dimensions ? { dimensions: parsed.dimensions } : {}),
    extra: extraFields(parsed, EMBEDDING_KNOWN),
  };
}
