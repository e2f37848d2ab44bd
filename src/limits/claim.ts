/**
 * A claim is what one check (a scope's rpm, tpm or budget) took for a request. The limiter runs every
 * check at once and, if any refuses, releases the claims that were granted.
 */
import type { ErrorCode } from '../errors.ts';
import type { RateReading } from './rate-headers.ts';

/** What a request uses: tokens, and cost in USD. */
export interface Usage {
  readonly tokens: number;
  readonly costUsd: number;
}

/** A granted check. */
export interface GrantedClaim {
  readonly granted: true;
  /** The window after this request took its points (rate checks only). */
  readonly reading?: RateReading;
  /** The same window once `release` has given the points back (rate checks only); made only when asked. */
  releasedReading(): RateReading | undefined;
  /** Gives back what the check took, because another check refused the request. */
  release(): Promise<void>;
  /**
   * Corrects the estimate to what the request really used; undefined when there is nothing to correct
   * (an rpm check, or an estimate that was exact), so the common case allocates no promise. `now`: the real
   * clock (Date.now) as the request settles, read once for all of its claims.
   */
  settle(actual: Usage, now: number): Promise<void> | undefined;
}

/** A refused check; it has already given back anything it took. */
export interface RefusedClaim {
  readonly granted: false;
  readonly code: Extract<ErrorCode, 'rate_limit_exceeded' | 'budget_exceeded'>;
  readonly message: string;
  readonly retryAfterMs: number;
  /** The window without this request (rate checks only). */
  readonly reading?: RateReading;
}

/**
 * A check that could not run (its store failed). Claims resolve to this rather than reject, so the limiter
 * can wait for all of them with `Promise.all` and no rejection is ever left unhandled while another waits.
 */
export interface FailedClaim {
  readonly granted: false;
  readonly failure: unknown;
}

/** The outcome of one check. */
export type Claim = GrantedClaim | RefusedClaim | FailedClaim;

/** A promise already settled, shared by every call that has nothing left to wait for. */
export const DONE: Promise<void> = Promise.resolve();

/** Whole points for a token count (rate limiters count integers); anything unusable counts as none. */
export function tokenPoints(tokens: number): number {
  return Number.isFinite(tokens) && tokens > 0 ? Math.ceil(tokens) : 0;
}
