/**
 * Retry policy and failure classification: how long to wait before trying a deployment again, and the one
 * error a client sees once every deployment of a model has failed, been skipped or been full.
 */
import type { RoutingConfig } from '../config/schema.ts';
import { GatewayError } from '../errors.ts';

/** How a request went at one deployment, for the final error message. */
export type TargetOutcome =
  | {
      readonly kind: 'failed';
      readonly deployment: string;
      readonly error: GatewayError;
      readonly attempts: number;
    }
  | { readonly kind: 'skipped'; readonly deployment: string; readonly reason: SkipReason }
  | {
      readonly kind: 'busy';
      readonly deployment: string;
      readonly inFlight: number;
      readonly queued: number;
    };

/** Why the router did not try a deployment at all. */
export type SkipReason = 'circuit open' | 'unhealthy';

/** Retry-After the gateway suggests when every deployment is at capacity. */
export const BUSY_RETRY_AFTER_MS = 1_000;

/** Exponential backoff with full jitter for retry `attempt` (0-based): uniform in [0, min(max, base·2^attempt)). */
export function backoffDelay(attempt: number, routing: RoutingConfig, random: () => number): number {
  const ceiling = Math.min(routing.max_backoff_ms, routing.backoff_ms * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retrying after `error` on the same deployment, in milliseconds, or undefined to move on
 * to the next deployment at once (the upstream asked for a longer wait than `max_retry_after_ms`).
 */
export function retryDelay(
  attempt: number,
  error: GatewayError,
  routing: RoutingConfig,
  random: () => number,
): number | undefined {
  if (error.retryAfterMs !== undefined && isRateLimit(error)) {
    return error.retryAfterMs <= routing.max_retry_after_ms ? error.retryAfterMs : undefined;
  }
  return backoffDelay(attempt, routing, random);
}

function isRateLimit(error: GatewayError): boolean {
  return error.code === 'upstream_rate_limited' || error.upstreamStatus === 429;
}

/**
 * The error for a request no deployment served. With real failures: upstream_timeout if all timed out,
 * upstream_rate_limited if the last was a 429, else upstream_error; with none: deployment_busy if any
 * deployment was full, else upstream_unavailable (every breaker open or deployment unhealthy).
 */
export function exhaustedError(model: string, outcomes: readonly TargetOutcome[]): GatewayError {
  const failures = outcomes.filter((outcome) => outcome.kind === 'failed');
  const listing = outcomes.map(describeOutcome).join('; ');
  const last = failures.at(-1)?.error;
  if (last === undefined) {
    if (outcomes.some((outcome) => outcome.kind === 'busy')) {
      return new GatewayError(
        'deployment_busy',
        `model '${model}': every deployment is at capacity (${listing})`,
        {
          retryAfterMs: BUSY_RETRY_AFTER_MS,
        },
      );
    }
    const detail = outcomes.length === 0 ? 'it has no deployments' : listing;
    return new GatewayError('upstream_unavailable', `model '${model}': no deployment available (${detail})`);
  }
  const count = outcomes.length === 1 ? '1 deployment' : `all ${outcomes.length} deployments`;
  const message = `model '${model}': ${count} failed: ${listing}`;
  if (failures.every((failure) => failure.error.code === 'upstream_timeout')) {
    return new GatewayError('upstream_timeout', message, { phase: last.phase, cause: last });
  }
  if (isRateLimit(last)) {
    return new GatewayError('upstream_rate_limited', message, {
      retryAfterMs: last.retryAfterMs,
      cause: last,
    });
  }
  return new GatewayError('upstream_error', message, { cause: last });
}

/** One outcome as `name: what happened`, e.g. `a: upstream_error (502 bad gateway) after 2 attempts`. */
export function describeOutcome(outcome: TargetOutcome): string {
  switch (outcome.kind) {
    case 'skipped':
      return `${outcome.deployment}: ${outcome.reason}`;
    case 'busy':
      return `${outcome.deployment}: ${outcome.inFlight} in flight, ${outcome.queued} queued`;
    case 'failed': {
      const suffix = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
      return `${outcome.deployment}: ${outcome.error.code} (${errorDetail(outcome.error)})${suffix}`;
    }
  }
}

const MAX_DETAIL_LENGTH = 160;

function errorDetail(error: GatewayError): string {
  if (error.code === 'upstream_timeout' && error.phase !== undefined) return error.phase;
  const message =
    error.message.length > MAX_DETAIL_LENGTH
      ? `${error.message.slice(0, MAX_DETAIL_LENGTH)}…`
      : error.message;
  return error.upstreamStatus === undefined ? message : `${error.upstreamStatus} ${message}`;
}
