/**
 * Content logging for keys that opted in (`log_content`): the request's input and the answer's text as the
 * client saw them, kept with the ledger row. Off by default; nothing is captured for other keys.
 */
import type { ChatEvent, ChatRequest, CompletionRequest, EmbeddingRequest } from '../engines/engine.ts';
import type { Operation } from './request-record.ts';

/** The input part of a request: messages, prompt or embedding input. */
export function requestContent(operation: Operation, request: object): unknown {
  if (operation === 'chat') return { messages: (request as ChatRequest).messages };
  if (operation === 'completion') return { prompt: (request as CompletionRequest).prompt };
  return { input: (request as EmbeddingRequest).input };
}

/** The text of a unary answer (embedding vectors are not content worth keeping). */
export function responseContent(operation: Operation, value: unknown): unknown {
  if (operation === 'embedding') return undefined;
  const choices =
    (
      value as {
        choices?: readonly {
          content?: string | null;
          text?: string;
          reasoning?: { text: string };
          toolCalls?: unknown;
        }[];
      }
    ).choices ?? [];
  return choices.map((choice) => ({
    text: choice.content ?? choice.text ?? null,
    ...(choice.reasoning === undefined ? {} : { reasoning: choice.reasoning.text }),
    ...(choice.toolCalls === undefined ? {} : { tool_calls: choice.toolCalls }),
  }));
}

/** Passes a stream through, collecting its text per choice; `done` receives it when the stream ends. */
export async function* captureStream(
  events: AsyncIterable<ChatEvent>,
  done: (content: unknown) => void,
): AsyncGenerator<ChatEvent> {
  const texts: string[] = [];
  const reasoning: string[] = [];
  try {
    for await (const event of events) {
      if (event.type === 'text-delta') texts[event.choice] = (texts[event.choice] ?? '') + event.text;
      else if (event.type === 'reasoning-delta')
        reasoning[event.choice] = (reasoning[event.choice] ?? '') + event.text;
      yield event;
    }
  } finally {
    done(
      Array.from({ length: Math.max(texts.length, reasoning.length) }, (_, index) => ({
        text: texts[index] ?? null,
        ...(reasoning[index] === undefined ? {} : { reasoning: reasoning[index] }),
      })),
    );
  }
}
