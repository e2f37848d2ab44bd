/**
 * One per-minute check: consume the request's points from a scope's rpm or tpm limiter. A refused
 * consume still added its points in rate-limiter-flexible, so they are given back at once; otherwise a
 * large refused estimate would keep refusing small requests for the rest of the minute.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { formatResetDuration, type RateDimension, type RateReading } from './rate-headers.ts';
import { tokenPoints, type Claim, type Usage } from './claim.ts';
import type { LimitScope } from './limiter.ts';

/** One scope's limiter for one dimension, and the limit it enforces. */
export interface RateCheck {
  readonly scope: LimitScope;
  readonly dimension: RateDimension;
  readonly limit: number;
  readonly limiter: RateLimiterAbstract;
}

/** Takes `points` from the check's window, or refuses with the time until the window resets. */
export async function claimRate(check: RateCheck, points: number): Promise<Claim> {
  const { limiter, scope, dimension, limit } = check;
  let result: RateLimiterRes;
  try {
    result = await limiter.consume(scope.id, points);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    await limiter.reward(scope.id, points);
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
  const reading: RateReading = {
    dimension,
    limit,
    used: result.consumedPoints,
    resetMs: result.msBeforeNext,
  };
  const windowEndsAt = Date.now() + result.msBeforeNext;
  return {
    granted: true,
    reading,
    releasedReading: { ...reading, used: reading.used - points },
    release: async () => {
      await limiter.reward(scope.id, points);
    },
    settle: (actual) => settleTokens(check, points, actual, windowEndsAt),
  };
}

async function settleTokens(check: RateCheck, estimated: number, actual: Usage, windowEndsAt: number) {
  if (check.dimension !== 'tokens') return;
  const difference = tokenPoints(actual.tokens) - estimated;
  if (difference > 0) await check.limiter.penalty(check.scope.id, difference);
  // rate-limiter-flexible's windows run on the real clock; a reward after the reservation's window
  // ended would credit a fresh window with points it never took.
  else if (difference < 0 && Date.now() < windowEndsAt)
    await check.limiter.reward(check.scope.id, -difference);
}
