/**
 * Budget counters in Redis, one key per scope and period, shared by every gateway process. The check and
 * the increment run in one Lua script, so two processes can never both spend the last dollar. When Redis
 * fails, reservations fall back to this process's memory counters (fail-open, like the rate limits).
 */
import type { Redis, Result } from 'ioredis';
import { GatewayError } from '../errors.ts';
import {
  toMicros,
  type BudgetCounter,
  type BudgetReservation,
  type BudgetSlot,
  type SpendLookup,
} from './budget-counter.ts';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    daulatBudgetReserve(
      key: string,
      micros: number,
      limitMicros: number,
      keepMs: number,
      seedMicros: string,
    ): Result<[number, number], Context>;
    daulatBudgetAdjust(key: string, micros: number): Result<number, Context>;
  }
}

/** Returns {-1, 0} when the counter is missing and no seed was given, so the caller reads the ledger once. */
const RESERVE = `
local spent = redis.call('GET', KEYS[1])
if not spent then
  if ARGV[4] == '' then return {-1, 0} end
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[3], 'NX')
  spent = redis.call('GET', KEYS[1])
end
spent = tonumber(spent)
local micros = tonumber(ARGV[1])
if spent + micros > tonumber(ARGV[2]) then return {0, spent} end
return {1, redis.call('INCRBY', KEYS[1], micros)}
`;

/** A counter that expired with its period is left alone: the ledger holds the truth from then on. */
const ADJUST = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return 0
`;

const MISSING = -1;
const ADMITTED = 1;

/** What the Redis counter needs besides the client. */
export interface RedisBudgetCounterOptions {
  readonly keyPrefix: string;
  /** Ledger lookups; its errors are GatewayErrors and are not mistaken for Redis failures. */
  readonly spend: SpendLookup;
  /** Used while Redis fails. */
  readonly fallback: BudgetCounter;
  readonly onError: (error: unknown) => void;
}

/** Builds the Redis counter over a connected (or reconnecting) client. */
export function createRedisBudgetCounter(client: Redis, options: RedisBudgetCounterOptions): BudgetCounter {
  client.defineCommand('daulatBudgetReserve', { numberOfKeys: 1, lua: RESERVE });
  client.defineCommand('daulatBudgetAdjust', { numberOfKeys: 1, lua: ADJUST });
  const seeding = new Map<string, Promise<number>>();

  function seedFor(slot: BudgetSlot): Promise<number> {
    let seed = seeding.get(slot.key);
    if (seed === undefined) {
      seed = options.spend(slot.spendScope, slot.since).finally(() => seeding.delete(slot.key));
      seeding.set(slot.key, seed);
    }
    return seed;
  }

  async function reserveInRedis(slot: BudgetSlot, micros: number): Promise<BudgetReservation> {
    const key = `${options.keyPrefix}budget:${slot.key}`;
    const run = (seed: string) =>
      client.daulatBudgetReserve(key, micros, slot.limitMicros, slot.keepMs, seed);
    let [status, spentMicros] = await run('');
    if (status === MISSING) {
      [status, spentMicros] = await run(String(toMicros(await seedFor(slot))));
    }
    return {
      admitted: status === ADMITTED,
      spentMicros,
      adjust: async (change) => {
        if (change !== 0) await client.daulatBudgetAdjust(key, change);
      },
    };
  }

  return {
    async reserve(slot, micros) {
      try {
        return await reserveInRedis(slot, micros);
      } catch (error) {
        if (error instanceof GatewayError) throw error;
        // While disconnected the client already reported the outage once; don't repeat it per request.
        if (client.status === 'ready') options.onError(error);
        return options.fallback.reserve(slot, micros);
      }
    },
  };
}
