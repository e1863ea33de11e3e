/**
 * Demo data brings accounts with known passwords (printed by the seed): never in
 * production unless someone insists with ALLOW_DEMO=true. The reason, or null.
 */
export function demoRefused(config: { NODE_ENV: string }, env = process.env): string | null {
  if (config.NODE_ENV !== 'production' || env.ALLOW_DEMO === 'true') return null;
  return '--demo adds demo accounts with known passwords: refused in production (set ALLOW_DEMO=true to insist)';
}
