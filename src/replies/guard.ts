import type { RedisClient as Redis } from '../platform/redis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/**
 * Guessing reply tokens is hopeless (256 bits), but nobody should get to try
 * for free: failed look-ups (unknown tokens) are counted per client address, in
 * Redis (shared by every process; in memory while Redis is down). Past
 * GUESS_LIMIT failures in GUESS_WINDOW_S, every look-up from that address is
 * refused (429) until the window has passed. The inbound SMTP listener counts
 * unknown reply addresses the same way.
 */
export const GUESS_LIMIT = 20;
export const GUESS_WINDOW_S = 10 * 60;

export interface TokenGuard {
  /** Seconds to wait before trying again, or 0. */
  blockedFor(client: string): Promise<number>;
  failed(client: string): Promise<void>;
}

export function tokenGuard(redis: Redis, prefix: string): TokenGuard {
  const opts = { points: GUESS_LIMIT, duration: GUESS_WINDOW_S };
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:reply-guess`,
    ...opts,
    insuranceLimiter: new RateLimiterMemory(opts),
  });
  return {
    async blockedFor(client) {
      const res = await limiter.get(client).catch(() => null);
      return res && res.consumedPoints >= GUESS_LIMIT ? Math.ceil(res.msBeforeNext / 1000) : 0;
    },
    async failed(client) {
      await limiter.consume(client).catch(() => undefined);
    },
  };
}
