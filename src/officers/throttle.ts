import type { RedisClient as Redis } from '../platform/redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed logins are counted per account and per address, in Redis (shared by
 * every API process); if Redis is down, per process in memory instead.
 * An account is locked for 15 minutes after 5 failures in a row; an address
 * after 20 failures in an hour, whatever accounts it tries.
 */
export interface LoginThrottle {
  /** Seconds to wait before trying again, or 0. */
  blockedFor(email: string, ip: string): Promise<number>;
  failed(email: string, ip: string): Promise<void>;
  succeeded(email: string, ip: string): Promise<void>;
}

export function loginThrottle(redis: Redis, prefix: string): LoginThrottle {
  const make = (keyPrefix: string, points: number, duration: number, blockDuration: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:login:${keyPrefix}`,
      points,
      duration,
      blockDuration,
      insuranceLimiter: new RateLimiterMemory({ points, duration, blockDuration }),
    });
  const byAccount = make('account', 5, 15 * 60, 15 * 60);
  const byAddress = make('address', 20, 60 * 60, 60 * 60);
  const accountKey = (email: string) => email.toLowerCase();

  const wait = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : 0;

  return {
    async blockedFor(email, ip) {
      const [a, b] = await Promise.all([byAccount.get(accountKey(email)), byAddress.get(ip)]);
      return Math.max(wait(a, 5), wait(b, 20));
    },
    async failed(email, ip) {
      await Promise.allSettled([byAccount.consume(accountKey(email)), byAddress.consume(ip)]);
    },
    async succeeded(email) {
      await byAccount.delete(accountKey(email)).catch(() => undefined);
    },
  };
}
