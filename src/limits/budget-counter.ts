/**
 * Budget counters: micro-dollars (integers, so adding many small costs never drifts) spent by one scope
 * in one period. Counters start from the ledger's spend for the period, so a restart or a new Redis key
 * does not forgive what was already spent.
 */
import { DONE } from './claim.ts';

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
  /** Micro-dollars counted after the reservation (before it, when refused); an in-memory counter reads live. */
  readonly spentMicros: number;
  /** Adds micro-dollars to the counter that admitted this (negative gives back); a no-op once it is gone. */
  adjust(micros: number): Promise<void>;
}

/**
 * Reserves spend atomically: admitted only when `spent + micros <= limit`. An in-memory counter answers at
 * once (no promise) once its period's spend has been read from the ledger.
 */
export interface BudgetCounter {
  reserve(slot: BudgetSlot, micros: number): BudgetReservation | Promise<BudgetReservation>;
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
  // `loaded` is set once the ledger has answered, so later reservations need not wait on the promise.
  interface Entry {
    readonly key: string;
    readonly counter: Promise<MemoryCounter>;
    loaded?: MemoryCounter;
  }
  const current = new Map<string, Entry>();

  function counterFor(slot: BudgetSlot): MemoryCounter | Promise<MemoryCounter> {
    const entry = current.get(slot.scopeKey);
    if (entry?.key === slot.key) return entry.loaded ?? entry.counter;
    const counter = spend(slot.spendScope, slot.since).then((usd) => new MemoryCounter(toMicros(usd)));
    const fresh: Entry = { key: slot.key, counter };
    current.set(slot.scopeKey, fresh);
    counter.then(
      (loaded) => {
        fresh.loaded = loaded;
      },
      () => {
        if (current.get(slot.scopeKey) === fresh) current.delete(slot.scopeKey);
      },
    );
    return counter;
  }

  return {
    reserve(slot, micros) {
      const found = counterFor(slot);
      return found instanceof MemoryCounter
        ? take(found, slot, micros)
        : found.then((loaded) => take(loaded, slot, micros));
    },
  };
}

/** No await between the check and the increment: concurrent reservations cannot both pass. */
function take(counter: MemoryCounter, slot: BudgetSlot, micros: number): BudgetReservation {
  if (counter.micros + micros > slot.limitMicros) return counter.refusal();
  counter.micros += micros;
  return counter;
}

/**
 * One scope's spend in this process for one period. It is also the reservation it admits (reservations
 * only add to the counter), so an admitted request allocates nothing here.
 */
class MemoryCounter implements BudgetReservation {
  readonly admitted = true;
  micros: number;

  constructor(micros: number) {
    this.micros = micros;
  }

  get spentMicros(): number {
    return this.micros;
  }

  adjust(change: number): Promise<void> {
    this.micros += change;
    return DONE;
  }

  refusal(): BudgetReservation {
    return { admitted: false, spentMicros: this.micros, adjust: () => DONE };
  }
}
