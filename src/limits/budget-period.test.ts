import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { budgetPeriod } from './budget-period.ts';

const at = (iso: string) => Date.parse(iso);

describe('budgetPeriod', () => {
  const cases = [
    ['day', '2026-11-30T23:59:59.999Z', '2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-11-30'],
    ['day', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', '2026-12-01'],
    [
      'week',
      '2026-11-30T08:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
      '2026-12-07T00:00:00.000Z',
      'the week of 2026-11-30',
    ],
    [
      'week',
      '2026-12-06T23:59:59.999Z',
      '2026-11-30T00:00:00.000Z',
      '2026-12-07T00:00:00.000Z',
      'the week of 2026-11-30',
    ],
    [
      'week',
      '2027-01-01T12:00:00.000Z',
      '2026-12-28T00:00:00.000Z',
      '2027-01-04T00:00:00.000Z',
      'the week of 2026-12-28',
    ],
    ['month', '2026-11-15T12:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-11'],
    ['month', '2026-12-31T23:59:59.999Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2026-12'],
    ['month', '2028-02-29T00:00:00.000Z', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z', '2028-02'],
  ] as const;
  for (const [period, now, start, end, label] of cases) {
    it(`puts ${now} in the ${period} from ${start} to ${end}, named '${label}'`, () => {
      assert.deepEqual(budgetPeriod(period, at(now)), {
        start: at(start),
        end: at(end),
        label,
        startDate: start.slice(0, 10),
      });
    });
  }
});
