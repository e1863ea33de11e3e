import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Deps } from '../deps';
import { DomainError, fail } from '../platform/domain-errors';
import type { Submission } from '../submissions/model';
import { residentKeyMatches } from '../submissions';
import { canonicalTrackingCode } from '../submissions';

/**
 * What the resident does through their private link goes through `asResident`:
 * the key must match the stored hash, and the action must fit the status. A
 * wrong key, an unknown code and a wrong status all answer the same
 * (`not-permitted`), so nothing can be learnt by trying; each refusal counts
 * against the tracking code (RESIDENT_FAILURES_PER_HOUR, in Redis, or in memory
 * while Redis is down), and past the limit every attempt is refused for the hour.
 */
const limiters = new WeakMap<Deps, RateLimiterRedis>();

function failures(deps: Deps): RateLimiterRedis {
  let l = limiters.get(deps);
  if (!l) {
    const points = deps.config.RESIDENT_FAILURES_PER_HOUR;
    l = new RateLimiterRedis({
      storeClient: deps.redis,
      keyPrefix: `${deps.config.QUEUE_PREFIX}:resident-fail`,
      points,
      duration: 3600,
      insuranceLimiter: new RateLimiterMemory({ points, duration: 3600 }),
    });
    limiters.set(deps, l);
  }
  return l;
}

export async function asResident<T>(
  deps: Deps,
  rawCode: string,
  key: unknown,
  act: (s: Submission) => Promise<T>,
): Promise<T> {
  const code = canonicalTrackingCode(rawCode) ?? 'invalid';
  const limiter = failures(deps);
  const seen = await limiter.get(code).catch(() => null);
  if (seen && seen.consumedPoints >= deps.config.RESIDENT_FAILURES_PER_HOUR)
    throw new DomainError(
      'resident-throttled',
      'Try again later.',
      [],
      Math.ceil(seen.msBeforeNext / 1000),
    );
  try {
    const s =
      code === 'invalid'
        ? null
        : await deps.models.Submission.findOne({ trackingCode: code }).lean();
    if (!s || !residentKeyMatches(s.residentKeyHash, key)) throw fail.because('not-permitted');
    return await act(s);
  } catch (err) {
    if (!(err instanceof DomainError) || err.code === 'validation') throw err;
    await limiter.consume(code).catch(() => undefined);
    throw fail.because('not-permitted');
  }
}
