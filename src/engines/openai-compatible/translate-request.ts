/**
 * Canonical requests → OpenAI wire bodies. Fields Daulat does not interpret (`extra`) are copied in after
 * Daulat's own (never over them), so tools, response_format, chat_template_kwargs … reach the upstream untouched.
 */
import type {
  ChatMessage,
  ChatRequest,
  CompletionRequest,
  EmbeddingRequest,
  Extra,
  ToolCall,
} from '../engine.ts';
import type {
  WireChatRequest,
  WireCompletionRequest,
  WireEmbeddingRequest,
  WireMessage,
  WireSampling,
  WireToolCall,
} from './wire.ts';
import { assignExtra } from '../assign-extra.ts';
import type { ClientBody } from '../wire-forms.ts';

/** Builds the `/chat/completions` body; `stream` is the call's mode, not the client's flag. */
export function translateChatRequest(request: ChatRequest, model: string, stream: boolean): WireChatRequest {
  const body = { model, messages: request.messages.map(translateMessage), stream } as WireChatRequest;
  return applySampling(assignExtra(body, request.extra), request, stream);
}

/**
 * True when a client's chat body, as it came, is what `translateChatRequest` writes for its decoding, so it can
 * be sent on instead (wire-forms.ts): its model is the upstream's, and it has nothing the translation would
 * rename, reshape or leave out — `max_completion_tokens` (sent as `max_tokens`), a single `stop` string (sent as
 * a list), a null sampling field, an empty message name, an assistant message without content or with a null
 * `reasoning_content`. A streamed call also needs the usage chunk already asked for, as the translation asks.
 * Only for bodies the decoder kept (plain ones: string contents, no tool calls in messages).
 */
export function isTranslatedChatForm(body: ClientBody, model: string, stream: boolean): boolean {
  if (body.model !== model || body.max_completion_tokens !== undefined) return false;
  if (stream ? !(body.stream === true && asksForUsage(body.stream_options)) : body.stream === true)
    return false;
  if (typeof body.stop === 'string' || body.stop === null) return false;
  // Named, not looped over by name: a load whose key changes each time is a megamorphic lookup.
  if (body.max_tokens === null || body.temperature === null || body.top_p === null || body.seed === null)
    return false;
  const messages = body.messages;
  if (!Array.isArray(messages)) return false;
  for (const message of messages as readonly Readonly<Record<string, unknown>>[]) {
    if (message.name === '') return false;
    if (message.role === 'assistant' && (message.content === undefined || message.reasoning_content === null))
      return false;
  }
  return true;
}

function asksForUsage(options: unknown): boolean {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as Readonly<Record<string, unknown>>).include_usage === true
  );
}

/** Builds the `/completions` body. */
export function translateCompletionRequest(
  request: CompletionRequest,
  model: string,
  stream: boolean,
): WireCompletionRequest {
  const body = { model, prompt: request.prompt, stream } as WireCompletionRequest;
  return applySampling(assignExtra(body, request.extra), request, stream);
}

/** Builds the `/embeddings` body. */
export function translateEmbeddingRequest(request: EmbeddingRequest, model: string): WireEmbeddingRequest {
  const body: WireEmbeddingRequest = assignExtra({ model, input: request.input }, request.extra);
  if (request.encodingFormat !== undefined) body.encoding_format = request.encodingFormat;
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  return body;
}

/** Converts one canonical message to its wire form. */
export function translateMessage(message: ChatMessage): WireMessage {
  const wire: WireMessage = assignExtra({ role: message.role, content: message.content }, message.extra);
  switch (message.role) {
    case 'system':
    case 'developer':
    case 'user':
      if (message.name !== undefined) wire.name = message.name;
      break;
    case 'assistant':
      if (message.name !== undefined) wire.name = message.name;
      if (message.toolCalls !== undefined) wire.tool_calls = message.toolCalls.map(translateToolCall);
      if (message.reasoning !== undefined) wire.reasoning_content = message.reasoning;
      break;
    case 'tool':
      wire.tool_call_id = message.toolCallId;
      break;
  }
  return wire;
}

function translateToolCall(call: ToolCall): WireToolCall {
  const fn = { name: call.name, arguments: call.arguments };
  return assignExtra({ id: call.id, type: 'function', function: fn }, call.extra);
}

type Sampling = Pick<ChatRequest, 'maxTokens' | 'temperature' | 'topP' | 'stop' | 'seed' | 'extra'>;

function applySampling<T extends WireSampling>(body: T, request: Sampling, stream: boolean): T {
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  // Usage is always requested, for accounting; the encoder drops the chunk unless the client asked for it.
  if (stream)
    body.stream_options = assignExtra({ include_usage: true as const }, streamOptionsOf(request.extra));
  return body;
}

function streamOptionsOf(extra: Extra): Extra | undefined {
  const options = extra.stream_options;
  return typeof options === 'object' && options !== null && !Array.isArray(options)
    ? (options as Extra)
    : undefined;
}
