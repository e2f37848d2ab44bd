/** POST /v1/completions and POST /v1/embeddings — OpenAI legacy completions and embeddings. */
import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../../gateway/gateway.ts';
import { decodeCompletionRequest, decodeEmbeddingRequest } from '../decoders/openai-completion.ts';
import {
  CompletionStreamEncoder,
  encodeCompletionResponse,
  encodeEmbeddingResponse,
} from '../encoders/openai-completion.ts';
import { createRequestContext } from '../request-context.ts';
import { sendStream } from '../send-stream.ts';
import { resultHeaders } from '../result-headers.ts';

/** Registers the completions route on the /v1 scope. */
export function registerCompletions(v1: FastifyInstance, gateway: Gateway): void {
  v1.post('/completions', async (request, reply) => {
    const completion = decodeCompletionRequest(request.body);
    const context = createRequestContext(request, reply);
    if (completion.stream) {
      const result = await gateway.completionStream(completion, context);
      const encoder = new CompletionStreamEncoder({
        model: completion.model,
        includeUsage: completion.includeUsage,
      });
      return sendStream(reply, result, encoder, context);
    }
    const result = await gateway.completion(completion, context);
    return reply
      .headers(resultHeaders(result))
      .type('application/json; charset=utf-8')
      .send(encodeCompletionResponse(result.value, completion.model));
  });
}

/** Registers the embeddings route on the /v1 scope. */
export function registerEmbeddings(v1: FastifyInstance, gateway: Gateway): void {
  v1.post('/embeddings', async (request, reply) => {
    const embedding = decodeEmbeddingRequest(request.body);
    const result = await gateway.embed(embedding, createRequestContext(request, reply));
    return reply
      .headers(resultHeaders(result))
      .type('application/json; charset=utf-8')
      .send(encodeEmbeddingResponse(result.value, embedding.model));
  });
}
