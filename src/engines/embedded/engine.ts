/**
 * The embedded engine: a GGUF model run in-process by llama.cpp (node-llama-cpp). It speaks the same
 * canonical request and events as every engine, so routes, the router and the encoders treat it alike.
 * `*Stream` methods resolve once the model is loaded and a sequence is ready, before the first token.
 */
import { randomUUID } from 'node:crypto';
import type { EmbeddedDeploymentConfig } from '../../config/schema.ts';
import { GatewayError } from '../../errors.ts';
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
import { chatEvents } from './chat-events.ts';
import { planChat, planCompletion, type GenerationPlan } from './chat-plan.ts';
import { collectChat, collectCompletion } from './collect.ts';
import { embedInputs } from './embeddings.ts';
import { createGeneration } from './generate.ts';
import type { LoadedModel, ModelHost, ModelLocator } from './model-host.ts';
import { readRequestOptions, type RequestOptions } from './request-options.ts';
import { toAbortSignal, type CancelSignal } from '../../client-signal.ts';

/** Runs one embedded deployment's requests on its model host. */
export class EmbeddedEngine implements Engine {
  readonly kind = 'embedded' as const;
  readonly name: string;
  readonly #deployment: EmbeddedDeploymentConfig;
  readonly #host: ModelHost;
  readonly #locate: ModelLocator;

  constructor(deployment: EmbeddedDeploymentConfig, host: ModelHost, locate: ModelLocator) {
    this.name = deployment.name;
    this.#deployment = deployment;
    this.#host = host;
    this.#locate = locate;
  }

  async chat(request: ChatRequest, context: CallContext): Promise<ChatResponse> {
    return collectChat(await this.chatStream(request, context));
  }

  chatStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<ChatEvent>> {
    const options = readRequestOptions(request.extra);
    return this.#generate(context, options, request, (loaded) => planChat(loaded, request, options));
  }

  async completion(request: CompletionRequest, context: CallContext): Promise<CompletionResponse> {
    return collectCompletion(await this.completionStream(request, context));
  }

  completionStream(request: CompletionRequest, context: CallContext): Promise<AsyncIterable<ChatEvent>> {
    const options = readRequestOptions(request.extra);
    return this.#generate(context, options, request, (loaded) => planCompletion(loaded, request, options));
  }

  async embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResponse> {
    if (!this.#deployment.embeddings) {
      throw new GatewayError(
        'invalid_request',
        `deployment '${this.name}' does not serve embeddings (embeddings: false)`,
        {
          param: 'model',
        },
      );
    }
    const borrowed = await this.#host.borrow();
    try {
      return await embedInputs(borrowed.loaded, request, toAbortSignal(context.signal));
    } finally {
      borrowed.release();
    }
  }

  /** Healthy when the model is loaded, or its file can be found and passes validation. */
  async checkHealth(): Promise<void> {
    if (!this.#host.isLoaded) await this.#locate(this.#deployment.model);
  }

  close(): Promise<void> {
    return this.#host.close();
  }

  async #generate(
    context: CallContext,
    options: RequestOptions,
    request: ChatRequest | CompletionRequest,
    plan: (loaded: LoadedModel) => GenerationPlan,
  ): Promise<AsyncIterable<ChatEvent>> {
    const signal = withTotalTimeout(context.signal, this.#deployment.timeouts.total_ms);
    const borrowed = await this.#host.borrow();
    let planned: GenerationPlan;
    let lease;
    try {
      planned = plan(borrowed.loaded);
      lease = await borrowed.loaded.sequences.acquire(planned.tokens, signal);
    } catch (error) {
      borrowed.release();
      throw error;
    }
    const done = (): void => {
      lease.release();
      borrowed.release();
    };
    const generation = createGeneration({
      loaded: borrowed.loaded,
      lease,
      promptTokens: planned.tokens.length,
      maxTokens: planned.maxTokens,
      stop: request.stop ?? [],
      sampling: { temperature: request.temperature, topP: request.topP, seed: request.seed, options },
      ...(planned.grammar === undefined ? {} : { grammar: planned.grammar }),
      signal,
    });
    const events = chatEvents(generation, {
      id: `${'messages' in request ? 'chatcmpl' : 'cmpl'}-${randomUUID().replaceAll('-', '')}`,
      created: Math.floor(Date.now() / 1000),
      reasoning: planned.reasoning,
      toolCalls: planned.toolCalls,
      done,
    });
    return releasedIfNeverRead(events, signal, done);
  }
}

/** The caller's signal, also aborted with a 504 once `total_ms` (0 = no limit) has passed. */
function withTotalTimeout(client: CancelSignal, totalMs: number): AbortSignal {
  // node-llama-cpp and AbortSignal.any need a real AbortSignal.
  const signal = toAbortSignal(client);
  if (totalMs === 0) return signal;
  const timeout = new AbortController();
  const timer = setTimeout(
    () =>
      timeout.abort(
        new GatewayError('upstream_timeout', `generation took longer than ${totalMs} ms`, { phase: 'total' }),
      ),
    totalMs,
  );
  timer.unref();
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return AbortSignal.any([signal, timeout.signal]);
}

/**
 * A stream the caller may drop before reading (the client left first): the sequence and model are then
 * released on abort, since the generator's own cleanup only runs once it has started.
 */
function releasedIfNeverRead(
  events: AsyncGenerator<ChatEvent>,
  signal: AbortSignal,
  done: () => void,
): AsyncIterable<ChatEvent> {
  let started = false;
  const onAbort = (): void => {
    if (!started) done();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return {
    [Symbol.asyncIterator]: () => {
      started = true;
      signal.removeEventListener('abort', onAbort);
      return events;
    },
  };
}
