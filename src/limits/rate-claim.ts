/**
 * One per-minute check: consume the request's points from a scope's rpm or tpm limiter. A refused
 * consume still added its points in rate-limiter-flexible, so they are given back at once; otherwise a
 * large refused estimate would keep refusing small requests for the rest of the minute.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { formatResetDuration, type RateDimension, type RateReading } from './rate-headers.ts';
import { tokenPoints, type Claim, type GrantedClaim, type Usage } from './claim.ts';
import type { LimitScope } from './limiter.ts';
import { InstantMemoryLimiter } from './instant-memory-limiter.ts';
import { correctWindow, NO_OPTIONS } from './window-corrections.ts';

/** One scope's limiter for one dimension, and the limit it enforces. */
export interface RateCheck {
  readonly scope: LimitScope;
  readonly dimension: RateDimension;
  readonly limit: number;
  /** `limit` as the `x-ratelimit-limit-*` header writes it, made once with the check. */
  readonly limitText: string;
  readonly limiter: RateLimiterAbstract;
}

/** The points a check takes for a request of `tokens` (rpm: one). */
export function pointsFor(check: RateCheck, tokens: number): number {
  return check.dimension === 'requests' ? 1 : tokens;
}

/**
 * Takes `points` from the check's window: rate-limiter-flexible's own promise, which rejects with a
 * RateLimiterRes when the window is full (or with the store's error). The limiter waits for all of a request's
 * takes at once and turns them into claims only if one refused (`claimOf`): an admitted request makes no
 * promise or closure per check beyond the library's.
 */
export function takeRate(check: RateCheck, points: number): Promise<RateLimiterRes> {
  return check.limiter.consume(check.scope.id, points, NO_OPTIONS);
}

/** The claim a finished take amounts to; a refused take gives its points back first. Never rejects. */
export function claimOf(
  check: RateCheck,
  points: number,
  outcome: PromiseSettledResult<RateLimiterRes>,
): Promise<Claim> {
  return outcome.status === 'fulfilled'
    ? Promise.resolve(
        new RateGrant(check, points, outcome.value.consumedPoints, outcome.value.msBeforeNext, Date.now()),
      )
    : refusal(check, points, outcome.reason);
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

/**
 * A granted rate check, and its own reading: one object with methods rather than closures, and no reading
 * object beside it, as every admitted request holds several for as long as it runs (so through young-generation
 * collections, which copy them). What its check already knows is read from the check, not copied.
 */
export class RateGrant implements GrantedClaim, RateReading {
  readonly used: number;
  readonly resetMs: number;
  readonly #check: RateCheck;
  readonly #points: number;
  readonly #windowEndsAt: number;

  /**
   * `used`: the points the window counted once this request's were added; `resetMs`: until the window ends;
   * `now`: the real clock's time (Date.now) as the window was read, shared by a request's grants.
   */
  constructor(check: RateCheck, points: number, used: number, resetMs: number, now: number) {
    this.used = used;
    this.resetMs = resetMs;
    this.#check = check;
    this.#points = points;
    this.#windowEndsAt = now + resetMs;
  }

  get granted(): true {
    return true;
  }

  get dimension(): RateDimension {
    return this.#check.dimension;
  }

  get limit(): number {
    return this.#check.limit;
  }

  get limitText(): string {
    return this.#check.limitText;
  }

  get reading(): RateReading {
    return this;
  }

  releasedReading(): RateReading {
    return {
      dimension: this.dimension,
      limit: this.limit,
      used: this.used - this.#points,
      resetMs: this.resetMs,
    };
  }

  async release(): Promise<void> {
    await this.#check.limiter.reward(this.#check.scope.id, this.#points, NO_OPTIONS);
  }

  settle(actual: Usage, now: number): Promise<void> | undefined {
    if (this.#check.dimension !== 'tokens') return undefined;
    const difference = tokenPoints(actual.tokens) - this.#points;
    // rate-limiter-flexible's windows run on the real clock; a reward after the reservation's window
    // ended would credit a fresh window with points it never took.
    if (difference === 0 || (difference < 0 && now >= this.#windowEndsAt)) return undefined;
    const { limiter, scope } = this.#check;
    // In memory the window is corrected at once; elsewhere (Redis) the corrections of a turn go together.
    if (limiter instanceof InstantMemoryLimiter && limiter.instant) {
      limiter.add(scope.id, difference, now);
      return undefined;
    }
    return correctWindow(limiter, scope.id, difference);
  }
}
