/**
 * The request pipeline: resolve the model, check the key may use it, reserve its limits, screen it
 * (guardrails), route to an engine (with retries and fallback), observe the result for usage and outcome,
 * settle the limits with the real usage, and record it for the ledger and metrics.
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
import { isModelAllowed } from '../tenancy/model-patterns.ts';
import type { Tenant } from '../tenancy/keyring.ts';
import type { KeyRecord } from '../store/store.ts';
import type { Operation, RequestRecord, RequestRecorder } from './request-record.ts';
import type { DeploymentGuardrailsConfig } from '../config/guardrails-schema.ts';
import type { GuardedChat, GuardStage, KeyGuardrails } from './guard-stage.ts';
import type { Admission, LimitStage } from './limit-stage.ts';
import type { HeaderList } from '../limits/rate-headers.ts';
import { captureStream, requestContent, responseContent } from './content-log.ts';
import {
  chatAdapter,
  completionAdapter,
  embeddingAdapter,
  guardCompletionResponse,
  type GuardAdapter,
} from './guard-adapters.ts';
import { observeStream } from './observe-stream.ts';
import { usageCounts } from './usage-counts.ts';
import type { CancelSignal } from '../client-signal.ts';

/** What the server knows about a request besides its body. */
export interface RequestContext {
  readonly requestId: string;
  /** Aborted when the client goes away. */
  readonly signal: CancelSignal;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  /** Epoch milliseconds at arrival, for the ledger. */
  readonly receivedAt: number;
  /** The virtual key's tenant, when the request came with one. */
  readonly tenant?: Tenant;
  /** The caller's W3C `traceparent`, so the request's span joins the caller's trace. */
  readonly traceParent?: string;
  /** Data classes the caller declared (`x-daulat-data-class`), for residency routing. */
  readonly declaredDataClasses?: string;
}

/** A routed result and the deployment that produced it. */
export interface GatewayResult<T> {
  readonly value: T;
  readonly deployment: string;
  /** What the guardrails did (`x-daulat-guard`), when they did anything. */
  readonly guard?: string;
  /** Writes the `x-ratelimit-*` headers, when the key or team has limits. */
  readonly limits?: { pushHeaders(list: HeaderList): void };
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

/** A request's guard, and the request each target gets once screened (redacted, with the canary). */
interface GuardedRequest<R> {
  readonly chat: GuardedChat;
  requestFor(target: Target): R;
}

/**
 * A request's guard and its adapter: one object with a method, not an object and a closure over the request, as
 * every screened request holds it until it is routed.
 */
class AdaptedGuard<R> implements GuardedRequest<R> {
  readonly chat: GuardedChat;
  readonly #adapter: GuardAdapter<R>;
  readonly #request: R;

  constructor(chat: GuardedChat, adapter: GuardAdapter<R>, request: R) {
    this.chat = chat;
    this.#adapter = adapter;
    this.#request = request;
  }

  requestFor(target: Target): R {
    return this.#adapter.fromChat(this.chat.requestFor(target), this.#request);
  }
}

/** The optional stages around routing. */
export interface GatewayStages {
  /** Receives every finished request. */
  readonly record: RequestRecorder;
  /** Screens chats (absent when every guardrail is off). */
  readonly guard?: GuardStage;
  /** Reserves and settles keys' and teams' limits (absent without a key store). */
  readonly limits?: LimitStage;
  /** Told when recording a finished request fails (it runs after the response, so nobody else hears). */
  readonly onRecordError?: (error: unknown) => void;
}

/** Builds the pipeline over a router and its stages. */
export function createGateway(router: Router, stages: GatewayStages): Gateway {
  const { record, guard, limits, onRecordError } = stages;

  function resolve(model: string, tenant: Tenant | undefined): Route {
    if (tenant !== undefined && !isModelAllowed(tenant.key.models, model)) {
      throw new GatewayError('model_not_allowed', `this key may not use model '${model}'`, {
        param: 'model',
      });
    }
    const route = router.resolve(model);
    if (!route) throw new GatewayError('model_not_found', `model '${model}' not found`, { param: 'model' });
    return route;
  }

  /**
   * Reserves the request's limits on its route; the admission is settled by whoever records the request.
   * Undefined, not a promise, when no limits apply: each await costs a promise and a turn of the microtask
   * queue, and a bare request would otherwise pay several for nothing.
   */
  function admit(
    operation: Operation,
    request: { model: string },
    route: Route,
    context: RequestContext,
  ): Admission | Promise<Admission> | undefined {
    if (limits === undefined || context.tenant === undefined) return undefined;
    return limits.admit(operation, request, route, context.tenant);
  }

  // The bookkeeping of a finished request — settling its limits, its ledger row, metrics, audit, trace — runs
  // once the response is on its way: it is not the client's latency. `setImmediate` runs it in this turn of
  // the event loop, before any request the client sends after reading the response can be taken in, so that
  // request still sees the settled limits. One immediate serves every request finished in the same turn
  // (under load, dozens), in the order they finished.
  let done: { entry: RequestRecord; admission: Admission | undefined }[] = [];
  function bookkeeping(): void {
    const batch = done;
    done = [];
    for (const { entry, admission } of batch) {
      try {
        admission?.settle(entry);
        record(entry);
      } catch (error) {
        onRecordError?.(error);
      }
    }
  }
  function emit(entry: RequestRecord, admission: Admission | undefined): void {
    if (done.push({ entry, admission }) === 1) setImmediate(bookkeeping);
  }

  function routeCall<R extends { model: string }, T>(
    request: R,
    route: Route,
    context: RequestContext,
    call: Call<R, T>,
    guarded: GuardedRequest<R> | undefined,
  ): Promise<Routed<T>> {
    return router.execute(
      guarded?.chat.route ?? route,
      (target: Target) =>
        call(target.engine, guarded === undefined ? request : guarded.requestFor(target), {
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
    adapter: GuardAdapter<R> | undefined = undefined,
    screen: (guarded: GuardedChat, value: T) => T | Promise<T> = (_guarded, value) => value,
  ): Promise<GatewayResult<T>> {
    let admission: Admission | undefined;
    let guarded: GuardedChat | undefined;
    try {
      const route = resolve(request.model, context.tenant);
      const admitting = admit(operation, request, route, context);
      if (admitting !== undefined) admission = admitting instanceof Promise ? await admitting : admitting;
      const screening = adapter === undefined ? undefined : guardOf(adapter, request, route, context);
      guarded = screening?.chat;
      const prescreening = guarded?.prescreen();
      if (prescreening !== undefined) await prescreening;
      const routed = await routeCall(request, route, context, call, screening);
      routed.release();
      const answer = guarded === undefined ? routed.value : screen(guarded, routed.value);
      const value = answer instanceof Promise ? await answer : answer;
      const entry = finished(
        operation,
        request.model,
        context,
        false,
        guarded,
        routed,
        value.usage,
        undefined,
      );
      emit(
        context.tenant?.key.logContent === true
          ? withContent(entry, operation, request, responseContent(operation, value))
          : entry,
        admission,
      );
      return withGuard({ value, deployment: routed.target.deployment.name }, guarded, admission);
    } catch (error) {
      emit(failed(operation, request.model, context, false, guarded, error), admission);
      throw withHeaders(error, admission);
    }
  }

  async function streaming<R extends { model: string }>(
    operation: Operation,
    request: R,
    context: RequestContext,
    call: Call<R, AsyncIterable<ChatEvent>>,
    adapter: GuardAdapter<R> | undefined = undefined,
  ): Promise<GatewayResult<AsyncIterable<ChatEvent>>> {
    let routed: Routed<AsyncIterable<ChatEvent>>;
    let guarded: GuardedChat | undefined;
    let admission: Admission | undefined;
    try {
      const route = resolve(request.model, context.tenant);
      const admitting = admit(operation, request, route, context);
      if (admitting !== undefined) admission = admitting instanceof Promise ? await admitting : admitting;
      const screening = adapter === undefined ? undefined : guardOf(adapter, request, route, context);
      guarded = screening?.chat;
      const prescreening = guarded?.prescreen();
      if (prescreening !== undefined) await prescreening;
      routed = await routeCall(request, route, context, call, screening);
    } catch (error) {
      emit(failed(operation, request.model, context, true, guarded, error), admission);
      throw withHeaders(error, admission);
    }
    let screened = guarded === undefined ? routed.value : guarded.guardStream(routed.value);
    let streamed: unknown;
    const logContent = context.tenant?.key.logContent === true;
    if (logContent) screened = captureStream(screened, (content) => (streamed = content));
    const events = observeStream(screened, context, (outcome) => {
      routed.release(outcome.error);
      const base = finished(
        operation,
        request.model,
        context,
        true,
        guarded,
        routed,
        outcome.usage,
        outcome.timeToFirstTokenMs,
      );
      const entry: RequestRecord = outcome.error
        ? { ...base, outcome: outcome.cancelled ? 'cancelled' : 'error', errorCode: outcome.error.code }
        : base;
      emit(logContent ? withContent(entry, operation, request, streamed) : entry, admission);
    });
    return withGuard({ value: events, deployment: routed.target.deployment.name }, guarded, admission);
  }

  /**
   * The guard of a request of any API on its route, screened as a chat through its adapter; undefined when the
   * guardrails do not screen it. The stage's options are one literal of fixed shape: a conditional spread would
   * cost a temporary object and Node 20's slow path for every screened request.
   */
  function guardOf<R>(
    adapter: GuardAdapter<R>,
    request: R,
    route: Route,
    context: RequestContext,
  ): GuardedRequest<R> | undefined {
    if (guard === undefined) return undefined;
    const chat = adapter.toChat(request);
    if (chat === undefined) return undefined;
    const guarded = guard.prepare(chat, route, {
      declaredClasses: context.declaredDataClasses,
      signal: context.signal,
      screenInjection: adapter.screenInjection,
      key: keyGuardrails(context),
    });
    return guarded === undefined ? undefined : new AdaptedGuard(guarded, adapter, request);
  }

  return {
    router,
    chat: (request, context) =>
      unary(
        'chat',
        request,
        context,
        (engine, r, c) => engine.chat(r, c),
        chatAdapter,
        (guarded, response) => guarded.guardResponse(response),
      ),
    chatStream: (request, context) =>
      streaming('chat', request, context, (engine, r, c) => engine.chatStream(r, c), chatAdapter),
    completion: (request, context) =>
      unary(
        'completion',
        request,
        context,
        (engine, r, c) => engine.completion(r, c),
        completionAdapter,
        guardCompletionResponse,
      ),
    completionStream: (request, context) =>
      streaming(
        'completion',
        request,
        context,
        (engine, r, c) => engine.completionStream(r, c),
        completionAdapter,
      ),
    embed: (request, context) =>
      unary('embedding', request, context, (engine, r, c) => engine.embed(r, c), embeddingAdapter),
  };
}

/**
 * Each key's guardrail overrides as the guard stage takes them: one object per key record, made on its first
 * request, as the stage keeps the key's policies and plans by that object. Records are replaced, never changed,
 * when their key is: a replaced record gets a fresh object, and the old one goes with it.
 */
const keyGuardrailsOf = new WeakMap<KeyRecord, KeyGuardrails>();

/** The caller's key's guardrail overrides, when it has any. */
function keyGuardrails(context: RequestContext): KeyGuardrails | undefined {
  const key = context.tenant?.key;
  if (key?.guardrails === undefined) return undefined;
  let known = keyGuardrailsOf.get(key);
  if (known === undefined) {
    known = { id: key.id, version: key.updatedAt, overrides: key.guardrails as DeploymentGuardrailsConfig };
    keyGuardrailsOf.set(key, known);
  }
  return known;
}

function withGuard<T>(
  result: GatewayResult<T>,
  guarded: GuardedChat | undefined,
  admission: Admission | undefined,
): GatewayResult<T> {
  const header = guarded?.header();
  if (header === undefined && admission === undefined) return result;
  // Built field by field: object spread takes a slow path on Node 20 (see assign-extra.ts).
  const withHeaders: { -readonly [K in keyof GatewayResult<T>]: GatewayResult<T>[K] } = {
    value: result.value,
    deployment: result.deployment,
  };
  if (header !== undefined) withHeaders.guard = header;
  if (admission !== undefined) withHeaders.limits = admission;
  return withHeaders;
}

function withContent(
  entry: RequestRecord,
  operation: Operation,
  request: object,
  response: unknown,
): RequestRecord {
  return { ...entry, content: JSON.stringify({ request: requestContent(operation, request), response }) };
}

/** A failure after admission still tells the client its remaining limits. */
function withHeaders(error: unknown, admission: Admission | undefined): unknown {
  if (admission === undefined || !(error instanceof GatewayError) || error.headers !== undefined)
    return error;
  return Object.assign(error, { headers: admission.headers });
}

/** How a request ended, for its record. */
interface Ending {
  readonly operation: Operation;
  readonly model: string;
  readonly stream: boolean;
  readonly routed: Routed<unknown> | undefined;
  readonly outcome: RequestRecord['outcome'];
  readonly errorCode: RequestRecord['errorCode'];
  readonly usage: ChatResponse['usage'];
  readonly timeToFirstTokenMs: number | undefined;
}

/**
 * The request's record: one literal of fixed shape, absent values undefined. Every request makes one, and
 * spreading optional parts in would cost a temporary object each.
 */
function requestRecord(
  context: RequestContext,
  guarded: GuardedChat | undefined,
  ending: Ending,
): RequestRecord {
  const { routed } = ending;
  const counts = usageCounts(ending.usage);
  const tenant = context.tenant;
  return {
    requestId: context.requestId,
    at: context.receivedAt,
    operation: ending.operation,
    model: ending.model,
    deployment: routed?.target.deployment.name,
    location: routed?.target.deployment.location,
    stream: ending.stream,
    outcome: ending.outcome,
    errorCode: ending.errorCode,
    promptTokens: counts.promptTokens,
    completionTokens: counts.completionTokens,
    cachedPromptTokens: counts.cachedPromptTokens,
    reasoningTokens: counts.reasoningTokens,
    latencyMs: performance.now() - context.startedAt,
    timeToFirstTokenMs: ending.timeToFirstTokenMs,
    attempts: routed?.attempts ?? [],
    tenant: tenant === undefined ? undefined : { keyId: tenant.key.id, team: tenant.key.team },
    guardEvents: guarded?.events ?? [],
    guardSummary: guarded?.header(),
    dataClasses: guarded?.dataClasses ?? declaredClasses(context.declaredDataClasses),
    traceParent: context.traceParent,
    content: undefined,
    guardCalls:
      guarded === undefined || guarded.guardCalls.length === 0 ? undefined : [...guarded.guardCalls],
  };
}

function declaredClasses(header: string | undefined): readonly string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

function finished(
  operation: Operation,
  model: string,
  context: RequestContext,
  stream: boolean,
  guarded: GuardedChat | undefined,
  routed: Routed<unknown>,
  usage: ChatResponse['usage'],
  timeToFirstTokenMs: number | undefined,
): RequestRecord {
  return requestRecord(context, guarded, {
    operation,
    model,
    stream,
    routed,
    outcome: 'ok',
    errorCode: undefined,
    usage,
    timeToFirstTokenMs,
  });
}

function failed(
  operation: Operation,
  model: string,
  context: RequestContext,
  stream: boolean,
  guarded: GuardedChat | undefined,
  error: unknown,
): RequestRecord {
  const gatewayError = toGatewayError(error);
  return requestRecord(context, guarded, {
    operation,
    model,
    stream,
    routed: undefined,
    outcome: gatewayError.code === 'client_closed' ? 'cancelled' : 'error',
    errorCode: gatewayError.code,
    usage: undefined,
    timeToFirstTokenMs: undefined,
  });
}
