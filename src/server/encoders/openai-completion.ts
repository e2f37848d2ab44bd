/** Encodes canonical completion and embedding responses, and completion stream events, in OpenAI's format. */
import type { ChatEvent, CompletionResponse, EmbeddingResponse, Extra } from '../../engines/engine.ts';
import { wireTextFor } from '../../engines/wire-forms.ts';
import { encodeFinishReason, encodeUsage, SSE_DONE, sseData, sseError } from './openai-common.ts';
import type { StreamEncoderOptions } from './openai-chat.ts';

/** The `text_completion` JSON body. */
export function encodeCompletionResponse(response: CompletionResponse, model: string): string {
  return JSON.stringify({
    id: response.id,
    object: 'text_completion',
    created: response.created,
    model,
    choices: response.choices.map((choice) => ({
      index: choice.index,
      text: choice.text,
      finish_reason: encodeFinishReason(choice.finishReason),
      ...choice.choiceExtra,
    })),
    ...(response.usage ? { usage: encodeUsage(response.usage) } : {}),
    ...response.extra,
  });
}

/**
 * The embeddings `list` JSON body; vectors are written as the upstream sent them — its own text, when that is
 * exactly this body (wire-forms.ts): serialising the floats of a batch of vectors again costs milliseconds.
 */
export function encodeEmbeddingResponse(response: EmbeddingResponse, model: string): string {
  return wireTextFor(response, model) ?? encodeEmbeddingObject(response, model);
}

function encodeEmbeddingObject(response: EmbeddingResponse, model: string): string {
  return JSON.stringify({
    object: 'list',
    data: response.data.map((item) => ({
      object: 'embedding',
      index: item.index,
      embedding: item.embedding,
      ...item.extra,
    })),
    model,
    ...(response.usage
      ? {
          usage: {
            prompt_tokens: response.usage.promptTokens,
            total_tokens: response.usage.totalTokens,
            ...response.usage.extra,
          },
        }
      : {}),
    ...response.extra,
  });
}

/** Turns canonical events into `text_completion` SSE chunks. */
export class CompletionStreamEncoder {
  readonly #model: string;
  readonly #includeUsage: boolean;
  #id = '';
  #created = 0;
  #chunkExtra: Extra | undefined;

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
        return '';
      case 'text-delta':
        return this.#chunk(
          [{ index: event.choice, text: event.text, ...event.extra?.choice, finish_reason: null }],
          event.extra?.chunk,
        );
      case 'finish':
        return this.#chunk(
          [
            {
              index: event.choice,
              text: '',
              ...event.extra?.choice,
              finish_reason: encodeFinishReason(event.reason),
            },
          ],
          event.extra?.chunk,
        );
      case 'usage':
        return this.#includeUsage ? this.#chunk([], { usage: encodeUsage(event.usage) }) : '';
      case 'error':
        return sseError(event.error);
      case 'reasoning-delta':
      case 'tool-call-delta':
        return '';
    }
  }

  /** The terminator written after a stream that ended well. */
  done(): string {
    return SSE_DONE;
  }

  #chunk(choices: Extra[], extra: Extra | undefined): string {
    return sseData({
      id: this.#id,
      object: 'text_completion',
      created: this.#created,
      model: this.#model,
      ...this.#chunkExtra,
      choices,
      ...extra,
    });
  }
}
