/**
 * The OpenAI wire format as this adapter writes requests and reads responses. Upstream bodies are
 * untrusted JSON: these types say what a well-behaved server sends; the translators check what they read.
 */
import type { ContentPart } from '../engine.ts';

/** A function call in a request or non-streaming response message. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  [key: string]: unknown;
}

/** One request message, as sent to the upstream. */
export interface WireMessage {
  role: string;
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
  reasoning_content?: string;
  [key: string]: unknown;
}

/** Sampling fields shared by chat and completion requests. */
export interface WireSampling {
  model: string;
  stream: boolean;
  stream_options?: { include_usage: true; [key: string]: unknown };
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: readonly string[];
  seed?: number;
  [key: string]: unknown;
}

/** `POST /chat/completions` body. */
export interface WireChatRequest extends WireSampling {
  messages: WireMessage[];
}

/** `POST /completions` body. */
export interface WireCompletionRequest extends WireSampling {
  prompt: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
}

/** `POST /embeddings` body. */
export interface WireEmbeddingRequest {
  model: string;
  input: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
  [key: string]: unknown;
}

/** Token counts; servers add `prompt_tokens_details` and the like. */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  [key: string]: unknown;
}

/** The assistant message of a non-streaming chat choice. */
export interface WireResponseMessage {
  role?: string;
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: WireToolCall[] | null;
  [key: string]: unknown;
}

/** `chat.completion`. */
export interface WireChatResponse {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices: {
    index?: number;
    message?: WireResponseMessage;
    finish_reason?: string | null;
    [key: string]: unknown;
  }[];
  usage?: WireUsage | null;
  [key: string]: unknown;
}

/** `text_completion`. */
export interface WireCompletionResponse {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices: { index?: number; text?: string; finish_reason?: string | null; [key: string]: unknown }[];
  usage?: WireUsage | null;
  [key: string]: unknown;
}

/** The `list` of embeddings. */
export interface WireEmbeddingResponse {
  object?: string;
  model?: string;
  data: { index?: number; embedding: number[] | string; object?: string; [key: string]: unknown }[];
  usage?: WireUsage | null;
  [key: string]: unknown;
}

/** One entry of a streamed `tool_calls` delta; only `index` is always present. */
export interface WireToolCallDelta {
  index?: number;
  id?: string | null;
  type?: string;
  function?: { name?: string | null; arguments?: string | null };
  [key: string]: unknown;
}

/** The `delta` of a streamed chat choice. */
export interface WireDelta {
  role?: string;
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: WireToolCallDelta[] | null;
  [key: string]: unknown;
}

/** One streamed choice: chat chunks carry `delta`, completion chunks `text`. */
export interface WireChunkChoice {
  index?: number;
  delta?: WireDelta;
  text?: string;
  finish_reason?: string | null;
  [key: string]: unknown;
}

/** The error object OpenAI-compatible servers send, as a body or mid-stream (vLLM, SGLang). */
export interface WireError {
  message?: string;
  type?: string;
  code?: number | string | null;
  param?: string | null;
  [key: string]: unknown;
}

/** One `data:` payload of a stream: `chat.completion.chunk`, `text_completion`, or an error. */
export interface WireChunk {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: WireChunkChoice[];
  usage?: WireUsage | null;
  error?: WireError | string;
  [key: string]: unknown;
}
