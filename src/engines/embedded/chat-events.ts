/**
 * Turns a generation's text into canonical chat events: reasoning split off at `<think>` tags, tool calls
 * parsed out in the template's format, then finish and usage. Failures after the start become an
 * `error` event, so a stream never ends as if it had succeeded.
 */
import { randomBytes } from 'node:crypto';
import { toGatewayError } from '../../errors.ts';
import type { ChatEvent, Usage } from '../engine.ts';
import { toFinishReason } from './finish-reason.ts';
import type { Generation } from './generate.ts';
import { ThinkSplitter, type SplitPiece } from './think-splitter.ts';
import { ToolCallParser, type ParsedPiece, type ToolCallFormat } from './tool-call-parser.ts';

/** How to read the generated text. */
export interface ChatReading {
  readonly id: string;
  readonly created: number;
  /** Split reasoning off (the template knows `<think>`), and whether the prompt opened the block. */
  readonly reasoning: { readonly enabled: boolean; readonly startsInReasoning: boolean };
  /** Parse tool calls in this format ('none' when the request has no tools). */
  readonly toolCalls: ToolCallFormat;
  /** Called once the generation is over, however it ended. */
  readonly done: () => void;
}

/** The canonical event stream of one chat generation (one choice). */
export async function* chatEvents(generation: Generation, reading: ChatReading): AsyncGenerator<ChatEvent> {
  const splitter = reading.reasoning.enabled
    ? new ThinkSplitter(reading.reasoning.startsInReasoning)
    : undefined;
  const parser = new ToolCallParser(reading.toolCalls);
  let calls = 0;
  const toEvent = (parsed: ParsedPiece): ChatEvent =>
    parsed.kind === 'text'
      ? { type: 'text-delta', choice: 0, text: parsed.text }
      : {
          type: 'tool-call-delta',
          choice: 0,
          index: calls++,
          id: toolCallId(),
          name: parsed.name,
          arguments: parsed.arguments,
        };
  const toEvents = function* (pieces: readonly SplitPiece[]): Generator<ChatEvent> {
    for (const piece of pieces) {
      if (piece.kind === 'reasoning') {
        yield { type: 'reasoning-delta', choice: 0, text: piece.text, field: 'reasoning_content' };
        continue;
      }
      for (const parsed of parser.push(piece.text)) yield toEvent(parsed);
    }
  };
  const text = generation.text();
  try {
    yield { type: 'start', id: reading.id, created: reading.created };
    let step = await text.next();
    while (step.done !== true) {
      yield* toEvents(
        splitter === undefined ? [{ kind: 'content', text: step.value }] : splitter.push(step.value),
      );
      step = await text.next();
    }
    yield* toEvents(splitter?.end() ?? []);
    for (const parsed of parser.end()) yield toEvent(parsed);
    yield { type: 'finish', choice: 0, reason: toFinishReason(step.value.finish, calls > 0) };
    yield { type: 'usage', usage: usageOf(generation, step.value.completionTokens) };
  } catch (error) {
    yield { type: 'error', error: toGatewayError(error) };
  } finally {
    // Ends the decoding loop too when the reader stopped early (the client went away).
    await text.return({ finish: 'cancelled', completionTokens: 0 });
    reading.done();
  }
}

/** Usage with the cached prompt tokens in OpenAI's `prompt_tokens_details`. */
export function usageOf(generation: Generation, completionTokens: number): Usage {
  return {
    promptTokens: generation.promptTokens,
    completionTokens,
    totalTokens: generation.promptTokens + completionTokens,
    extra: { prompt_tokens_details: { cached_tokens: generation.cachedTokens } },
  };
}

/** `call_` and 24 random characters, like OpenAI's ids. */
export function toolCallId(): string {
  return `call_${randomBytes(18).toString('base64url').slice(0, 24)}`;
}
