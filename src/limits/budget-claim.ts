/** One budget check: reserve a request's estimated cost against a scope's budget for the current period. */
import type { Budget } from '../store/store.ts';
import { budgetPeriod, type PeriodSpan } from './budget-period.ts';
import { toMicros, type BudgetCounter, type BudgetReservation, type BudgetSlot } from './budget-counter.ts';
import type { Claim, GrantedClaim, Usage } from './claim.ts';
import type { LimitScope } from './limiter.ts';

/** Stored counters outlive their period by a day, so a long request settling after midnight still finds its own. */
const LATE_SETTLE_MS = 86_400_000;

/** A scope's counter slot for one period, and the period. */
interface CachedSlot {
  readonly kind: LimitScope['kind'];
  readonly id: string;
  readonly period: PeriodSpan;
  readonly slot: BudgetSlot;
}

/**
 * The slot each budget last used. A budget object belongs to one key's or team's record, so its slot is
 * built once per period rather than per request (its keys are strings made from the scope and the date).
 */
const slots = new WeakMap<Budget, CachedSlot>();

/** The counter slot for `scope`'s `budget` at `now`. */
function slotFor(scope: LimitScope, budget: Budget, now: number): CachedSlot {
  const cached = slots.get(budget);
  if (
    cached !== undefined &&
    cached.kind === scope.kind &&
    cached.id === scope.id &&
    now >= cached.period.start &&
    now < cached.period.end
  )
    return cached;
  const period = budgetPeriod(budget.period, now);
  const scopeKey = `${scope.kind}:${encodeURIComponent(scope.id)}`;
  const slot: BudgetSlot = {
    scopeKey,
    key: `${scopeKey}:${budget.period}:${period.startDate}`,
    spendScope: scope.kind === 'team' ? { team: scope.id } : { keyId: scope.id },
    since: period.start,
    limitMicros: toMicros(budget.usd),
    // From the slot's first use, so later requests of the period ask for a little more than the rest of
    // it: a counter outlives its period by up to a day either way.
    keepMs: period.end - now + LATE_SETTLE_MS,
  };
  const fresh = { kind: scope.kind, id: scope.id, period, slot };
  slots.set(budget, fresh);
  return fresh;
}

/**
 * Reserves `costUsd` of `budget` for `scope` at `now`, or refuses until the next period starts. Never rejects
 * or throws; answers without a promise when the counter does (in memory, once the ledger has been read).
 */
export function claimBudget(
  counter: BudgetCounter,
  scope: LimitScope,
  budget: Budget,
  costUsd: number,
  now: number,
): Claim | Promise<Claim> {
  const { period, slot } = slotFor(scope, budget, now);
  const micros = toMicros(costUsd);
  let reserved: BudgetReservation | Promise<BudgetReservation>;
  try {
    reserved = counter.reserve(slot, micros);
  } catch (failure) {
    return { granted: false, failure };
  }
  // In memory the answer is at hand: no closure is made for it (this runs for every admitted request).
  if (!(reserved instanceof Promise)) return decide(reserved, scope, budget, period, micros, now);
  return reserved.then(
    (reservation) => decide(reservation, scope, budget, period, micros, now),
    (failure: unknown): Claim => ({ granted: false, failure }),
  );
}

/** The claim a reservation amounts to: granted, or refused until the next period starts. */
function decide(
  reservation: BudgetReservation,
  scope: LimitScope,
  budget: Budget,
  period: PeriodSpan,
  micros: number,
  now: number,
): Claim {
  if (reservation.admitted) return new BudgetGrant(reservation, micros);
  return {
    granted: false,
    code: 'budget_exceeded',
    message: budgetMessage(scope, budget, period, reservation.spentMicros, micros),
    retryAfterMs: period.end - now,
  };
}

/** A granted budget check: one object with methods rather than closures, as every admitted request makes one per scope. */
class BudgetGrant implements GrantedClaim {
  readonly granted = true;
  readonly #reservation: BudgetReservation;
  readonly #micros: number;

  constructor(reservation: BudgetReservation, micros: number) {
    this.#reservation = reservation;
    this.#micros = micros;
  }

  releasedReading(): undefined {
    return undefined;
  }

  release(): Promise<void> {
    return this.#reservation.adjust(-this.#micros);
  }

  settle(actual: Usage, _now: number): Promise<void> | undefined {
    const difference = toMicros(actual.costUsd) - this.#micros;
    return difference === 0 ? undefined : this.#reservation.adjust(difference);
  }
}

function budgetMessage(scope: LimitScope, budget: Budget, period: PeriodSpan, spent: number, asked: number) {
  const name = `${scope.kind} '${scope.id}'`;
  const limit = `${budget.usd.toFixed(2)} USD budget for ${period.label}`;
  const left = toMicros(budget.usd) - spent;
  if (left <= 0) return `${name} has spent its ${limit}`;
  return `${name} has ${usd(left)} USD left of its ${limit}, less than this request's estimated ${usd(asked)} USD`;
}

/** Cents, unless cents would hide the difference between what is left and what is asked. */
function usd(micros: number): string {
  return (micros / 1_000_000).toFixed(6).replace(/0{1,4}$/, '');
}
