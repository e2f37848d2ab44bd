/**
 * One per-minute check: consume the request's points from a scope's rpm or tpm limiter. A refused
 * consume still added its points in rate-limiter-flexible, so they are given back at once; otherwise a
 * large refused estimate would keep refusing small requests for the rest of the minute.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { formatResetDuration, type RateDimension, type RateReading } from './rate-headers.ts';
import { tokenPoints, type Claim, type GrantedClaim, type Usage } from './claim.ts';
import type { LimitScope } from './limiter.ts';
import { correctWindow, NO_OPTIONS } from './window-corrections.ts';

/** One scope's limiter for one dimension, and the limit it enforces. */
export interface RateCheck {
  readonly scope: LimitScope;
  readonly dimension: RateDimension;
  readonly limit: number;
  readonly limiter: RateLimiterAbstract;
}

/**
 * Takes `points` from the check's window, or refuses with the time until the window resets. Never rejects.
 * A `then` on the library's promise rather than an async function: every admitted request makes up to four.
 */
export function claimRate(check: RateCheck, points: number): Promise<Claim> {
  return check.limiter.consume(check.scope.id, points, NO_OPTIONS).then(
    (result) => new RateGrant(check, points, result),
    (error: unknown) => refusal(check, points, error),
  );
}

async function refusal(check: RateCheck, points: number, error: unknown): Promise<Claim> {
  const { limiter, scope, dimension, limit } = check;
  if (!(error instanceof RateLimiterRes)) return { granted: false, failure: error };
  try {
    await limiter.reward(scope.id, points, NO_OPTIONS);
  } catch (failure) {
    return { granted: false, failure };
  }
  const used = error.consumedPoints - points;
  return {
    granted: false,
    code: 'rate_limit_exceeded',
    message:
      `rate limit reached for ${scope.kind} '${scope.id}': ${limit} ${dimension} per minute ` +
      `(used ${used}, requested ${points}); try again in ${formatResetDuration(error.msBeforeNext)}`,
    retryAfterMs: error.msBeforeNext,
    reading: { dimension, limit, used, resetMs: error.msBeforeNext },
  };
}

/** A granted rate check: one object with methods rather than closures, as every admitted request makes several. */
class RateGrant implements GrantedClaim {
  readonly granted = true;
  readonly reading: RateReading;
  readonly #check: RateCheck;
  readonly #points: number;
  readonly #windowEndsAt: number;

  constructor(check: RateCheck, points: number, result: RateLimiterRes) {
    this.#check = check;
    this.#points = points;
    this.reading = {
      dimension: check.dimension,
      limit: check.limit,
      used: result.consumedPoints,
      resetMs: result.msBeforeNext,
    };
    this.#windowEndsAt = Date.now() + result.msBeforeNext;
  }

  releasedReading(): RateReading {
    return { ...this.reading, used: this.reading.used - this.#points };
  }

  async release(): Promise<void> {
    await this.#check.limiter.reward(this.#check.scope.id, this.#points, NO_OPTIONS);
  }

  settle(actual: Usage): Promise<void> | undefined {
    const check = this.#check;
    if (check.dimension !== 'tokens') return undefined;
    const difference = tokenPoints(actual.tokens) - this.#points;
    // rate-limiter-flexible's windows run on the real clock; a reward after the reservation's window
    // ended would credit a fresh window with points it never took.
    if (difference > 0 || (difference < 0 && Date.now() < this.#windowEndsAt))
      return correctWindow(check.limiter, check.scope.id, difference);
    return undefined;
  }
}
