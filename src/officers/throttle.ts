import type { RedisClient as Redis } from '../platform/redis';

/**
 * Failed logins, counted in Redis (shared by every API process) in three ways,
 * each with a delay that grows with every failure:
 * - per account *and* address: after 5 failures, 30 s, 1, 2, 4 … minutes, up to
 *   15 (a guesser at one address; the owner elsewhere is not held up);
 * - per address, whatever accounts it tries: after 20 failures, 1, 2, 4 …
 *   minutes, up to an hour;
 * - per account, from every address: after 10 failures, 1, 2, 4 … seconds, up to
 *   one minute (slows a guesser spread over many addresses without letting
 *   anyone lock the owner out).
 * Counts last an hour after the last failure; a success clears its account and
 * address pair; an admin clears an account (`unlock`). If Redis is down, logins
 * are not throttled (and the failure is logged by the caller's logger).
 */
export interface LoginThrottle {
  /** Seconds to wait before trying again, or 0. */
  blockedFor(email: string, ip: string): Promise<number>;
  failed(email: string, ip: string): Promise<void>;
  succeeded(email: string, ip: string): Promise<void>;
  /** Forgets every failure counted against the account (an admin's unlock). */
  unlock(email: string): Promise<void>;
}

interface Rule {
  name: string;
  key: (email: string, ip: string) => string;
  /** Failures before delays start. */
  free: number;
  /** First delay and the cap, in seconds. */
  first: number;
  max: number;
}

const RULES: Rule[] = [
  { name: 'pair', key: (e, ip) => `${e}|${ip}`, free: 5, first: 30, max: 15 * 60 },
  { name: 'address', key: (_e, ip) => ip, free: 20, first: 60, max: 60 * 60 },
  { name: 'account', key: (e) => e, free: 10, first: 1, max: 60 },
];

/** The delay after `failures` failures under a rule (0 while still free). */
export function delayAfter(rule: Pick<Rule, 'free' | 'first' | 'max'>, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.max, rule.first * 2 ** (failures - rule.free));
}

export function loginThrottle(redis: Redis, prefix: string): LoginThrottle {
  const norm = (email: string) => email.trim().toLowerCase();
  const count = (r: Rule, e: string, ip: string) => `${prefix}:login:${r.name}:${r.key(e, ip)}`;
  const wait = (r: Rule, e: string, ip: string) => `${count(r, e, ip)}:wait`;
  const quietly = async <T>(p: Promise<T>, fallback: T): Promise<T> => p.catch(() => fallback);

  return {
    async blockedFor(email, ip) {
      const e = norm(email);
      const ttls = await quietly(Promise.all(RULES.map((r) => redis.pttl(wait(r, e, ip)))), []);
      return Math.ceil(Math.max(0, ...ttls) / 1000);
    },
    async failed(email, ip) {
      const e = norm(email);
      await quietly(
        Promise.all(
          RULES.map(async (r) => {
            const n = await redis.incr(count(r, e, ip));
            await redis.expire(count(r, e, ip), 3600);
            if (r.name === 'pair') {
              await redis.sadd(`${prefix}:login:pairs:${e}`, ip);
              await redis.expire(`${prefix}:login:pairs:${e}`, 3600);
            }
            const delay = delayAfter(r, n);
            if (delay > 0) await redis.set(wait(r, e, ip), '1', 'EX', delay);
          }),
        ),
        [],
      );
    },
    async succeeded(email, ip) {
      const pair = RULES[0]!;
      const e = norm(email);
      await quietly(redis.del(count(pair, e, ip), wait(pair, e, ip)), 0);
    },
    async unlock(email) {
      // The addresses that failed for this account are kept in a set (no SCAN:
      // a Redis Cluster has no single keyspace); keys are deleted one by one.
      const e = norm(email);
      const pairs = await redis.smembers(`${prefix}:login:pairs:${e}`);
      const keys = [
        ...pairs.flatMap((ip) =>
          RULES.filter((r) => r.name === 'pair').flatMap((r) => [count(r, e, ip), wait(r, e, ip)]),
        ),
        ...RULES.filter((r) => r.name === 'account').flatMap((r) => [
          count(r, e, ''),
          wait(r, e, ''),
        ]),
        `${prefix}:login:pairs:${e}`,
      ];
      for (const k of keys) await redis.del(k);
    },
  };
}
