/**
 * A per-deployment circuit breaker: consecutive deployment faults open it, a cooldown later it lets one
 * probe through (half-open), and the probe's outcome closes or reopens it. The router owns one per deployment.
 */

/** The breaker's state as `/status` reports it. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The breaker's answer to one attempt: go ahead, go ahead as the half-open probe, or skip the deployment. */
export type Admission = 'pass' | 'probe' | 'reject';

/** Thresholds from `routing.circuit_breaker`, and the clock (milliseconds, monotonic). */
export interface CircuitBreakerOptions {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  readonly now: () => number;
}

/** One deployment's breaker; state is derived lazily from the clock, so it needs no timers. */
export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  #failures = 0;
  /** When the breaker last opened; undefined while closed. */
  #openedAt: number | undefined;
  /** Held open by a failed health check: no half-open until `reset()`. */
  #held = false;
  #probing = false;

  constructor(options: CircuitBreakerOptions) {
    this.#options = options;
  }

  /** The current state; `open` turns into `half-open` once the cooldown has passed. */
  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    if (this.#held || this.#options.now() - this.#openedAt < this.#options.cooldownMs) return 'open';
    return 'half-open';
  }

  /** Deployment faults since the last success. */
  get consecutiveFailures(): number {
    return this.#failures;
  }

  /** Whether `admit()` would let an attempt through now, without claiming the probe. */
  get isAdmitting(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half-open' && !this.#probing);
  }

  /** Lets an attempt through; in half-open exactly one attempt at a time becomes the probe. */
  admit(): Admission {
    const state = this.state;
    if (state === 'closed') return 'pass';
    if (state === 'open' || this.#probing) return 'reject';
    this.#probing = true;
    return 'probe';
  }

  /** A request succeeded: closes a half-open breaker and resets the count. Ignored while open (a stale request). */
  recordSuccess(): void {
    if (this.state === 'open') return;
    this.#close();
  }

  /** A deployment fault: counts towards the threshold, or reopens a half-open breaker for a new cooldown. */
  recordFailure(): void {
    const state = this.state;
    if (state === 'open') return;
    if (state === 'half-open') return this.#open();
    this.#failures += 1;
    if (this.#failures >= this.#options.failureThreshold) this.#open();
  }

  /** The probe ended without a verdict (the client left, or the upstream rejected the request itself). */
  releaseProbe(): void {
    this.#probing = false;
  }

  /** Opens the breaker until `reset()`: an active health check failed. */
  hold(): void {
    this.#open();
    this.#held = true;
  }

  /** Closes the breaker: an active health check passed. */
  reset(): void {
    this.#close();
  }

  #open(): void {
    this.#openedAt = this.#options.now();
    this.#probing = false;
  }

  #close(): void {
    this.#openedAt = undefined;
    this.#failures = 0;
    this.#held = false;
    this.#probing = false;
  }
}
