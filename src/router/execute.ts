/**
 * Runs one request over a route: orders the targets by strategy, takes a concurrency slot (or queues),
 * retries retryable failures with backoff, falls back to the next target, and builds the final error.
 * `Router.execute` delegates here.
 */
import type { RoutingConfig } from '../config/schema.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { Admission } from './circuit-breaker.ts';
import type { DeploymentState } from './deployment-state.ts';
import { exhaustedError, retryDelay, type SkipReason, type TargetOutcome } from './retry.ts';
import type { AttemptRecord, Route, Routed, Target } from './router.ts';
import { orderTargets } from './strategies.ts';
import { toAbortSignal, type CancelSignal } from '../client-signal.ts';

/** What executions share: the routing config, deployment states and the injected random source and sleep. */
export interface ExecuteContext {
  readonly routing: RoutingConfig;
  readonly states: ReadonlyMap<string, DeploymentState>;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Runs `call` on the route's targets until one succeeds; see `Router.execute`. */
export function executeRoute<T>(
  context: ExecuteContext,
  route: Route,
  call: (target: Target) => Promise<T>,
  signal: CancelSignal,
): Promise<Routed<T>> {
  if (signal.aborted) return Promise.reject(clientClosed(route.model));
  return new Execution(context, route, call, signal).run();
}

/** One request's pass over its targets; holds what it has tried so far. */
class Execution<T> {
  readonly #context: ExecuteContext;
  readonly #route: Route;
  readonly #call: (target: Target) => Promise<T>;
  readonly #signal: CancelSignal;
  readonly #attempts: AttemptRecord[] = [];
  readonly #outcomes: TargetOutcome[] = [];

  constructor(
    context: ExecuteContext,
    route: Route,
    call: (target: Target) => Promise<T>,
    signal: CancelSignal,
  ) {
    this.#context = context;
    this.#route = route;
    this.#call = call;
    this.#signal = signal;
  }

  async run(): Promise<Routed<T>> {
    const order = orderTargets(
      this.#route.strategy,
      this.#route.targets,
      (target) => this.#state(target).load,
      this.#context.random,
    );
    const done = new Array<boolean>(order.length).fill(false);
    for (;;) {
      const acquired = this.#acquire(order, done);
      const index = typeof acquired === 'number' ? acquired : await acquired;
      if (index === -1) throw exhaustedError(this.#route.model, this.#outcomes);
      done[index] = true;
      const routed = await this.#tryTarget(order[index]!);
      if (routed !== undefined) return routed;
    }
  }

  /**
   * Takes a slot at the first target (in order) with a free one; failing that, queues at the first with
   * room in its queue. Skips unhealthy and open-breaker targets. Returns the index, or -1 when all are full;
   * a promise of it only when it queues, so a free slot costs no promise.
   */
  #acquire(order: readonly Target[], done: boolean[]): number | Promise<number> {
    let queueAt = -1;
    for (let i = 0; i < order.length; i++) {
      if (done[i]) continue;
      const state = this.#state(order[i]!);
      const reason = state.skipReason;
      if (reason !== undefined) {
        done[i] = true;
        this.#skip(state, reason);
      } else if (state.limiter.tryAcquire()) {
        return i;
      } else if (queueAt === -1 && state.limiter.hasQueueRoom) {
        queueAt = i;
      }
    }
    if (queueAt === -1) {
      this.#recordBusy(order, done);
      return -1;
    }
    return this.#queue(queueAt, this.#state(order[queueAt]!).limiter);
  }

  /** Waits in `limiter`'s queue for target `index`'s slot. */
  async #queue(index: number, limiter: DeploymentState['limiter']): Promise<number> {
    try {
      await limiter.enqueue(this.#signal);
    } catch (error) {
      throw this.#signal.aborted ? clientClosed(this.#route.model) : error;
    }
    if (this.#signal.aborted) {
      limiter.release();
      throw clientClosed(this.#route.model);
    }
    return index;
  }

  /** Calls one target (slot held) with up to `routing.retries` retries; undefined when it failed and was released. */
  async #tryTarget(target: Target): Promise<Routed<T> | undefined> {
    const state = this.#state(target);
    const routing = this.#context.routing;
    let lastError: GatewayError | undefined;
    let tries = 0;
    for (let retry = 0; ; retry++) {
      const admission = state.breaker.admit();
      if (admission === 'reject') break;
      tries += 1;
      try {
        const value = await this.#call(target);
        return this.#succeed(target, state, value, admission);
      } catch (thrown) {
        lastError = this.#fail(state, thrown, admission);
      }
      if (retry >= routing.retries) break;
      const wait = retryDelay(retry, lastError, routing, this.#context.random);
      if (wait === undefined) break;
      if (wait > 0) await this.#sleep(wait, state);
    }
    state.limiter.release();
    if (lastError === undefined) this.#skip(state, 'circuit open');
    else
      this.#outcomes.push({
        kind: 'failed',
        deployment: state.deployment.name,
        error: lastError,
        attempts: tries,
      });
    return undefined;
  }

  #succeed(target: Target, state: DeploymentState, value: T, admission: Admission): Routed<T> {
    if (admission === 'probe') state.breaker.recordSuccess();
    this.#attempts.push({ deployment: state.deployment.name, code: 'ok' });
    let released = false;
    return {
      value,
      target,
      attempts: this.#attempts,
      release: (error) => {
        if (released) return;
        released = true;
        state.limiter.release();
        if (error === undefined) state.breaker.recordSuccess();
        else if (error.isDeploymentFault) {
          state.breaker.recordFailure();
          state.lastError = `${error.code}: ${error.message}`;
        }
      },
    };
  }

  /** Records a failed attempt; throws (slot released) when the client left or the error is not retryable. */
  #fail(state: DeploymentState, thrown: unknown, admission: Admission): GatewayError {
    const error = toGatewayError(thrown);
    const deployment = state.deployment.name;
    if (this.#signal.aborted) {
      if (admission === 'probe') state.breaker.releaseProbe();
      state.limiter.release();
      this.#attempts.push({ deployment, code: 'client_closed' });
      throw clientClosed(this.#route.model);
    }
    this.#attempts.push({
      deployment,
      code: error.code,
      ...(error.upstreamStatus === undefined ? {} : { status: error.upstreamStatus }),
      message: error.message,
    });
    if (error.isDeploymentFault) state.breaker.recordFailure();
    else if (admission === 'probe') state.breaker.releaseProbe();
    if (error.isDeploymentFault || error.isRetryable) state.lastError = `${error.code}: ${error.message}`;
    if (!error.isRetryable) {
      state.limiter.release();
      throw error;
    }
    return error;
  }

  async #sleep(ms: number, state: DeploymentState): Promise<void> {
    try {
      await this.#context.sleep(ms, toAbortSignal(this.#signal));
    } catch (error) {
      state.limiter.release();
      throw this.#signal.aborted ? clientClosed(this.#route.model) : error;
    }
    if (this.#signal.aborted) {
      state.limiter.release();
      throw clientClosed(this.#route.model);
    }
  }

  #skip(state: DeploymentState, reason: SkipReason): void {
    const deployment = state.deployment.name;
    this.#outcomes.push({ kind: 'skipped', deployment, reason });
    this.#attempts.push({ deployment, code: 'upstream_unavailable', message: reason });
  }

  #recordBusy(order: readonly Target[], done: readonly boolean[]): void {
    order.forEach((target, index) => {
      if (done[index]) return;
      const { limiter, deployment } = this.#state(target);
      const outcome = {
        kind: 'busy',
        deployment: deployment.name,
        inFlight: limiter.active,
        queued: limiter.queued,
      } as const;
      this.#outcomes.push(outcome);
      this.#attempts.push({
        deployment: deployment.name,
        code: 'deployment_busy',
        message: `${outcome.inFlight} in flight, ${outcome.queued} queued`,
      });
    });
  }

  #state(target: Target): DeploymentState {
    const state = this.#context.states.get(target.deployment.name);
    if (state === undefined)
      throw new GatewayError('internal_error', `deployment '${target.deployment.name}' is not configured`);
    return state;
  }
}

function clientClosed(model: string): GatewayError {
  return new GatewayError('client_closed', `model '${model}': the client closed the request`);
}
