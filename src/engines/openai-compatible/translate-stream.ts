/**
 * Streamed wire chunks (`chat.completion.chunk`, `text_completion`) → ChatEvents. Stateful per stream: it
 * emits `start` once and tracks which choices have finished, so a truncated stream can be told apart.
 */
import type { ChatEvent, EventExtra, Extra, ReasoningField } from '../engine.ts';
import type { GatewayError } from '../../errors.ts';
import { invalidResponseError, streamPayloadError } from './errors.ts';
import { mapFinishReason } from './finish-reason.ts';
import { RESPONSE_KEYS, extraOf, isRecord, reasoningOf, translateUsage } from './translate-response.ts';
import type { WireChunkChoice, WireDelta, WireToolCallDelta } from './wire.ts';

/** Which endpoint's chunks are translated: chat deltas or completion `text`. */
export type StreamKind = 'chat' | 'completion';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ToolCallDeltaEvent = Extract<ChatEvent, { type: 'tool-call-delta' }>;

const DELTA_KEYS = new Set(['role', 'content', 'reasoning_content', 'reasoning', 'tool_calls']);
const CHAT_CHOICE_KEYS = new Set(['index', 'delta', 'finish_reason']);
const COMPLETION_CHOICE_KEYS = new Set(['index', 'text', 'finish_reason']);
const EMPTY_DELTA: WireDelta = Object.freeze({});

/**
 * Translates the parsed `data:` payloads of one stream, in order. The engine's stream reader owns one
 * per upstream response and calls `push` per payload and `fail` for transport failures.
 */
export class StreamTranslator {
  readonly #deployment: string;
  readonly #kind: StreamKind;
  readonly #fallbackId: string;
  readonly #open = new Set<number>();
  readonly #finished = new Set<number>();
  #started = false;

  constructor(deployment: string, kind: StreamKind, fallbackId: string) {
    this.#deployment = deployment;
    this.#kind = kind;
    this.#fallbackId = fallbackId;
  }

  /** Whose chunks it translates: chat deltas or completion `text`. */
  get kind(): StreamKind {
    return this.#kind;
  }

  /** True when at least one choice was seen and every choice seen has finished. */
  get isComplete(): boolean {
    return this.#finished.size > 0 && this.#open.size === 0;
  }

  /** Appends the events of one parsed payload to `out`; returns false when the payload ended the stream. */
  push(chunk: unknown, out: ChatEvent[]): boolean {
    if (!isRecord(chunk)) {
      this.fail(invalidResponseError(this.#deployment, 'a stream chunk is not a JSON object'), out);
      return false;
    }
    if (chunk.error !== undefined && chunk.error !== null) {
      this.fail(streamPayloadError(this.#deployment, chunk.error), out);
      return false;
    }
    let chunkExtra = extraOf(chunk, RESPONSE_KEYS);
    if (!this.#started) {
      out.push(this.#startEvent(chunk, chunkExtra));
      chunkExtra = undefined;
    }
    const choices = chunk.choices;
    if (Array.isArray(choices)) {
      for (let position = 0; position < choices.length; position++) {
        const choice: unknown = choices[position];
        if (isRecord(choice) && this.#choice(choice, position, chunkExtra, out)) chunkExtra = undefined;
      }
    }
    if (isRecord(chunk.usage)) out.push({ type: 'usage', usage: translateUsage(chunk.usage) });
    return true;
  }

  /** Appends the final `error` event, preceded by `start` if the stream failed before its first chunk. */
  fail(error: GatewayError, out: ChatEvent[]): void {
    if (!this.#started) out.push(this.#startEvent({}, undefined));
    out.push({ type: 'error', error });
  }

  #startEvent(chunk: Record<string, unknown>, extra: Extra | undefined): ChatEvent {
    this.#started = true;
    const id = typeof chunk.id === 'string' ? chunk.id : this.#fallbackId;
    const created = typeof chunk.created === 'number' ? chunk.created : Math.floor(Date.now() / 1000);
    return extra === undefined ? { type: 'start', id, created } : { type: 'start', id, created, extra };
  }

  /** Appends one choice's events; unknown fields ride on the first. Returns whether it emitted any. */
  #choice(
    choice: WireChunkChoice,
    position: number,
    chunkExtra: Extra | undefined,
    out: ChatEvent[],
  ): boolean {
    const index = typeof choice.index === 'number' ? choice.index : position;
    const first = out.length;
    let extra: EventExtra | undefined;
    let hasRole = false;
    if (this.#kind === 'chat') {
      const delta = isRecord(choice.delta) ? choice.delta : EMPTY_DELTA;
      extra = eventExtra(extraOf(delta, DELTA_KEYS), extraOf(choice, CHAT_CHOICE_KEYS), chunkExtra);
      extra = appendDelta(index, delta, extra, out);
      hasRole = delta.role !== undefined;
    } else {
      extra = eventExtra(undefined, extraOf(choice, COMPLETION_CHOICE_KEYS), chunkExtra);
      if (typeof choice.text === 'string') extra = push(out, textDelta(index, choice.text, extra));
    }
    const finishReason = choice.finish_reason;
    if (finishReason !== undefined && finishReason !== null) {
      extra = push(out, finishEvent(index, finishReason, extra));
      this.#open.delete(index);
      this.#finished.add(index);
    } else if (!this.#finished.has(index)) {
      this.#open.add(index);
    }
    // A role-only or unknown-fields-only choice still yields an event, so its fields are not lost.
    if (out.length === first && (extra !== undefined || hasRole)) out.push(textDelta(index, '', extra));
    return out.length > first;
  }
}

/** Appends the reasoning, tool-call and text events of a chat delta; returns the extra if still unused. */
function appendDelta(index: number, delta: WireDelta, extra: EventExtra | undefined, out: ChatEvent[]) {
  const reasoning = reasoningOf(delta);
  if (reasoning !== undefined)
    extra = push(out, reasoningDelta(index, reasoning.text, reasoning.field, extra));
  const toolCalls = delta.tool_calls;
  if (Array.isArray(toolCalls)) {
    for (let position = 0; position < toolCalls.length; position++) {
      const entry: unknown = toolCalls[position];
      if (isRecord(entry)) extra = push(out, toolCallDelta(index, entry, position, extra));
    }
  }
  if (typeof delta.content === 'string') extra = push(out, textDelta(index, delta.content, extra));
  return extra;
}

/** Pushes an event that consumed the pending extra; returns undefined so the next event carries none. */
function push(out: ChatEvent[], event: ChatEvent): undefined {
  out.push(event);
  return undefined;
}

function eventExtra(
  delta: Extra | undefined,
  choice: Extra | undefined,
  chunk: Extra | undefined,
): EventExtra | undefined {
  if (delta === undefined && choice === undefined && chunk === undefined) return undefined;
  const extra: Mutable<EventExtra> = {};
  if (delta !== undefined) extra.delta = delta;
  if (choice !== undefined) extra.choice = choice;
  if (chunk !== undefined) extra.chunk = chunk;
  return extra;
}

function reasoningDelta(
  choice: number,
  text: string,
  field: ReasoningField,
  extra: EventExtra | undefined,
): ChatEvent {
  return extra === undefined
    ? { type: 'reasoning-delta', choice, text, field }
    : { type: 'reasoning-delta', choice, text, field, extra };
}

function toolCallDelta(
  choice: number,
  entry: WireToolCallDelta,
  position: number,
  extra: EventExtra | undefined,
) {
  const event: Mutable<ToolCallDeltaEvent> = {
    type: 'tool-call-delta',
    choice,
    index: typeof entry.index === 'number' ? entry.index : position,
  };
  if (typeof entry.id === 'string') event.id = entry.id;
  const fn = entry.function;
  if (isRecord(fn)) {
    if (typeof fn.name === 'string') event.name = fn.name;
    if (typeof fn.arguments === 'string') event.arguments = fn.arguments;
  }
  if (extra !== undefined) event.extra = extra;
  return event;
}

function textDelta(choice: number, text: string, extra: EventExtra | undefined): ChatEvent {
  return extra === undefined
    ? { type: 'text-delta', choice, text }
    : { type: 'text-delta', choice, text, extra };
}

function finishEvent(choice: number, raw: unknown, extra: EventExtra | undefined): ChatEvent {
  const reason = mapFinishReason(raw);
  return extra === undefined ? { type: 'finish', choice, reason } : { type: 'finish', choice, reason, extra };
}
