/**
 * The request pipeline: resolve the model, route to an engine (with retries and fallback), observe the
 * result for usage and outcome, and record it. Later stages (auth, limits, guardrails) slot in here.
 */
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
} from '../engines/engine.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { Route, Router, Routed, Target } from '../router/router.ts';
import type { Operation, RequestRecord, RequestRecorder } from './request-record.ts';
import { observeStream } from './observe-stream.ts';

/** What the server knows about a request besides its body. */
export interface RequestContext {
  readonly requestId: string;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
}

/** A routed result and the deployment that produced it. */
export interface GatewayResult<T> {
  readonly value: T;
  readonly deployment: string;
}

/** The pipeline the routes call. */
export interface Gateway {
  chat(request: ChatRequest, context: RequestContext): Promise<GatewayResult<ChatResponse>>;
  /** Resolves once an upstream has answered; stream failures after that are `error` events. */
  chatStream(request: ChatRequest, context: RequestContext): Promise<GatewayResult<AsyncIterable<ChatEvent>>>;
  completion(request: CompletionRequest, context: RequestContext): Promise<GatewayResult<CompletionResponse>>;
  completionStream(
    request: CompletionRequest,
    context: RequestContext,
  ): Promise<GatewayResult<AsyncIterable<ChatEvent>>>;
  embed(request: EmbeddingRequest, context: RequestContext): Promise<GatewayResult<EmbeddingResponse>>;
  readonly router: Router;
}

type Call<R, T> = (engine: Engine, request: R, context: CallContext) => Promise<T>;

/** Builds the pipeline over a router; `record` receives every finished request. */
export function createGateway(router: Router, record: RequestRecorder): Gateway {
  function resolve(model: string): Route {
    const route = router.resolve(model);
    if (!route) throw new GatewayError('model_not_found', `model '${model}' not found`, { param: 'model' });
    return route;
  }

  async function routeCall<R extends { model: string }, T>(
    request: R,
    context: RequestContext,
    call: Call<R, T>,
  ): Promise<Routed<T>> {
    const route = resolve(request.model);
    return router.execute(
      route,
      (target: Target) =>
        call(target.engine, request, {
          signal: context.signal,
          requestId: context.requestId,
          upstreamModel: target.upstreamModel,
        }),
      context.signal,
    );
  }

  async function unary<R extends { model: string }, T extends { usage?: ChatResponse['usage'] }>(
    operation: Operation,
    request: R,
    context: RequestContext,
    call: Call<R, T>,
  ): Promise<GatewayResult<T>> {
    let routed: Routed<T> | undefined;
    try {
      routed = await routeCall(request, context, call);
      routed.release();
      record(finished(operation, request.model, context, false, routed, routed.value.usage, undefined));
      return { value: routed.value, deployment: routed.target.deployment.name };
    } catch (error) {
      record(failed(operation, request.model, context, false, error));
      throw error;
    }
  }

  async function streaming<R extends { model: string }>(
    operation: Operation,
    request: R,
    context: RequestContext,
    call: Call<R, AsyncIterable<ChatEvent>>,
  ): Promise<GatewayResult<AsyncIterable<ChatEvent>>> {
    let routed: Routed<AsyncIterable<ChatEvent>>;
    try {
      routed = await routeCall(request, context, call);
    } catch (error) {
      record(failed(operation, request.model, context, true, error));
      throw error;
    }
    const events = observeStream(routed.value, context, (outcome) => {
      routed.release(outcome.error);
      record({
        ...finished(
          operation,
          request.model,
          context,
          true,
          routed,
          outcome.usage,
          outcome.timeToFirstTokenMs,
        ),
        ...(outcome.error
          ? { outcome: outcome.cancelled ? 'cancelled' : 'error', errorCode: outcome.error.code }
          : {}),
      });
    });
    return { value: events, deployment: routed.target.deployment.name };
  }

  return {
    router,
    chat: (request, context) => unary('chat', request, context, (engine, r, c) => engine.chat(r, c)),
    chatStream: (request, context) =>
      streaming('chat', request, context, (engine, r, c) => engine.chatStream(r, c)),
    completion: (request, context) =>
      unary('completion', request, context, (engine, r, c) => engine.completion(r, c)),
    completionStream: (request, context) =>
      streaming('completion', request, context, (engine, r, c) => engine.completionStream(r, c)),
    embed: (request, context) => unary('embedding', request, context, (engine, r, c) => engine.embed(r, c)),
  };
}

function finished(
  operation: Operation,
  model: string,
  context: RequestContext,
  stream: boolean,
  routed: Routed<unknown>,
  usage: ChatResponse['usage'],
  timeToFirstTokenMs: number | undefined,
): RequestRecord {
  return {
    requestId: context.requestId,
    operation,
    model,
    deployment: routed.target.deployment.name,
    stream,
    outcome: 'ok',
    promptTokens: usage?.promptTokens ?? 0,
    completionTokens: usage?.completionTokens ?? 0,
    latencyMs: performance.now() - context.startedAt,
    ...(timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs }),
    attempts: routed.attempts,
  };
}

function failed(
  operation: Operation,
  model: string,
  context: RequestContext,
  stream: boolean,
  error: unknown,
): RequestRecord {
  const gatewayError = toGatewayError(error);
  return {
    requestId: context.requestId,
    operation,
    model,
    deployment: undefined,
    stream,
    outcome: gatewayError.code === 'client_closed' ? 'cancelled' : 'error',
    errorCode: gatewayError.code,
    promptTokens: 0,
    completionTokens: 0,
    latencyMs: performance.now() - context.startedAt,
    attempts: [],
  };
}
