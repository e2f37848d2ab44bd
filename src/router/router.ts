/**
 * The router: resolves a public model name to deployments and runs a request on them with the route's
 * strategy, per-deployment concurrency limits, retries, fallback, circuit breakers and health checks.
 * The gateway pipeline calls `resolve` then `execute`; the server reads `models`, `status` and `isReady`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Config, DeploymentConfig, Strategy } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import type { ErrorCode, GatewayError } from '../errors.ts';
import type { BreakerState } from './circuit-breaker.ts';
import { DeploymentState } from './deployment-state.ts';
import { executeRoute, type ExecuteContext } from './execute.ts';
import { HealthMonitor, type HealthTimers } from './health.ts';
import { buildModelTable, validateRoutes, type ModelInfo } from './resolve.ts';
import type { CancelSignal } from '../client-signal.ts';

export { validateRoutes, type ModelInfo } from './resolve.ts';

/** One deployment a route may send a request to, and the model name to ask it for. */
export interface Target {
  readonly deployment: DeploymentConfig;
  readonly engine: Engine;
  readonly upstreamModel: string;
}

/** A public model name resolved to its targets and strategy. */
export interface Route {
  readonly model: string;
  readonly targets: readonly Target[];
  readonly strategy: Strategy;
}

/** One attempt (or skip) at one deployment, for the request's log line and ledger. */
export interface AttemptRecord {
  readonly deployment: string;
  readonly code: ErrorCode | 'ok';
  readonly status?: number;
  readonly message?: string;
}

/** A call that reached its upstream: the value, where it ran, and how it got there. */
export interface Routed<T> {
  readonly value: T;
  readonly target: Target;
  readonly attempts: readonly AttemptRecord[];
  /**
   * Must be called exactly once when the response is finished (stream fully sent or failed); frees the
   * concurrency slot. Pass the error if the stream failed after its first byte so it counts against the breaker.
   */
  release(error?: GatewayError): void;
}

/** One deployment's line in `/status`; `outstanding` counts requests in flight. */
export interface DeploymentStatus {
  readonly name: string;
  readonly location: string;
  readonly breaker: BreakerState;
  readonly healthy: boolean;
  readonly outstanding: number;
  readonly queued: number;
  readonly lastError?: string;
}

/** The router the gateway pipeline and server use; built once by `createRouter`. */
export interface Router {
  /** Public model names (every served model of every deployment, plus aliases), sorted. */
  models(): readonly ModelInfo[];
  resolve(model: string): Route | undefined;
  /** Runs `call` on targets chosen by the route's strategy until one succeeds; `call` resolves when the upstream's first byte (headers) arrived. */
  execute<T>(route: Route, call: (target: Target) => Promise<T>, signal: CancelSignal): Promise<Routed<T>>;
  status(): readonly DeploymentStatus[];
  /** Ready when there are no deployments, or at least one deployment's breaker is not open. */
  isReady(): boolean;
  /** Starts active health-check timers (deployments with health_check.interval_ms > 0); unref'd timers. */
  start(): void;
  /** Stops timers and closes every engine. */
  close(): Promise<void>;
}

/** Injection points for tests: randomness, the clock (ms, monotonic), sleeping, and health-check timers. */
export interface RouterOptions {
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly timers?: HealthTimers;
}

/** Builds the router over one engine per deployment (keyed by deployment name); throws on an invalid route table. */
export function createRouter(
  config: Config,
  engines: ReadonlyMap<string, Engine>,
  options: RouterOptions = {},
): Router {
  const problems = validateRoutes(config);
  config.deployments.forEach((deployment, index) => {
    if (!engines.has(deployment.name))
      problems.push(`deployments[${index}]: no engine for deployment '${deployment.name}'`);
  });
  if (problems.length > 0) throw new Error(`invalid routing configuration:\n  ${problems.join('\n  ')}`);

  const now = options.now ?? (() => performance.now());
  const states = new Map<string, DeploymentState>();
  for (const deployment of config.deployments) {
    states.set(
      deployment.name,
      new DeploymentState(deployment, engines.get(deployment.name)!, config.routing, now),
    );
  }
  const table = buildModelTable(config, (name) => engines.get(name)!);
  const context: ExecuteContext = {
    routing: config.routing,
    states,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal })),
  };
  const health = new HealthMonitor(
    config.deployments.map((deployment) => ({
      name: deployment.name,
      intervalMs: deployment.health_check.interval_ms,
      timeoutMs: deployment.health_check.timeout_ms,
      check: (signal: AbortSignal) => engines.get(deployment.name)!.checkHealth(signal),
    })),
    (name, error) => onHealthResult(states.get(name)!, error),
    options.timers,
  );

  return {
    models: () => table.models,
    resolve: (model) => table.routes.get(model),
    execute: (route, call, signal) => executeRoute(context, route, call, signal),
    status: () => [...states.values()].map((state) => state.status()),
    isReady: () => states.size === 0 || [...states.values()].some((state) => state.breaker.state !== 'open'),
    start: () => health.start(),
    close: async () => {
      health.stop();
      const results = await Promise.allSettled(
        [...new Set(engines.values())].map((engine) => engine.close()),
      );
      const failures = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as unknown] : [],
      );
      if (failures.length > 0) throw new AggregateError(failures, 'closing engines failed');
    },
  };
}

function onHealthResult(state: DeploymentState, error: unknown): void {
  if (error === undefined) {
    state.healthy = true;
    if (state.breaker.state !== 'closed') state.breaker.reset();
    return;
  }
  state.healthy = false;
  state.breaker.hold();
  state.lastError = `health check failed: ${error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error'}`;
}
