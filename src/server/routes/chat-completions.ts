/** POST /v1/chat/completions — OpenAI chat completions, JSON or SSE. */
import type { Gateway } from '../../gateway/gateway.ts';
import { decodeChatRequest } from '../decoders/openai-chat.ts';
import { ChatStreamEncoder, encodeChatResponse } from '../encoders/openai-chat.ts';
import { sendJson } from '../exchange.ts';
import { createRequestContext } from '../request-context.ts';
import { sendStream } from '../send-stream.ts';
import type { V1Route } from '../v1-front.ts';

/** The chat-completions route of the /v1 front. */
export function chatCompletionsRoute(gateway: Gateway): V1Route {
  return async (exchange) => {
    const chat = decodeChatRequest(exchange.body);
    const context = createRequestContext(exchange);
    if (chat.stream) {
      const result = await gateway.chatStream(chat, context);
      const encoder = new ChatStreamEncoder({ model: chat.model, includeUsage: chat.includeUsage });
      return sendStream(exchange, result, encoder, context);
    }
    const result = await gateway.chat(chat, context);
    sendJson(exchange, encodeChatResponse(result.value, chat.model), result);
  };
}
