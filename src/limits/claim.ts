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
  /** The same window once `release` has given the points back. */
  readonly releasedReading?: RateReading;
  /** Gives back what the check took, because another check refused the request. */
  release(): Promise<void>;
  /** Corrects the estimate to what the request really used. */
  settle(actual: Usage): Promise<void>;
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

/** The outcome of one check. */
export type Claim = GrantedClaim | RefusedClaim;

/** Whole points for a token count (rate limiters count integers); anything unusable counts as none. */
export function tokenPoints(tokens: number): number {
  return Number.isFinite(tokens) && tokens > 0 ? Math.ceil(tokens) : 0;
}
