import type { RequestHandler } from 'express';
import { isIPv4 } from 'node:net';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { problems } from './errors';
import type { Logger } from './logger';
import type { RedisClient } from './redis';
import { Cluster } from 'ioredis';

/**
 * rate-limit-redis loads its Lua script once, at start. If Redis was down then,
 * the stored promise stays rejected for ever; this store reloads it after any
 * failure, so limits come back when Redis does.
 */
class ReconnectingRedisStore extends RedisStore {
  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (err) {
      this.incrementScriptSha = this.loadIncrementScript();
      this.incrementScriptSha.catch(() => undefined);
      throw err;
    }
  }
}

/**
 * On a Cluster, SCRIPT LOAD goes to one node, but EVALSHA to the node of its
 * key: the script is loaded on every primary (a NOSCRIPT after a failover
 * makes the store load it again).
 */
async function loadOnEveryPrimary(cluster: Cluster, args: string[]): Promise<unknown> {
  const shas = await Promise.all(cluster.nodes('master').map((n) => n.call('SCRIPT', ...args)));
  return shas[0];
}

/**
 * A per-address limit shared by all API processes through Redis. When Redis is
 * down requests pass: refusing residents would be worse than a missing limit.
 */
export function rateLimiter(
  redis: RedisClient,
  logger: Logger,
  prefix: string,
  limit: number,
  extra: Partial<Options> = {},
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    store: new ReconnectingRedisStore({
      prefix: `${prefix}:rl:`,
      sendCommand: (command: string, ...args: string[]) =>
        (command === 'SCRIPT' && redis instanceof Cluster
          ? loadOnEveryPrimary(redis, args)
          : redis.call(command, ...args)) as Promise<RedisReply>,
    }),
    keyGenerator: clientKey,
    handler: (_req, _res, next) => next(problems.rateLimited()),
    // Redis being down is reported by /readyz; one line per request would drown the log.
    logger: {
      error: (err, msg) => logger.debug({ err: (err as Error)?.message }, msg ?? 'rate limiter'),
      warn: (err, msg) => logger.debug({ err: (err as Error)?.message }, msg ?? 'rate limiter'),
    },
    ...extra,
  });
}

/**
 * The client's address as the limit's key: IPv4 as is (also when the dual-stack
 * socket reports it as `::ffff:a.b.c.d`), IPv6 by /56 network as the library
 * does. The library's own key generator parses every address with ip-address,
 * which was a tenth of an intake's CPU in the intake profile.
 */
export function clientKey(req: { ip?: string }): string {
  const ip = req.ip ?? '';
  if (ip.startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7);
  return isIPv4(ip) ? ip : ipKeyGenerator(ip, 56);
}
