/**
 * The canonical request, response and stream-event shapes, and the Engine interface.
 * Every engine adapter translates to and from these; every route encodes from them.
 */
import type { EmbeddedConfig } from '../config/schema.ts';
import type { GatewayError } from '../errors.ts';
import type { MemoryBudget } from './embedded/memory-budget.ts';
import type { CancelSignal } from '../client-signal.ts';

/** Fields Daulat does not interpret; they ride along untouched to the upstream and back to the client. */
export type Extra = Record<string, unknown>;

/** The kinds of engine Daulat can drive; each has a folder under src/engines/. */
export type EngineKind = 'openai-compatible' | 'embedded';

/** A function call the assistant made. */
export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly name: string;
  /** JSON text, exactly as the model produced it. */
  readonly arguments: string;
  readonly extra?: Extra;
}

/** A message content part (text, image, audio …), kept in its wire form. */
export type ContentPart = { readonly type: string } & Extra;

/** One chat message. `content` stays in wire form: a string, parts, or null for tool-calling turns. */
export type ChatMessage =
  | {
      readonly role: 'system' | 'developer' | 'user';
      readonly content: string | ContentPart[];
      readonly name?: string;
      readonly extra?: Extra;
    }
  | {
      readonly role: 'assistant';
      readonly content: string | ContentPart[] | null;
      readonly name?: string;
      readonly toolCalls?: ToolCall[];
      /** Reasoning text of an earlier turn, when the client sends it back. */
      readonly reasoning?: string;
      readonly extra?: Extra;
    }
  | {
      readonly role: 'tool';
      readonly content: string | ContentPart[];
      readonly toolCallId: string;
      readonly extra?: Extra;
    };

/** The canonical chat request. Fields Daulat does not read (tools, response_format, …) stay in `extra`. */
export interface ChatRequest {
  /** The public model name the client asked for. */
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream: boolean;
  /** The client asked for the usage chunk (`stream_options.include_usage`). */
  readonly includeUsage: boolean;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Every other request field, passed to the upstream verbatim. */
  readonly extra: Extra;
}

/** The canonical legacy completion request. */
export interface CompletionRequest {
  readonly model: string;
  readonly prompt: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  readonly extra: Extra;
}

/** The canonical embeddings request. */
export interface EmbeddingRequest {
  readonly model: string;
  readonly input: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  readonly encodingFormat?: 'float' | 'base64';
  readonly dimensions?: number;
  readonly extra: Extra;
}

/** Token counts. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  /** Upstream usage fields Daulat does not model (prompt_tokens_details, …). */
  readonly extra?: Extra;
}

/** Why generation ended: Daulat's unified reason plus the upstream's raw value. */
export interface FinishReason {
  readonly unified: 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';
  readonly raw: string | null;
}

/** Which field an upstream used for reasoning text: vLLM/DeepSeek `reasoning_content`, others `reasoning`. */
export type ReasoningField = 'reasoning_content' | 'reasoning';

/** One generated choice of a non-streaming chat response. */
export interface ChatChoice {
  readonly index: number;
  readonly content: string | null;
  readonly reasoning?: { readonly text: string; readonly field: ReasoningField };
  readonly toolCalls?: readonly ToolCall[];
  readonly finishReason: FinishReason;
  /** Unknown fields of the message (e.g. `refusal`, `audio`). */
  readonly messageExtra?: Extra;
  /** Unknown fields of the choice (e.g. `logprobs`, `stop_reason`). */
  readonly choiceExtra?: Extra;
}

/** The canonical non-streaming chat response. */
export interface ChatResponse {
  readonly id: string;
  readonly created: number;
  readonly choices: readonly ChatChoice[];
  readonly usage?: Usage;
  /** Unknown top-level fields (e.g. `system_fingerprint`, `prompt_logprobs`). */
  readonly extra?: Extra;
}

/** One choice of a non-streaming completion response. */
export interface CompletionChoice {
  readonly index: number;
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly choiceExtra?: Extra;
}

/** The canonical non-streaming completion response. */
export interface CompletionResponse {
  readonly id: string;
  readonly created: number;
  readonly choices: readonly CompletionChoice[];
  readonly usage?: Usage;
  readonly extra?: Extra;
}

/** The canonical embeddings response; vectors stay as the upstream sent them (floats or base64). */
export interface EmbeddingResponse {
  readonly data: readonly {
    readonly index: number;
    readonly embedding: readonly number[] | string;
    readonly extra?: Extra;
  }[];
  readonly usage?: Usage;
  readonly extra?: Extra;
}

/**
 * One event of a generation stream. The first event is always `start`; per-choice unknown fields
 * ride on the event they arrived with (`delta` for the delta object, `choice` for the choice object).
 * A failure after the stream began is an `error` event, never a silent end.
 */
export type ChatEvent =
  | { readonly type: 'start'; readonly id: string; readonly created: number; readonly extra?: Extra }
  | {
      readonly type: 'text-delta';
      readonly choice: number;
      readonly text: string;
      readonly extra?: EventExtra;
    }
  | {
      readonly type: 'reasoning-delta';
      readonly choice: number;
      readonly text: string;
      readonly field: ReasoningField;
      readonly extra?: EventExtra;
    }
  | {
      readonly type: 'tool-call-delta';
      readonly choice: number;
      readonly index: number;
      readonly id?: string;
      readonly name?: string;
      readonly arguments?: string;
      readonly extra?: EventExtra;
    }
  | {
      readonly type: 'finish';
      readonly choice: number;
      readonly reason: FinishReason;
      readonly extra?: EventExtra;
    }
  | { readonly type: 'usage'; readonly usage: Usage }
  | { readonly type: 'error'; readonly error: GatewayError };

/** Unknown fields riding on a stream event: of the delta object, of the choice object, and top-level. */
/**
 * Whether an event carries generated output (text, reasoning or a tool call): what time to first token waits
 * for. A delta with empty text is not a token: OpenAI-compatible servers open a stream with the role and
 * `content: ""`, before the model has produced anything.
 */
export function isTokenEvent(event: ChatEvent): boolean {
  if (event.type === 'text-delta' || event.type === 'reasoning-delta') return event.text !== '';
  return event.type === 'tool-call-delta';
}

/**
 * Optional on an event stream: hands over its next event when it is already in hand — read and translated, so
 * it needs no wait on the upstream — and undefined otherwise. Under load one upstream read often carries many
 * events; the output guard takes such a burst at once and screens its text in one scan instead of one per
 * event. A stream without it is read with `next()` only.
 */
export interface ReadyAwareStream {
  takeReady(): ChatEvent | undefined;
}

/** `stream`'s `takeReady`, or one that never has an event in hand for a stream that cannot tell. */
export function readyTaker(stream: object): () => ChatEvent | undefined {
  const candidate = stream as Partial<ReadyAwareStream>;
  return typeof candidate.takeReady === 'function' ? () => (candidate as ReadyAwareStream).takeReady() : none;
}

function none(): undefined {
  return undefined;
}

export interface EventExtra {
  readonly delta?: Extra;
  readonly choice?: Extra;
  readonly chunk?: Extra;
}

/** What an engine call knows besides the request. */
export interface CallContext {
  /** Aborts the upstream call: the client went away or a deadline passed. */
  readonly signal: CancelSignal;
  readonly requestId: string;
  /** The model name this deployment serves (after alias resolution). */
  readonly upstreamModel: string;
}

/**
 * An engine: one deployment's way of running requests. `*Stream` methods resolve once the upstream's
 * response headers arrive and reject only before that, so the router may retry; later failures are
 * `error` events. Errors are GatewayErrors carrying `isRetryable`, `retryAfterMs` and `upstreamStatus`.
 */
export interface Engine {
  readonly kind: EngineKind;
  /** The deployment's name. */
  readonly name: string;
  chat(request: ChatRequest, context: CallContext): Promise<ChatResponse>;
  chatStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<ChatEvent>>;
  completion(request: CompletionRequest, context: CallContext): Promise<CompletionResponse>;
  completionStream(request: CompletionRequest, context: CallContext): Promise<AsyncIterable<ChatEvent>>;
  embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResponse>;
  /** Probes the deployment; resolves when healthy, rejects with the reason otherwise. */
  checkHealth(signal: AbortSignal): Promise<void>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** What engines share within one gateway: where models live and the embedded runtime's settings. */
export interface EngineEnvironment {
  readonly modelStoreDir: string;
  readonly embedded: EmbeddedConfig;
  /** The memory budget every embedded model of this gateway shares. */
  readonly memoryBudget: MemoryBudget;
}
