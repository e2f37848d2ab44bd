/**
 * rate-limiter-flexible instances, one per (scope kind, dimension, limit value), made on first use. A
 * limit edited at runtime simply selects another instance. In Redis the instances of one (kind, dimension)
 * share their keys, so a lowered limit applies at once to the minute already used; in memory each
 * instance counts alone, so a changed limit starts a fresh window.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { InstantMemoryLimiter } from './instant-memory-limiter.ts';
import type { RateDimension } from './rate-headers.ts';

/** Per-minute limits: the only window rpm and tpm use. */
const WINDOW_SECONDS = 60;

/** Hands out the limiter for a scope kind, dimension and limit. */
export interface RateLimiterPool {
  limiterFor(kind: 'key' | 'team', dimension: RateDimension, limit: number): RateLimiterAbstract;
}

/** Where the pool's limiters count: Redis (shared, with an in-memory insurance limiter) or this process. */
export interface RateLimiterPoolOptions {
  readonly client?: Redis;
  readonly keyPrefix: string;
}

/** Builds an empty pool. */
export function createRateLimiterPool(options: RateLimiterPoolOptions): RateLimiterPool {
  // Looked up by value, not by a key string built per call: every admitted request asks up to four times.
  const limiters = {
    key: { requests: new Map<number, RateLimiterAbstract>(), tokens: new Map<number, RateLimiterAbstract>() },
    team: {
      requests: new Map<number, RateLimiterAbstract>(),
      tokens: new Map<number, RateLimiterAbstract>(),
    },
  };
  return {
    limiterFor(kind, dimension, limit) {
      const byLimit = limiters[kind][dimension];
      let limiter = byLimit.get(limit);
      if (limiter === undefined) {
        limiter = createOne(options, `${options.keyPrefix}${dimension}:${kind}`, limit);
        byLimit.set(limit, limiter);
      }
      return limiter;
    },
  };
}

function createOne(options: RateLimiterPoolOptions, keyPrefix: string, points: number): RateLimiterAbstract {
  // In memory each limiter counts in its own map, so it needs no prefix; without one the library looks up the
  // scope's id itself, a long-lived string whose hash is kept, rather than a prefixed string built and hashed
  // per check. Redis is shared, so there the prefix keeps dimensions and kinds apart.
  const memory = new InstantMemoryLimiter({ points, duration: WINDOW_SECONDS });
  if (options.client === undefined) return memory;
  return new RateLimiterRedis({
    storeClient: options.client,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    // Fail open, but not unlimited: while Redis is down each process enforces the limits on its own.
    insuranceLimiter: memory,
    rejectIfRedisNotReady: true,
  });
}
