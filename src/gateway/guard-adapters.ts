/**
 * The guardrails speak chat; completions and embeddings are screened by seeing them as chats. A completion's
 * prompt (or each of its prompts) is a user message, each embedding input likewise; after screening (and
 * redaction) they are rebuilt in their own shape. Prompts given as token ids cannot be read and pass
 * unscreened. Embedding inputs are not screened for injection: nothing executes them, and documents about
 * attacks are exactly what people embed.
 */
import type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  CompletionRequest,
  CompletionResponse,
  EmbeddingRequest,
} from '../engines/engine.ts';
import type { GuardedChat } from './guard-stage.ts';

/** How requests of one API are screened as chats and rebuilt. */
export interface GuardAdapter<R> {
  readonly screenInjection: boolean;
  /** The request as a chat, or undefined when it cannot be read (token ids). */
  toChat(request: R): ChatRequest | undefined;
  fromChat(screened: ChatRequest, original: R): R;
}

export const chatAdapter: GuardAdapter<ChatRequest> = {
  screenInjection: true,
  toChat: (request) => request,
  fromChat: (screened) => screened,
};

export const completionAdapter: GuardAdapter<CompletionRequest> = {
  screenInjection: true,
  toChat: (request) => asChat(request, request.prompt),
  fromChat: (screened, original) => ({ ...original, prompt: rebuilt(screened, original.prompt) }),
};

export const embeddingAdapter: GuardAdapter<EmbeddingRequest> = {
  screenInjection: false,
  toChat: (request) => asChat(request, request.input),
  fromChat: (screened, original) => ({ ...original, input: rebuilt(screened, original.input) }),
};

type Texts = string | readonly string[] | readonly number[] | readonly (readonly number[])[];

function asChat(request: { readonly model: string }, texts: Texts): ChatRequest | undefined {
  const strings = typeof texts === 'string' ? [texts] : texts;
  if (!strings.every((text): text is string => typeof text === 'string')) return undefined;
  const messages: ChatMessage[] = strings.map((text) => ({ role: 'user', content: text }));
  return { model: request.model, messages, stream: false, includeUsage: false, extra: {} };
}

function rebuilt(screened: ChatRequest, original: Texts): Texts {
  const texts = screened.messages.map((message) =>
    typeof message.content === 'string' ? message.content : '',
  );
  return typeof original === 'string' ? (texts[0] ?? '') : texts;
}

/** Screens a completion's answer as a chat answer, then puts the text back in completion form. */
export async function guardCompletionResponse(
  guarded: GuardedChat,
  response: CompletionResponse,
): Promise<CompletionResponse> {
  const asChatResponse: ChatResponse = {
    id: response.id,
    created: response.created,
    choices: response.choices.map((choice) => ({
      index: choice.index,
      content: choice.text,
      finishReason: choice.finishReason,
      ...(choice.choiceExtra === undefined ? {} : { choiceExtra: choice.choiceExtra }),
    })),
  };
  const screening = guarded.guardResponse(asChatResponse);
  const screened = screening instanceof Promise ? await screening : screening;
  return {
    ...response,
    choices: response.choices.map((choice, index) => {
      const screenedChoice = screened.choices[index];
      if (screenedChoice === undefined) return choice;
      return {
        ...choice,
        text: screenedChoice.content ?? '',
        finishReason: screenedChoice.finishReason,
        ...(screenedChoice.choiceExtra === undefined ? {} : { choiceExtra: screenedChoice.choiceExtra }),
      };
    }),
  };
}
