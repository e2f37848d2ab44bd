/**
 * Budget counters: micro-dollars (integers, so adding many small costs never drifts) spent by one scope
 * in one period. Counters start from the ledger's spend for the period, so a restart or a new Redis key
 * does not forgive what was already spent.
 */

/** USD a scope spent since `since` (epoch ms), from the ledger. */
export type SpendLookup = (scope: { team: string } | { keyId: string }, since: number) => Promise<number>;

/** The counter one budget check uses. */
export interface BudgetSlot {
  /** The scope, e.g. `team:risk`. */
  readonly scopeKey: string;
  /** The scope and period, e.g. `team:risk:month:2026-11-01`; unique per counter. */
  readonly key: string;
  readonly spendScope: { team: string } | { keyId: string };
  /** The period's start (epoch ms), from which the ledger's spend counts. */
  readonly since: number;
  readonly limitMicros: number;
  /** How long a stored counter must live from now: the rest of the period plus room for late settles. */
  readonly keepMs: number;
}

/** The outcome of a reservation. */
export interface BudgetReservation {
  readonly admitted: boolean;
  /** Micro-dollars counted after the reservation (or before it, when refused). */
  readonly spentMicros: number;
  /** Adds micro-dollars to the counter that admitted this (negative gives back); a no-op once it is gone. */
  adjust(micros: number): Promise<void>;
}

/** Reserves spend atomically: admitted only when `spent + micros <= limit`. */
export interface BudgetCounter {
  reserve(slot: BudgetSlot, micros: number): Promise<BudgetReservation>;
}

/** USD as whole micro-dollars; anything unusable counts as nothing. */
export function toMicros(usd: number): number {
  return Number.isFinite(usd) && usd > 0 ? Math.round(usd * 1_000_000) : 0;
}

/**
 * Counters in this process. Each scope keeps only its current period; the ledger is read once per scope
 * and period, and concurrent first requests share that one lookup (a failed one is retried next time).
 */
export function createMemoryBudgetCounter(spend: SpendLookup): BudgetCounter {
  const current = new Map<string, { key: string; counter: Promise<{ micros: number }> }>();

  function counterFor(slot: BudgetSlot): Promise<{ micros: number }> {
    const entry = current.get(slot.scopeKey);
    if (entry?.key === slot.key) return entry.counter;
    const counter = spend(slot.spendScope, slot.since).then((usd) => ({ micros: toMicros(usd) }));
    current.set(slot.scopeKey, { key: slot.key, counter });
    counter.catch(() => {
      if (current.get(slot.scopeKey)?.counter === counter) current.delete(slot.scopeKey);
    });
    return counter;
  }

  return {
    async reserve(slot, micros) {
      const counter = await counterFor(slot);
      // No await between the check and the increment: concurrent reservations cannot both pass.
      if (counter.micros + micros > slot.limitMicros) {
        return { admitted: false, spentMicros: counter.micros, adjust: async () => {} };
      }
      counter.micros += micros;
      return {
        admitted: true,
        spentMicros: counter.micros,
        adjust: async (change) => {
          counter.micros += change;
        },
      };
    },
  };
}
