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
import type { GuardedChat, GuardStage } from './guard-stage.ts';
import { observeStream } from './observe-stream.ts';

/** What the server knows about a request besides its body. */
export interface RequestContext {
  readonly requestId: string;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  /** Data classes the caller declared (`x-daulat-data-class`), for residency routing. */
  readonly declaredDataClasses?: string;
}

/** A routed result and the deployment that produced it. */
export interface GatewayResult<T> {
  readonly value: T;
  readonly deployment: string;
  /** What the guardrails did (`x-daulat-guard`), when they did anything. */
  readonly guard?: string;
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

/** The guard of one request, when the gateway has guardrails; chat requests only. */
type GuardFor = ((route: Route) => GuardedChat) | undefined;

/** Builds the pipeline over a router; `record` receives every finished request; `guard` screens chats. */
export function createGateway(router: Router, record: RequestRecorder, guard?: GuardStage): Gateway {
  function resolve(model: string): Route {
    const route = router.resolve(model);
    if (!route) throw new GatewayError('model_not_found', `model '${model}' not found`, { param: 'model' });
    return route;
  }

  async function routeCall<R extends { model: string }, T>(
    request: R,
    context: RequestContext,
    call: Call<R, T>,
    guarded: GuardedChat | undefined,
  ): Promise<Routed<T>> {
    return router.execute(
      guarded?.route ?? resolve(request.model),
      (target: Target) =>
        call(target.engine, guarded === undefined ? request : (guarded.requestFor(target) as unknown as R), {
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
    guardFor: GuardFor = undefined,
    screen: (guarded: GuardedChat, value: T) => T = (_guarded, value) => value,
  ): Promise<GatewayResult<T>> {
    let routed: Routed<T> | undefined;
    try {
      const guarded = guardFor?.(resolve(request.model));
      routed = await routeCall(request, context, call, guarded);
      routed.release();
      const value = guarded === undefined ? routed.value : screen(guarded, routed.value);
      record(finished(operation, request.model, context, false, routed, value.usage, undefined));
      return withGuard({ value, deployment: routed.target.deployment.name }, guarded);
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
    guardFor: GuardFor = undefined,
  ): Promise<GatewayResult<AsyncIterable<ChatEvent>>> {
    let routed: Routed<AsyncIterable<ChatEvent>>;
    let guarded: GuardedChat | undefined;
    try {
      guarded = guardFor?.(resolve(request.model));
      routed = await routeCall(request, context, call, guarded);
    } catch (error) {
      record(failed(operation, request.model, context, true, error));
      throw error;
    }
    const screened = guarded === undefined ? routed.value : guarded.guardStream(routed.value);
    const events = observeStream(screened, context, (outcome) => {
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
    return withGuard({ value: events, deployment: routed.target.deployment.name }, guarded);
  }

  const chatGuard = (request: ChatRequest, context: RequestContext): GuardFor =>
    guard === undefined ? undefined : (route) => guard.prepare(request, route, context.declaredDataClasses);

  return {
    router,
    chat: (request, context) =>
      unary(
        'chat',
        request,
        context,
        (engine, r, c) => engine.chat(r, c),
        chatGuard(request, context),
        (guarded, response) => guarded.guardResponse(response),
      ),
    chatStream: (request, context) =>
      streaming(
        'chat',
        request,
        context,
        (engine, r, c) => engine.chatStream(r, c),
        chatGuard(request, context),
      ),
    completion: (request, context) =>
      unary('completion', request, context, (engine, r, c) => engine.completion(r, c)),
    completionStream: (request, context) =>
      streaming('completion', request, context, (engine, r, c) => engine.completionStream(r, c)),
    embed: (request, context) => unary('embedding', request, context, (engine, r, c) => engine.embed(r, c)),
  };
}

function withGuard<T>(result: GatewayResult<T>, guarded: GuardedChat | undefined): GatewayResult<T> {
  const header = guarded?.header();
  return header === undefined ? result : { ...result, guard: header };
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
