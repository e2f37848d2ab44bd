/**
 * Budget periods are calendar periods in UTC, not rolling windows: a July budget resets at 00:00 UTC on
 * 1 August whenever the first request came in, so they are Daulat's own and not a rate limiter's window.
 */
import type { BudgetPeriod } from '../store/store.ts';

/** One concrete period: [start, end) in epoch ms, and how messages name it (`2026-11`). */
export interface PeriodSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** The start's date (`2026-11-01`), for counter keys. */
  readonly startDate: string;
}

const DAY_MS = 86_400_000;

const latest = new Map<BudgetPeriod, PeriodSpan>();

/**
 * The `period` that contains `at` (epoch ms): days from 00:00 UTC, weeks from Monday, months from the 1st.
 * Every request asks, nearly always about the same period: the last answer per kind is reused while it holds.
 */
export function budgetPeriod(period: BudgetPeriod, at: number): PeriodSpan {
  const cached = latest.get(period);
  if (cached !== undefined && at >= cached.start && at < cached.end) return cached;
  const span = computePeriod(period, at);
  latest.set(period, span);
  return span;
}

function computePeriod(period: BudgetPeriod, at: number): PeriodSpan {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = Date.UTC(year, month, date.getUTCDate());
  switch (period) {
    case 'day':
      return { start: day, end: day + DAY_MS, label: isoDate(day), startDate: isoDate(day) };
    case 'week': {
      // getUTCDay() counts from Sunday (0); ISO weeks start on Monday.
      const monday = day - ((date.getUTCDay() + 6) % 7) * DAY_MS;
      return {
        start: monday,
        end: monday + 7 * DAY_MS,
        label: `the week of ${isoDate(monday)}`,
        startDate: isoDate(monday),
      };
    }
    case 'month':
      return {
        start: Date.UTC(year, month, 1),
        end: Date.UTC(year, month + 1, 1),
        label: isoDate(Date.UTC(year, month, 1)).slice(0, 7),
        startDate: isoDate(Date.UTC(year, month, 1)),
      };
  }
}

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
