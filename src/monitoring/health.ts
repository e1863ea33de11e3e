import type { Deps } from '../deps';

export interface Readiness {
  ok: boolean;
  checks: Record<string, 'ok' | 'down'>;
}

/** Whether MongoDB and Redis answer a ping within a second each (`/readyz`). */
export async function readiness(deps: Deps): Promise<Readiness> {
  const within = <T>(p: Promise<T>) =>
    Promise.race([
      p,
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 1000)),
    ]);
  const [db, redis] = await Promise.allSettled([
    within(deps.db.db!.admin().ping()),
    within(deps.redis.ping()),
  ]);
  const checks = {
    mongodb: db.status === 'fulfilled' ? 'ok' : 'down',
    redis: redis.status === 'fulfilled' ? 'ok' : 'down',
  } as const;
  return { ok: Object.values(checks).every((c) => c === 'ok'), checks };
}
