/**
 * Decodes an OpenAI chat-completions body into the canonical ChatRequest, validating the fields Daulat
 * reads. Everything else (tools, response_format, chat_template_kwargs, …) rides along in `extra`.
 */
import { z } from 'zod';
import type { ChatMessage, ChatRequest, Extra, ToolCall } from '../../engines/engine.ts';
import { keepClientBody } from '../../engines/wire-forms.ts';
import { extraFields, parseBody, samplingFields, toStopList } from './openai-fields.ts';
import { isPlainChatBody } from './plain-chat-body.ts';

const contentPart = z.looseObject({ type: z.string() });
const content = z.union([z.string(), z.array(contentPart)], {
  error: 'expected a string or an array of content parts',
});
const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const message = z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.enum(['system', 'developer', 'user']), content, name: z.string().optional() }),
    z.looseObject({
      role: z.literal('assistant'),
      content: content.nullish(),
      name: z.string().optional(),
      tool_calls: z.array(toolCall).nullish(),
      reasoning_content: z.string().nullish(),
    }),
    z.looseObject({ role: z.literal('tool'), content, tool_call_id: z.string() }),
  ],
  { error: "expected role 'system', 'developer', 'user', 'assistant' or 'tool'" },
);

/** The chat-completions body Daulat validates (exported for the fast path's agreement test). */
export const chatBody = z.looseObject({
  ...samplingFields,
  messages: z
    .array(message, { error: 'expected an array of messages' })
    .min(1, 'must contain at least one message'),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
});

const KNOWN = new Set([
  'model',
  'messages',
  'stream',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'seed',
  'stop',
]);
const MESSAGE_KNOWN = new Set(['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'reasoning_content']);
const TOOL_CALL_KNOWN = new Set(['id', 'type', 'function']);

type ChatBody = z.output<typeof chatBody>;

/** Validates an OpenAI chat-completions body and returns the canonical request; throws a 400 GatewayError. */
export function decodeChatRequest(body: unknown): ChatRequest {
  if (isRecord(body) && isPlainChatBody(body)) {
    const request = canonicalRequest(body as ChatBody);
    // Nothing was filled in or dropped: an adapter may send the body on as it is (wire-forms.ts).
    keepClientBody(request, body);
    return request;
  }
  return canonicalRequest(parseBody(chatBody, body));
}

function canonicalRequest(parsed: ChatBody): ChatRequest {
  const extra = extraFields(parsed, KNOWN);
  return {
    model: parsed.model,
    messages: parsed.messages.map(decodeMessage),
    stream: parsed.stream === true,
    includeUsage: parsed.stream === true && parsed.stream_options?.include_usage === true,
    ...definedNumbers(parsed),
    ...(parsed.stop ? { stop: toStopList(parsed.stop) } : {}),
    extra,
  };
}

function definedNumbers(parsed: ChatBody): Partial<ChatRequest> {
  const maxTokens = parsed.max_completion_tokens ?? parsed.max_tokens;
  const numbers: { maxTokens?: number; temperature?: number; topP?: number; seed?: number } = {};
  if (maxTokens !== null && maxTokens !== undefined) numbers.maxTokens = maxTokens;
  if (parsed.temperature !== null && parsed.temperature !== undefined)
    numbers.temperature = parsed.temperature;
  if (parsed.top_p !== null && parsed.top_p !== undefined) numbers.topP = parsed.top_p;
  if (parsed.seed !== null && parsed.seed !== undefined) numbers.seed = parsed.seed;
  return numbers;
}

function decodeMessage(wire: z.output<typeof message>): ChatMessage {
  const extra = optionalExtra(wire, MESSAGE_KNOWN);
  switch (wire.role) {
    case 'system':
    case 'developer':
    case 'user':
      return { role: wire.role, content: wire.content, ...(wire.name ? { name: wire.name } : {}), ...extra };
    case 'assistant':
      return {
        role: 'assistant',
        content: wire.content ?? null,
        ...(wire.name ? { name: wire.name } : {}),
        ...(wire.tool_calls ? { toolCalls: wire.tool_calls.map(decodeToolCall) } : {}),
        ...(typeof wire.reasoning_content === 'string' ? { reasoning: wire.reasoning_content } : {}),
        ...extra,
      };
    case 'tool':
      return { role: 'tool', content: wire.content, toolCallId: wire.tool_call_id, ...extra };
  }
}

function decodeToolCall(wire: z.output<typeof toolCall>): ToolCall {
  return {
    id: wire.id,
    type: 'function',
    name: wire.function.name,
    arguments: wire.function.arguments,
    ...optionalExtra(wire, TOOL_CALL_KNOWN),
  };
}

function optionalExtra(wire: Record<string, unknown>, known: ReadonlySet<string>): { extra?: Extra } {
  const extra = extraFields(wire, known);
  for (const _key in extra) return { extra };
  return {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
