/** POST /v1/chat/completions — OpenAI chat completions, JSON or SSE. */
import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../../gateway/gateway.ts';
import { decodeChatRequest } from '../decoders/openai-chat.ts';
import { ChatStreamEncoder, encodeChatResponse } from '../encoders/openai-chat.ts';
import { createRequestContext } from '../request-context.ts';
import { sendStream } from '../send-stream.ts';
import { resultHeaders } from '../result-headers.ts';

/** Registers the chat-completions route on the /v1 scope. */
export function registerChatCompletions(v1: FastifyInstance, gateway: Gateway): void {
  v1.post('/chat/completions', async (request, reply) => {
    const chat = decodeChatRequest(request.body);
    const context = createRequestContext(request, reply);
    if (chat.stream) {
      const result = await gateway.chatStream(chat, context);
      return sendStream(
        reply,
        result,
        new ChatStreamEncoder({ model: chat.model, includeUsage: chat.includeUsage }),
        context,
      );
    }
    const result = await gateway.chat(chat, context);
    return reply
      .headers(resultHeaders(result))
      .type('application/json; charset=utf-8')
      .send(encodeChatResponse(result.value, chat.model));
  });
}
