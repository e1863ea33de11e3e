import { rmSync } from 'node:fs';
import type { Service } from '../../scripts/services';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __services?: Service[] }).__services ?? [];
  await Promise.all(services.map((s) => s.stop()));
  if (process.env.TEST_DIR && !process.env.KEEP_TEST_DIR)
    rmSync(process.env.TEST_DIR, { recursive: true, force: true });
}
