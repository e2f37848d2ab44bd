/** POST /v1/completions and POST /v1/embeddings — OpenAI legacy completions and embeddings. */
import type { Gateway } from '../../gateway/gateway.ts';
import { decodeCompletionRequest, decodeEmbeddingRequest } from '../decoders/openai-completion.ts';
import {
  CompletionStreamEncoder,
  encodeCompletionResponse,
  encodeEmbeddingResponse,
} from '../encoders/openai-completion.ts';
import { sendJson } from '../exchange.ts';
import { createRequestContext } from '../request-context.ts';
import { sendStream } from '../send-stream.ts';
import type { V1Route } from '../v1-front.ts';

/** The completions route of the /v1 front. */
export function completionsRoute(gateway: Gateway): V1Route {
  return async (exchange) => {
    const completion = decodeCompletionRequest(exchange.body);
    const context = createRequestContext(exchange);
    if (completion.stream) {
      const result = await gateway.completionStream(completion, context);
      const encoder = new CompletionStreamEncoder({
        model: completion.model,
        includeUsage: completion.includeUsage,
      });
      return sendStream(exchange, result, encoder, context);
    }
    const result = await gateway.completion(completion, context);
    sendJson(exchange, encodeCompletionResponse(result.value, completion.model), result);
  };
}

/** The embeddings route of the /v1 front. */
export function embeddingsRoute(gateway: Gateway): V1Route {
  return async (exchange) => {
    const embedding = decodeEmbeddingRequest(exchange.body);
    const result = await gateway.embed(embedding, createRequestContext(exchange));
    sendJson(exchange, encodeEmbeddingResponse(result.value, embedding.model), result);
  };
}
