/**
 * Non-streaming wire responses → canonical responses. Every field Daulat does not model lands in the
 * extra bag of the object it came from, so the encoder can give it back to the client.
 */
import type {
  ChatChoice,
  ChatResponse,
  CompletionChoice,
  CompletionResponse,
  EmbeddingResponse,
  Extra,
  ReasoningField,
  ToolCall,
  Usage,
} from '../engine.ts';
import { setField } from '../assign-extra.ts';
import { mapFinishReason } from './finish-reason.ts';
import type {
  WireChatResponse,
  WireCompletionResponse,
  WireEmbeddingResponse,
  WireResponseMessage,
  WireToolCall,
  WireUsage,
} from './wire.ts';

/** Top-level fields the canonical responses model (`model` is the gateway's to set). */
export const RESPONSE_KEYS: ReadonlySet<string> = new Set([
  'id',
  'object',
  'created',
  'model',
  'choices',
  'usage',
]);
const CHAT_CHOICE_KEYS = new Set(['index', 'message', 'finish_reason']);
const MESSAGE_KEYS = new Set(['role', 'content', 'tool_calls', 'reasoning_content', 'reasoning']);
const TOOL_CALL_KEYS = new Set(['id', 'type', 'function']);
const COMPLETION_CHOICE_KEYS = new Set(['index', 'text', 'finish_reason']);
const EMBEDDING_KEYS = new Set(['object', 'data', 'model', 'usage']);
const EMBEDDING_ITEM_KEYS = new Set(['index', 'embedding', 'object']);
const USAGE_KEYS = new Set(['prompt_tokens', 'completion_tokens', 'total_tokens']);

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of `source` not in `known`, or undefined when there are none (no empty bags are allocated). */
export function extraOf(source: Record<string, unknown>, known: ReadonlySet<string>): Extra | undefined {
  let extra: Extra | undefined;
  for (const key in source) {
    if (known.has(key)) continue;
    extra ??= {};
    setField(extra, key, source[key]);
  }
  return extra;
}

/** True when a parsed body has the `choices` array of objects a chat or completion response must have. */
export function hasChoices(body: unknown): body is WireChatResponse & WireCompletionResponse {
  return isRecord(body) && Array.isArray(body.choices) && body.choices.every(isRecord);
}

/** True when a parsed body has the `data` array of objects an embeddings response must have. */
export function hasEmbeddings(body: unknown): body is WireEmbeddingResponse {
  return isRecord(body) && Array.isArray(body.data) && body.data.every(isRecord);
}

/** Translates a `chat.completion` body whose shape `hasChoices` confirmed. */
export function translateChatResponse(body: WireChatResponse): ChatResponse {
  return withUsageAndExtra(
    { id: idOf(body.id), created: createdOf(body.created), choices: body.choices.map(translateChatChoice) },
    body,
    RESPONSE_KEYS,
  );
}

/**
 * True when `body` is already the JSON the OpenAI encoder writes for its translation under the public name
 * `model`, so it can be sent as it came (wire-forms.ts). Fields the canonical response has no room for and the
 * encoder leaves out pass as the upstream sent them: a null `reasoning_content` or `reasoning`, a null or empty
 * `tool_calls`. Anything the translation would fill in or change answers false — another model name, a missing
 * id, a choice without its index or message, a usage without its total, tool calls (the encoder keeps only a
 * function's name and arguments), both reasoning fields — and the response is encoded as usual.
 */
export function isEncodedChatForm(body: WireChatResponse, model: string): boolean {
  if (body.object !== 'chat.completion' || body.model !== model) return false;
  if (typeof body.id !== 'string' || typeof body.created !== 'number') return false;
  if (body.usage !== undefined && !isEncodedUsage(body.usage)) return false;
  for (const choice of body.choices) if (!isEncodedChatChoice(choice)) return false;
  return true;
}

function isEncodedUsage(usage: unknown): boolean {
  return (
    isRecord(usage) &&
    typeof usage.prompt_tokens === 'number' &&
    typeof usage.completion_tokens === 'number' &&
    typeof usage.total_tokens === 'number'
  );
}

function isEncodedChatChoice(choice: WireChatResponse['choices'][number]): boolean {
  const { message, finish_reason: finish } = choice;
  if (typeof choice.index !== 'number' || (typeof finish !== 'string' && finish !== null)) return false;
  if (!isRecord(message) || message.role !== 'assistant') return false;
  if (typeof message.content !== 'string' && message.content !== null) return false;
  const calls = message.tool_calls;
  if (calls !== undefined && calls !== null && !(Array.isArray(calls) && calls.length === 0)) return false;
  const { reasoning_content: named, reasoning } = message;
  if (!isNullishOrString(named) || !isNullishOrString(reasoning)) return false;
  return typeof named !== 'string' || typeof reasoning !== 'string';
}

function isNullishOrString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/**
 * True when an embeddings body is already the JSON the encoder writes for its translation under `model`, so
 * it can be sent as it came (wire-forms.ts): a `list` of `embedding` items with their indexes, and a usage with
 * its prompt and total tokens. A `completion_tokens` in the usage, which the encoder leaves out, passes as the
 * upstream sent it.
 */
export function isEncodedEmbeddingForm(body: WireEmbeddingResponse, model: string): boolean {
  if (body.object !== 'list' || body.model !== model) return false;
  const usage: unknown = body.usage;
  if (
    usage !== undefined &&
    !(
      isRecord(usage) &&
      typeof usage.prompt_tokens === 'number' &&
      typeof usage.total_tokens === 'number' &&
      (usage.completion_tokens === undefined || typeof usage.completion_tokens === 'number')
    )
  )
    return false;
  for (const item of body.data)
    if (item.object !== 'embedding' || typeof item.index !== 'number') return false;
  return true;
}

/** Translates a `text_completion` body whose shape `hasChoices` confirmed. */
export function translateCompletionResponse(body: WireCompletionResponse): CompletionResponse {
  return withUsageAndExtra(
    {
      id: idOf(body.id),
      created: createdOf(body.created),
      choices: body.choices.map(translateCompletionChoice),
    },
    body,
    RESPONSE_KEYS,
  );
}

/** Translates an embeddings `list` body whose shape `hasEmbeddings` confirmed; vectors are not copied. */
export function translateEmbeddingResponse(body: WireEmbeddingResponse): EmbeddingResponse {
  const data = body.data.map((item, position) => {
    const extra = extraOf(item, EMBEDDING_ITEM_KEYS);
    const entry = {
      index: typeof item.index === 'number' ? item.index : position,
      embedding: item.embedding,
    };
    return extra === undefined ? entry : Object.assign(entry, { extra });
  });
  return withUsageAndExtra({ data }, body, EMBEDDING_KEYS);
}

/** Translates a wire `usage` object; unknown keys (…_details) go to `extra`. */
export function translateUsage(usage: WireUsage): Usage {
  const promptTokens = tokens(usage.prompt_tokens);
  const completionTokens = tokens(usage.completion_tokens);
  const totalTokens =
    typeof usage.total_tokens === 'number' ? usage.total_tokens : promptTokens + completionTokens;
  const extra = extraOf(usage, USAGE_KEYS);
  return extra === undefined
    ? { promptTokens, completionTokens, totalTokens }
    : { promptTokens, completionTokens, totalTokens, extra };
}

/** Reads the reasoning text of a message or delta, remembering which field carried it. */
export function reasoningOf(source: {
  readonly reasoning_content?: unknown;
  readonly reasoning?: unknown;
}): { readonly text: string; readonly field: ReasoningField } | undefined {
  if (typeof source.reasoning_content === 'string')
    return { text: source.reasoning_content, field: 'reasoning_content' };
  if (typeof source.reasoning === 'string') return { text: source.reasoning, field: 'reasoning' };
  return undefined;
}

function translateChatChoice(choice: WireChatResponse['choices'][number], position: number): ChatChoice {
  const message: WireResponseMessage = isRecord(choice.message) ? choice.message : {};
  const result: { -readonly [K in keyof ChatChoice]: ChatChoice[K] } = {
    index: typeof choice.index === 'number' ? choice.index : position,
    content: typeof message.content === 'string' ? message.content : null,
    finishReason: mapFinishReason(choice.finish_reason),
  };
  const reasoning = reasoningOf(message);
  if (reasoning !== undefined) result.reasoning = reasoning;
  if (Array.isArray(message.tool_calls)) result.toolCalls = message.tool_calls.map(translateToolCall);
  const messageExtra = extraOf(message, MESSAGE_KEYS);
  if (messageExtra !== undefined) result.messageExtra = messageExtra;
  const choiceExtra = extraOf(choice, CHAT_CHOICE_KEYS);
  if (choiceExtra !== undefined) result.choiceExtra = choiceExtra;
  return result;
}

function translateToolCall(call: WireToolCall): ToolCall {
  const fn: Partial<WireToolCall['function']> = isRecord(call.function) ? call.function : {};
  const result = {
    id: typeof call.id === 'string' ? call.id : '',
    type: 'function' as const,
    name: typeof fn.name === 'string' ? fn.name : '',
    arguments: typeof fn.arguments === 'string' ? fn.arguments : '',
  };
  const extra = extraOf(call, TOOL_CALL_KEYS);
  return extra === undefined ? result : Object.assign(result, { extra });
}

function translateCompletionChoice(
  choice: WireCompletionResponse['choices'][number],
  position: number,
): CompletionChoice {
  const result = {
    index: typeof choice.index === 'number' ? choice.index : position,
    text: typeof choice.text === 'string' ? choice.text : '',
    finishReason: mapFinishReason(choice.finish_reason),
  };
  const choiceExtra = extraOf(choice, COMPLETION_CHOICE_KEYS);
  return choiceExtra === undefined ? result : Object.assign(result, { choiceExtra });
}

function withUsageAndExtra<T extends object>(
  result: T,
  body: { usage?: WireUsage | null } & Record<string, unknown>,
  known: ReadonlySet<string>,
): T & { usage?: Usage; extra?: Extra } {
  const output: T & { usage?: Usage; extra?: Extra } = result;
  if (isRecord(body.usage)) output.usage = translateUsage(body.usage);
  const extra = extraOf(body, known);
  if (extra !== undefined) output.extra = extra;
  return output;
}

function idOf(id: unknown): string {
  return typeof id === 'string' ? id : '';
}

function createdOf(created: unknown): number {
  return typeof created === 'number' ? created : Math.floor(Date.now() / 1000);
}

function tokens(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
