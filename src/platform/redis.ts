import { Redis, type RedisOptions } from 'ioredis';

/**
 * Two kinds of Redis connection. Producers (the API) fail fast when Redis is down
 * so that intake never waits on it: the outbox catches up later. Workers block on
 * Redis and must retry for ever, as BullMQ requires.
 */
export function producerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  } satisfies RedisOptions);
}

export function workerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  } satisfies RedisOptions);
}
