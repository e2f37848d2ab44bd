/** One budget check: reserve a request's estimated cost against a scope's budget for the current period. */
import type { Budget } from '../store/store.ts';
import { budgetPeriod, type PeriodSpan } from './budget-period.ts';
import { toMicros, type BudgetCounter } from './budget-counter.ts';
import type { Claim } from './claim.ts';
import type { LimitScope } from './limiter.ts';

/** Stored counters outlive their period by a day, so a long request settling after midnight still finds its own. */
const LATE_SETTLE_MS = 86_400_000;

/** Reserves `costUsd` of `budget` for `scope` at `now`, or refuses until the next period starts. */
export async function claimBudget(
  counter: BudgetCounter,
  scope: LimitScope,
  budget: Budget,
  costUsd: number,
  now: number,
): Promise<Claim> {
  const period = budgetPeriod(budget.period, now);
  const scopeKey = `${scope.kind}:${encodeURIComponent(scope.id)}`;
  const micros = toMicros(costUsd);
  const reservation = await counter.reserve(
    {
      scopeKey,
      key: `${scopeKey}:${budget.period}:${period.startDate}`,
      spendScope: scope.kind === 'team' ? { team: scope.id } : { keyId: scope.id },
      since: period.start,
      limitMicros: toMicros(budget.usd),
      keepMs: period.end - now + LATE_SETTLE_MS,
    },
    micros,
  );
  if (!reservation.admitted) {
    return {
      granted: false,
      code: 'budget_exceeded',
      message: budgetMessage(scope, budget, period, reservation.spentMicros, micros),
      retryAfterMs: period.end - now,
    };
  }
  return {
    granted: true,
    release: () => reservation.adjust(-micros),
    settle: async (actual) => {
      const difference = toMicros(actual.costUsd) - micros;
      if (difference !== 0) await reservation.adjust(difference);
    },
  };
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
