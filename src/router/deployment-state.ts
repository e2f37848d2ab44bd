/**
 * What the router knows about one deployment at run time: its concurrency limiter, circuit breaker,
 * health-check verdict and last error. One instance per deployment, shared by every route that targets it.
 */
import type { DeploymentConfig, RoutingConfig } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { ConcurrencyLimiter } from './concurrency.ts';
import type { SkipReason } from './retry.ts';
import type { DeploymentStatus } from './router.ts';

/** One deployment's run-time state. */
export class DeploymentState {
  readonly deployment: DeploymentConfig;
  readonly engine: Engine;
  readonly limiter: ConcurrencyLimiter;
  readonly breaker: CircuitBreaker;
  /** The last active health check's verdict; true until a check fails. */
  healthy = true;
  lastError: string | undefined;

  constructor(deployment: DeploymentConfig, engine: Engine, routing: RoutingConfig, now: () => number) {
    this.deployment = deployment;
    this.engine = engine;
    this.limiter = new ConcurrencyLimiter(deployment.max_concurrency, deployment.max_queue);
    this.breaker = new CircuitBreaker({
      failureThreshold: routing.circuit_breaker.failure_threshold,
      cooldownMs: routing.circuit_breaker.cooldown_ms,
      now,
    });
  }

  /** Requests in flight plus queued: what `least-outstanding` compares. */
  get load(): number {
    return this.limiter.active + this.limiter.queued;
  }

  /** Why a request must skip this deployment now, or undefined when it may take one. */
  get skipReason(): SkipReason | undefined {
    if (!this.healthy) return 'unhealthy';
    return this.breaker.isAdmitting ? undefined : 'circuit open';
  }

  /** The deployment's line in `/status`. */
  status(): DeploymentStatus {
    return {
      name: this.deployment.name,
      location: this.deployment.location,
      breaker: this.breaker.state,
      healthy: this.healthy,
      outstanding: this.limiter.active,
      queued: this.limiter.queued,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }
}
