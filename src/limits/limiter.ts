/**
 * Rate limits (rpm, tpm) and USD budgets for keys and teams, checked before a request runs. A request
 * reserves its estimate in every scope at once; if any check refuses, the others give back what they took.
 * `settle` later swaps the estimate for what was really used.
 *
 * With `redisUrl` the counts are shared by every gateway process. If Redis becomes unreachable we fail
 * OPEN: a gateway outage because the limit store is down is worse than a few minutes of looser limits.
 * Open is not unlimited: rate limits switch to rate-limiter-flexible's in-memory insurance limiter and
 * budgets to in-memory counters seeded from the ledger, so each process still enforces every limit on its
 * own (with N processes, up to N times a rate limit). The ledger is different: a budget that cannot read
 * past spend refuses with `store_unavailable` rather than guess.
 */
import { GatewayError, toGatewayError } from '../errors.ts';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Budget, Limits } from '../store/store.ts';
import { claimBudget } from './budget-claim.ts';
import { createMemoryBudgetCounter, type BudgetCounter, type SpendLookup } from './budget-counter.ts';
import {
  DONE,
  tokenPoints,
  type Claim,
  type FailedClaim,
  type GrantedClaim,
  type RefusedClaim,
  type Usage,
} from './claim.ts';
import { pushRateHeaders, rateHeaders, type HeaderList, type RateReading } from './rate-headers.ts';
import { claimOf, pointsFor, RateGrant, takeRate, type RateCheck } from './rate-claim.ts';
import { createRateLimiterPool, type RateLimiterPool } from './rate-limiter-pool.ts';
import { InstantMemoryLimiter } from './instant-memory-limiter.ts';
import { createRedisBudgetCounter } from './redis-budget-counter.ts';
import { connectRedis, disconnectRedis } from './redis-client.ts';

export type { Usage } from './claim.ts';

/** One party whose limits apply to a request: the key, then its team. */
export interface LimitScope {
  readonly kind: 'key' | 'team';
  readonly id: string;
  readonly limits: Limits;
}

/** An admitted request's hold on its limits. */
export interface Reservation {
  /**
   * OpenAI's `x-ratelimit-*` headers for the response, from the tightest scope of each dimension, as the windows
   * stood at admission. Made when read: a request reads them once its answer is ready.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Appends the same headers to a response's flat name/value list, with no object in between. */
  pushHeaders(list: HeaderList): void;
  /**
   * Replaces the estimate with what was really used; later calls are ignored. Never throws or rejects: a store's
   * failure goes to the limiter's `onError`.
   */
  settle(actual: Usage): Promise<void>;
}

/** Admits requests against their scopes' limits. */
export interface Limiter {
  /**
   * Reserves `estimate` in every scope, or rejects with `rate_limit_exceeded` / `budget_exceeded` having taken
   * nothing. Admits without a promise when every count it needs is in this process's memory (the default).
   */
  admit(scopes: readonly LimitScope[], estimate: Usage): Reservation | Promise<Reservation>;
  close(): Promise<void>;
}

/** Where counts live, how past spend is read, and the clock budgets use. */
export interface LimiterOptions {
  /** Shared limits in Redis (ioredis) when set; in memory otherwise. */
  readonly redisUrl?: string;
  /** Prefix for every Redis key (default 'daulat:'). */
  readonly keyPrefix?: string;
  /** USD already spent by a scope since `since` (epoch ms), from the ledger; budgets start from it. */
  readonly spend: SpendLookup;
  /** Budget periods' clock (rpm and tpm windows run on rate-limiter-flexible's, the real one). */
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

/** Builds a limiter; with `redisUrl` it waits for the first connection attempt (success or not). */
export async function createLimiter(options: LimiterOptions): Promise<Limiter> {
  const onError = options.onError ?? (() => {});
  const now = options.now ?? Date.now;
  const keyPrefix = options.keyPrefix ?? 'daulat:';
  const spend = ledgerSpend(options.spend);
  const memoryBudgets = createMemoryBudgetCounter(spend);
  const client = options.redisUrl === undefined ? undefined : await connectRedis(options.redisUrl, onError);
  const rates = createRateLimiterPool({ client, keyPrefix });
  const budgets =
    client === undefined
      ? memoryBudgets
      : createRedisBudgetCounter(client, { keyPrefix, spend, fallback: memoryBudgets, onError });
  const counters: Counters = {
    rates,
    budgets,
    onError,
    checks: new WeakMap(),
    realClock: options.now === undefined,
  };
  return {
    admit: (scopes, estimate) => {
      // Refusals always reject, also those found without waiting: callers await either way.
      try {
        return admit(counters, scopes, estimate, now());
      } catch (error) {
        return Promise.reject(toGatewayError(error));
      }
    },
    close: async () => {
      if (client !== undefined) await disconnectRedis(client);
    },
  };
}

interface Counters {
  readonly rates: RateLimiterPool;
  readonly budgets: BudgetCounter;
  readonly onError: (error: unknown) => void;
  /** Each scope list's checks, built once per list (the limit stage keeps one list per key and team). */
  readonly checks: WeakMap<readonly LimitScope[], ScopeChecks>;
  /** Whether the budgets' clock is the real one, which the rate windows run on: then one reading serves both. */
  readonly realClock: boolean;
}

/** The checks a list of scopes asks for: its rate checks, and its budgets with their scopes. */
interface ScopeChecks {
  readonly rates: readonly RateCheck[];
  /** The rate checks' limiters, in the same order, when every one can take points at once (in memory). */
  readonly instant: readonly InstantMemoryLimiter[] | undefined;
  readonly budgets: readonly { readonly scope: LimitScope; readonly budget: Budget }[];
}

/** Builds every limiter the scopes use before any check starts, so a bad limit throws before anything is taken. */
function checksFor(counters: Counters, scopes: readonly LimitScope[]): ScopeChecks {
  const known = counters.checks.get(scopes);
  if (known !== undefined) return known;
  const rates: RateCheck[] = [];
  const budgets: { scope: LimitScope; budget: Budget }[] = [];
  for (const scope of scopes) {
    const { rpm, tpm, budget } = scope.limits;
    if (rpm !== undefined)
      rates.push({
        scope,
        dimension: 'requests',
        limit: rpm,
        limitText: String(rpm),
        limiter: counters.rates.limiterFor(scope.kind, 'requests', rpm),
      });
    if (tpm !== undefined)
      rates.push({
        scope,
        dimension: 'tokens',
        limit: tpm,
        limitText: String(tpm),
        limiter: counters.rates.limiterFor(scope.kind, 'tokens', tpm),
      });
    if (budget !== undefined) budgets.push({ scope, budget });
  }
  const instant: InstantMemoryLimiter[] = [];
  for (const { limiter } of rates)
    if (limiter instanceof InstantMemoryLimiter && limiter.instant) instant.push(limiter);
  const checks = { rates, instant: instant.length === rates.length ? instant : undefined, budgets };
  counters.checks.set(scopes, checks);
  return checks;
}

/**
 * Takes the request from every window and budget at once. In memory (the default) the windows and budgets
 * answer at once, and an admitted request makes no promise at all; otherwise see `admitWaiting`.
 */
function admit(
  counters: Counters,
  scopes: readonly LimitScope[],
  estimate: Usage,
  now: number,
): Reservation | Promise<Reservation> {
  refuseImpossible(scopes, estimate);
  const checks = checksFor(counters, scopes);
  const tokens = tokenPoints(estimate.tokens);
  // Sized for the claims at hand: an empty literal grew a 16-slot store on its first push, for every request.
  const budgets = new Array<Claim>(checks.budgets.length);
  let answered = 0;
  let budgetsPending: Promise<Claim>[] | undefined;
  for (const { scope, budget } of checks.budgets) {
    const claim = claimBudget(counters.budgets, scope, budget, estimate.costUsd, now);
    if (claim instanceof Promise) (budgetsPending ??= []).push(claim);
    else budgets[answered++] = claim;
  }
  if (answered < budgets.length) budgets.length = answered;
  const instant = checks.instant;
  if (instant === undefined || budgetsPending !== undefined)
    return admitWaiting(counters, checks, tokens, budgets, budgetsPending);
  // The windows are counted at one reading of the real clock, the budgets' own when that is the real one.
  const readAt = counters.realClock ? now : Date.now();
  const grants = new Array<RateGrant>(instant.length);
  let refused = false;
  for (let index = 0; index < instant.length; index += 1) {
    const check = checks.rates[index]!;
    const limiter = instant[index]!;
    const points = pointsFor(check, tokens);
    const used = limiter.take(check.scope.id, points, readAt);
    grants[index] = new RateGrant(check, points, used, limiter.resetMs, readAt);
    if (used > check.limit) refused = true;
  }
  if (refused) {
    // As `consume` would have settled: a window over its limit rejects with its result.
    const settled = grants.map((grant, index): PromiseSettledResult<RateLimiterRes> => {
      const { limit } = checks.rates[index]!;
      const result = new RateLimiterRes(Math.max(limit - grant.used, 0), grant.resetMs, grant.used, false);
      return grant.used > limit
        ? { status: 'rejected', reason: result }
        : { status: 'fulfilled', value: result };
    });
    return refuseSettled(counters, checks, tokens, settled, budgets);
  }
  return held(counters, grants, budgets);
}

/**
 * `admit` when some count must be waited for (Redis, or a budget whose period's spend is still being read from
 * the ledger). An admitted request waits for the library's own promises together and makes a grant per check;
 * only when one refused or failed are the takes turned into claims one by one, so that the granted ones can be
 * given back.
 */
async function admitWaiting(
  counters: Counters,
  checks: ScopeChecks,
  tokens: number,
  budgets: Claim[],
  budgetsPending: Promise<Claim>[] | undefined,
): Promise<Reservation> {
  const taken: Promise<RateLimiterRes>[] = [];
  for (const check of checks.rates) taken.push(takeRate(check, pointsFor(check, tokens)));
  // A refused take rejects: Promise.all stops at the first, and the slow path below waits for the rest.
  let results: RateLimiterRes[] | undefined;
  try {
    results = taken.length === 0 ? [] : await Promise.all(taken);
  } catch {
    results = undefined;
  }
  // Budget claims never reject (a failing store is a FailedClaim).
  if (budgetsPending !== undefined)
    for (const claim of await Promise.all(budgetsPending)) budgets.push(claim);
  if (results === undefined)
    return refuseSettled(counters, checks, tokens, await Promise.allSettled(taken), budgets);
  return reserve(counters, checks, tokens, results, budgets, Date.now());
}

/**
 * The reservation of a request that every window admitted, unless one of its budgets refused it. `readAt`: the
 * real clock's time (Date.now) as the windows were read — rate-limiter-flexible's windows run on it, not on the
 * budgets' clock (which may be a test's).
 */
function reserve(
  counters: Counters,
  checks: ScopeChecks,
  tokens: number,
  results: readonly RateLimiterRes[],
  budgets: readonly Claim[],
  readAt: number,
): Reservation | Promise<never> {
  const grants = new Array<RateGrant>(results.length);
  for (let index = 0; index < results.length; index += 1) {
    const check = checks.rates[index]!;
    const result = results[index]!;
    grants[index] = new RateGrant(
      check,
      pointsFor(check, tokens),
      result.consumedPoints,
      result.msBeforeNext,
      readAt,
    );
  }
  return held(counters, grants, budgets);
}

/** The reservation of the granted windows, unless one of the budgets refused the request. */
function held(
  counters: Counters,
  grants: readonly RateGrant[],
  budgets: readonly Claim[],
): Reservation | Promise<never> {
  for (const claim of budgets) if (!claim.granted) return refuse([...grants, ...budgets], counters.onError);
  return new HeldReservation(grants, budgets as GrantedClaim[], counters.onError);
}

/** Turns the settled takes of a request that some window refused into claims, then refuses it. */
async function refuseSettled(
  counters: Counters,
  checks: ScopeChecks,
  tokens: number,
  settled: readonly PromiseSettledResult<RateLimiterRes>[],
  budgets: readonly Claim[],
): Promise<never> {
  const rates = settled.map((outcome, index) => {
    const check = checks.rates[index]!;
    return claimOf(check, pointsFor(check, tokens), outcome);
  });
  return refuse([...(await Promise.all(rates)), ...budgets], counters.onError);
}

/** Gives back what the granted claims took, then throws the store's failure or the refusal. */
async function refuse(claims: readonly Claim[], onError: (error: unknown) => void): Promise<never> {
  const granted: GrantedClaim[] = [];
  const refused: RefusedClaim[] = [];
  let failed: FailedClaim | undefined;
  for (const claim of claims) {
    if (claim.granted) granted.push(claim);
    else if ('failure' in claim) failed ??= claim;
    else refused.push(claim);
  }
  await report(
    granted.map((claim) => claim.release()),
    onError,
  );
  if (failed !== undefined) throw toGatewayError(failed.failure);
  const headers = rateHeaders(
    readings([...granted.map((claim) => claim.releasedReading()), ...refused.map((claim) => claim.reading)]),
  );
  throw refusalError(refused, headers);
}

/** A request bigger than a whole minute's tokens could never pass: say so instead of "try again". */
function refuseImpossible(scopes: readonly LimitScope[], estimate: Usage): void {
  const tokens = tokenPoints(estimate.tokens);
  for (const scope of scopes) {
    const { tpm } = scope.limits;
    if (tpm === undefined || tokens <= tpm) continue;
    throw new GatewayError(
      'rate_limit_exceeded',
      `request too large for ${scope.kind} '${scope.id}': it may use ${tokens} tokens, more than its limit ` +
        `of ${tpm} tokens per minute, so it can never pass; shorten the input or lower max_tokens`,
      { headers: rateHeaders([{ dimension: 'tokens', limit: tpm, used: 0, resetMs: 0 }]) },
    );
  }
}

/** Budget refusals first (waiting a minute will not help them), then the longest wait. */
function refusalError(refused: readonly RefusedClaim[], headers: Record<string, string>): GatewayError {
  const chosen = [...refused].sort(
    (a, b) =>
      Number(b.code === 'budget_exceeded') - Number(a.code === 'budget_exceeded') ||
      b.retryAfterMs - a.retryAfterMs,
  )[0];
  if (chosen === undefined) throw new Error('refusalError needs a refusal');
  return new GatewayError(chosen.code, chosen.message, { retryAfterMs: chosen.retryAfterMs, headers });
}

/**
 * What an admitted request holds until it settles: its granted claims. Its headers are made from the rate
 * grants when read, not held as strings: a request holds its reservation while its upstream answers, through
 * young-generation collections, which copy whatever it holds.
 */
class HeldReservation implements Reservation {
  readonly #grants: readonly RateGrant[];
  readonly #budgets: readonly GrantedClaim[];
  readonly #onError: (error: unknown) => void;
  #settled = false;

  constructor(
    grants: readonly RateGrant[],
    budgets: readonly GrantedClaim[],
    onError: (error: unknown) => void,
  ) {
    this.#grants = grants;
    this.#budgets = budgets;
    this.#onError = onError;
  }

  get headers(): Readonly<Record<string, string>> {
    return rateHeaders(this.#grants);
  }

  pushHeaders(list: HeaderList): void {
    pushRateHeaders(list, this.#grants);
  }

  settle(actual: Usage): Promise<void> {
    if (this.#settled) return DONE;
    this.#settled = true;
    // Most checks have nothing to correct (rpm, an exact estimate): only real work is waited for.
    // Token corrections made in one turn share one promise (window-corrections.ts), waited for once; an
    // in-memory budget answers DONE, which has nothing to wait for.
    // One reading of the clock for every window (Date.now is a runtime call, and a request settles up to six claims).
    const now = Date.now();
    const work = corrections(this.#budgets, actual, now, corrections(this.#grants, actual, now, undefined));
    if (work === undefined) return DONE;
    return work.length === 1 ? work[0]!.then(undefined, this.#onError) : report(work, this.#onError);
  }
}

/** `work` with the settles of `claims` that have something to wait for, each promise once. */
function corrections(
  claims: readonly GrantedClaim[],
  actual: Usage,
  now: number,
  work: Promise<void>[] | undefined,
): Promise<void>[] | undefined {
  for (const claim of claims) {
    const correction = claim.settle(actual, now);
    if (correction === undefined || correction === DONE || work?.includes(correction) === true) continue;
    (work ??= []).push(correction);
  }
  return work;
}

function report(work: readonly Promise<void>[], onError: (error: unknown) => void): Promise<void> {
  return Promise.allSettled(work).then((outcomes) => {
    for (const outcome of outcomes) if (outcome.status === 'rejected') onError(outcome.reason);
  });
}

function readings(candidates: readonly (RateReading | undefined)[]): RateReading[] {
  return candidates.filter((reading) => reading !== undefined);
}

/** Ledger failures become `store_unavailable`, which the Redis counter does not mistake for a Redis fault. */
function ledgerSpend(spend: SpendLookup): SpendLookup {
  return async (scope, since) => {
    try {
      return await spend(scope, since);
    } catch (error) {
      const name = 'team' in scope ? `team '${scope.team}'` : `key '${scope.keyId}'`;
      throw new GatewayError(
        'store_unavailable',
        `cannot check the budget of ${name}: the ledger is unavailable`,
        {
          cause: error,
          isRetryable: true,
        },
      );
    }
  };
}
