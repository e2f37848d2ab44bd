/**
 * Encodes canonical chat responses and stream events as OpenAI chat-completion JSON and SSE chunks.
 * Unknown fields carried in `extra` bags are written back where they came from.
 */
import type { ChatChoice, ChatEvent, ChatResponse, Extra, ToolCall } from '../../engines/engine.ts';
import { assignExtra } from '../../engines/assign-extra.ts';
import { wireTextFor } from '../../engines/wire-forms.ts';
import { encodeFinishReason, encodeUsage, SSE_DONE, sseData, sseError } from './openai-common.ts';

/**
 * The `chat.completion` JSON body for a non-streaming response, under the public model name: the upstream's
 * own text when it is exactly that (wire-forms.ts), else the response serialised.
 */
export function encodeChatResponse(response: ChatResponse, model: string): string {
  return wireTextFor(response, model) ?? encodeChatObject(response, model);
}

function encodeChatObject(response: ChatResponse, model: string): string {
  return JSON.stringify({
    id: response.id,
    object: 'chat.completion',
    created: response.created,
    model,
    choices: response.choices.map(encodeChoice),
    ...(response.usage ? { usage: encodeUsage(response.usage) } : {}),
    ...response.extra,
  });
}

function encodeChoice(choice: ChatChoice): Extra {
  const message: Extra = { role: 'assistant', content: choice.content };
  if (choice.reasoning) message[choice.reasoning.field] = choice.reasoning.text;
  if (choice.toolCalls && choice.toolCalls.length > 0)
    message.tool_calls = choice.toolCalls.map(encodeToolCall);
  return {
    index: choice.index,
    message: Object.assign(message, choice.messageExtra),
    finish_reason: encodeFinishReason(choice.finishReason),
    ...choice.choiceExtra,
  };
}

function encodeToolCall(call: ToolCall): Extra {
  return {
    id: call.id,
    type: call.type,
    function: { name: call.name, arguments: call.arguments },
    ...call.extra,
  };
}

type TextEvent = Extract<ChatEvent, { type: 'text-delta' | 'reasoning-delta' }>;

/** A text delta's chunk around its string, for one choice, field and extra bag. */
interface TextShape {
  readonly choice: number;
  readonly field: string;
  readonly extra: TextEvent['extra'];
  readonly head: string;
  readonly tail: string;
}

/**
 * Stands in for the text while a shape is built: control characters, which JSON writes as ASCII escapes, so the
 * head and tail stay one-byte strings. (Private-use characters here made every chunk of the stream a two-byte
 * string, which node then converts to UTF-8 the slow way: ~8% of a stream's CPU at 64 connections.) A bag
 * that holds the same text anyway is caught by `#shapeOf`.
 */
const SENTINEL = '\u0000daulat\u0001\u0000';
const ENCODED_SENTINEL = JSON.stringify(SENTINEL);

/** Options for a chat stream: the public model name and whether the client asked for the usage chunk. */
export interface StreamEncoderOptions {
  readonly model: string;
  readonly includeUsage: boolean;
}

/**
 * Turns canonical events into `chat.completion.chunk` SSE lines. `encode` returns '' for events the
 * client must not see (the usage chunk it did not ask for); an error event becomes an SSE error object.
 */
export class ChatStreamEncoder {
  readonly #model: string;
  readonly #includeUsage: boolean;
  #id = '';
  #created = 0;
  #chunkExtra: Extra | undefined;
  /** The chunk's constant head, `{"id":…,"model":…`, serialised once per stream. */
  #prefix = '';
  readonly #roleSent = new Set<number>();
  #textShape: TextShape | undefined;

  constructor(options: StreamEncoderOptions) {
    this.#model = options.model;
    this.#includeUsage = options.includeUsage;
  }

  /** The SSE text for one event ('' when nothing is to be sent). */
  encode(event: ChatEvent): string {
    switch (event.type) {
      case 'start':
        this.#id = event.id;
        this.#created = event.created;
        this.#chunkExtra = event.extra;
        this.#prefix = chunkPrefix(this.#chunk([], undefined));
        return '';
      case 'text-delta':
        return this.#textChunk(event, 'content');
      case 'reasoning-delta':
        return this.#textChunk(event, event.field);
      case 'tool-call-delta':
        return this.#choiceChunk(
          event.choice,
          assignExtra({ tool_calls: [encodeToolCallDelta(event)] }, event.extra?.delta),
          null,
          event.extra,
        );
      case 'finish':
        return this.#choiceChunk(
          event.choice,
          { ...event.extra?.delta },
          encodeFinishReason(event.reason),
          event.extra,
        );
      case 'usage':
        return this.#includeUsage ? sseData(this.#chunk([], { usage: encodeUsage(event.usage) })) : '';
      case 'error':
        return sseError(event.error);
    }
  }

  /** The terminator written after a stream that ended well. */
  done(): string {
    return SSE_DONE;
  }

  /**
   * A text or reasoning delta. Token after token the chunk differs only in its string, so once the choice's
   * role was sent its bytes around the string are built once (by the general path, around a sentinel) and
   * reused while the choice, field and extra bags stay the same.
   */
  #textChunk(event: TextEvent, field: string): string {
    const { choice, extra } = event;
    if (this.#prefix !== '' && extra?.chunk === undefined && this.#roleSent.has(choice)) {
      let shape = this.#textShape;
      if (shape?.choice !== choice || shape.field !== field || shape.extra !== extra)
        shape = this.#textShape = this.#shapeOf(choice, field, extra);
      if (shape !== undefined) return shape.head + JSON.stringify(event.text) + shape.tail;
    }
    return this.#choiceChunk(choice, assignExtra({ [field]: event.text }, extra?.delta), null, extra);
  }

  /** The chunk around the string, built by the general path; undefined if an extra bag holds the sentinel. */
  #shapeOf(choice: number, field: string, extra: TextEvent['extra']): TextShape | undefined {
    const whole = this.#choiceChunk(choice, assignExtra({ [field]: SENTINEL }, extra?.delta), null, extra);
    const at = whole.indexOf(ENCODED_SENTINEL);
    if (whole.indexOf(ENCODED_SENTINEL, at + 1) !== -1) return undefined;
    const tail = whole.slice(at + ENCODED_SENTINEL.length);
    return { choice, field, extra, head: whole.slice(0, at), tail };
  }

  #choiceChunk(
    index: number,
    delta: Extra,
    finishReason: string | null,
    extra: { readonly choice?: Extra; readonly chunk?: Extra } | undefined,
  ): string {
    if (!this.#roleSent.has(index)) {
      this.#roleSent.add(index);
      delta = { role: 'assistant', ...delta };
    }
    const choice = { index, delta, ...extra?.choice, finish_reason: finishReason };
    // Serialising only the choice is the common case; per-chunk top-level fields need the whole object.
    if (extra?.chunk !== undefined || this.#prefix === '')
      return sseData(this.#chunk([choice], extra?.chunk));
    return `data: ${this.#prefix}"choices":[${JSON.stringify(choice)}]}\n\n`;
  }

  #chunk(choices: Extra[], extra: Extra | undefined): Extra {
    return {
      id: this.#id,
      object: 'chat.completion.chunk',
      created: this.#created,
      model: this.#model,
      ...this.#chunkExtra,
      choices,
      ...extra,
    };
  }
}

/** `{"id":…,"choices":[]}` → `{"id":…,` — the head every chunk of the stream shares. */
function chunkPrefix(chunk: Extra): string {
  const text = JSON.stringify({ ...chunk, choices: undefined });
  return text === '{}' ? '{' : `${text.slice(0, -1)},`;
}

function encodeToolCallDelta(event: Extract<ChatEvent, { type: 'tool-call-delta' }>): Extra {
  const call: Extra = { index: event.index };
  if (event.id !== undefined) {
    call.id = event.id;
    call.type = 'function';
  }
  const fn: Extra = {};
  if (event.name !== undefined) fn.name = event.name;
  if (event.arguments !== undefined) fn.arguments = event.arguments;
  call.function = fn;
  return call;
}
