/**
 * The engine for OpenAI-compatible servers (vLLM, SGLang, llama.cpp-server, Ollama, TGI, LM Studio):
 * one undici Pool per deployment, canonical requests translated to the wire and back.
 */
import { Pool, type Dispatcher } from 'undici';
import type { OpenAICompatibleDeploymentConfig } from '../../config/schema.ts';
import type {
  CallContext,
  ChatEvent,
  ChatRequest,
  ChatResponse,
  CompletionRequest,
  CompletionResponse,
  EmbeddingRequest,
  EmbeddingResponse,
  Engine,
} from '../engine.ts';
import { clientBodyOf, keepWireText } from '../wire-forms.ts';
import { CallSignal } from './call-signal.ts';
import { invalidResponseError, readErrorBody, statusError, transportError } from './errors.ts';
import {
  isTranslatedChatForm,
  translateChatRequest,
  translateCompletionRequest,
  translateEmbeddingRequest,
} from './translate-request.ts';
import {
  hasChoices,
  hasEmbeddings,
  isEncodedChatForm,
  isEncodedEmbeddingForm,
  translateChatResponse,
  translateCompletionResponse,
  translateEmbeddingResponse,
} from './translate-response.ts';
import { StreamCall } from './stream-call.ts';
import { StreamTranslator, type StreamKind } from './translate-stream.ts';
import { UnaryCall, type UpstreamJson } from './unary-call.ts';
import { UpstreamEventStream } from './upstream-stream.ts';

/** Talks to one OpenAI-compatible deployment; created once per deployment by the registry. */
export class OpenAICompatibleEngine implements Engine {
  readonly kind = 'openai-compatible' as const;
  readonly name: string;
  readonly #deployment: OpenAICompatibleDeploymentConfig;
  readonly #pool: Pool;
  readonly #headers: Record<string, string>;
  readonly #paths: {
    readonly chat: string;
    readonly completions: string;
    readonly embeddings: string;
    readonly models: string;
  };

  constructor(deployment: OpenAICompatibleDeploymentConfig) {
    const url = new URL(deployment.base_url);
    const base = url.pathname.replace(/\/+$/, '');
    const timeouts = deployment.timeouts;
    this.name = deployment.name;
    this.#deployment = deployment;
    // Undici times connecting (0 is off, as in the config). The first byte and idle gaps are timed by each
    // call's CallDeadline, on the one timer that also runs its total timeout (see call-deadline.ts).
    this.#pool = new Pool(url.origin, {
      connections: deployment.max_connections,
      connect: { timeout: timeouts.connect_ms },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.#headers = requestHeaders(deployment);
    this.#paths = {
      chat: `${base}/chat/completions`,
      completions: `${base}/completions`,
      embeddings: `${base}/embeddings`,
      models: `${base}/models`,
    };
  }

  /** Runs a non-streaming chat completion. */
  async chat(request: ChatRequest, context: CallContext): Promise<ChatResponse> {
    const { value: body, text } = await this.#post(
      this.#paths.chat,
      chatWire(request, context, false),
      context,
    );
    if (!hasChoices(body)) throw invalidResponseError(this.name, 'the body has no choices array');
    const response = translateChatResponse(body);
    if (isEncodedChatForm(body, request.model)) keepWireText(response, { model: request.model, text });
    return response;
  }

  /** Starts a chat stream; resolves once the upstream's 2xx headers arrive. */
  chatStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<ChatEvent>> {
    return this.#stream(this.#paths.chat, chatWire(request, context, true), context, 'chat');
  }

  /** Runs a non-streaming legacy completion. */
  async completion(request: CompletionRequest, context: CallContext): Promise<CompletionResponse> {
    const wire = translateCompletionRequest(request, context.upstreamModel, false);
    const { value: body } = await this.#post(this.#paths.completions, wire, context);
    if (!hasChoices(body)) throw invalidResponseError(this.name, 'the body has no choices array');
    return translateCompletionResponse(body);
  }

  /** Starts a legacy completion stream; resolves once the upstream's 2xx headers arrive. */
  completionStream(request: CompletionRequest, context: CallContext): Promise<AsyncIterable<ChatEvent>> {
    const wire = translateCompletionRequest(request, context.upstreamModel, true);
    return this.#stream(this.#paths.completions, wire, context, 'completion');
  }

  /** Computes embeddings. */
  async embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResponse> {
    const wire = translateEmbeddingRequest(request, context.upstreamModel);
    const { value: body, text } = await this.#post(this.#paths.embeddings, wire, context);
    if (!hasEmbeddings(body)) throw invalidResponseError(this.name, 'the body has no data array');
    const response = translateEmbeddingResponse(body);
    if (isEncodedEmbeddingForm(body, request.model)) keepWireText(response, { model: request.model, text });
    return response;
  }

  /** GETs `<base_url>/models` within `health_check.timeout_ms`; resolves on 2xx. */
  async checkHealth(signal: AbortSignal): Promise<void> {
    const call = new CallSignal(signal, this.#deployment.health_check.timeout_ms);
    try {
      const response = await this.#send('GET', this.#paths.models, null, call);
      await response.body.dump();
    } finally {
      call.dispose();
    }
  }

  /** Closes the pool once in-flight requests finish. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  /** Sends `wire` and resolves the answer's JSON; rejects with the call's GatewayError. */
  #post(path: string, wire: object, context: CallContext): Promise<UpstreamJson> {
    const call = new UnaryCall(this.#deployment, context.signal);
    const options = { method: 'POST' as const, path, headers: this.#headers, body: JSON.stringify(wire) };
    this.#pool.dispatch(options, call);
    return call.body;
  }

  async #stream(
    path: string,
    wire: object,
    context: CallContext,
    kind: StreamKind,
  ): Promise<AsyncIterable<ChatEvent>> {
    const call = new StreamCall(this.#deployment, context.signal);
    const options = { method: 'POST' as const, path, headers: this.#headers, body: JSON.stringify(wire) };
    this.#pool.dispatch(options, call);
    await call.started;
    const translator = new StreamTranslator(this.name, kind, context.requestId);
    return new UpstreamEventStream(call, translator, this.#deployment);
  }

  /** Sends a request and returns a 2xx response; anything else is thrown as a GatewayError. */
  async #send(
    method: Dispatcher.HttpMethod,
    path: string,
    body: string | null,
    call: CallSignal,
  ): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#pool.request({
        method,
        path,
        headers: this.#headers,
        body,
        signal: call.signal,
      });
    } catch (error) {
      throw transportError(this.#deployment, error, call, 'request');
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    const text = await readErrorBody(response.body);
    throw statusError(this.name, response.statusCode, response.headers, text);
  }
}

/** The chat body for the upstream: the client's own when translating it would write the same (wire-forms.ts). */
function chatWire(request: ChatRequest, context: CallContext, stream: boolean): object {
  const body = clientBodyOf(request);
  return body !== undefined && isTranslatedChatForm(body, context.upstreamModel, stream)
    ? body
    : translateChatRequest(request, context.upstreamModel, stream);
}

function requestHeaders(deployment: OpenAICompatibleDeploymentConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  if (deployment.api_key !== undefined && deployment.api_key !== '') {
    headers.authorization = `Bearer ${deployment.api_key}`;
  }
  // Lower-cased so a configured `Authorization` replaces the derived one instead of being sent twice.
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  headers['content-type'] = 'application/json';
  return headers;
}
