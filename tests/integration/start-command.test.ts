import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/services';

/**
 * The README's run command starts every service, seeds, runs the API and the
 * worker, prints the URLs and (with --check) stops once /readyz answers 200.
 */
it('npm run dev -- --check starts everything and prints where to look', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'td-dev-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEV_DATA_DIR: dir,
    PORT: String(await freePort()),
    DEV_MONGO_PORT: String(await freePort()),
    DEV_REDIS_PORT: String(await freePort()),
    DEV_SMTP_PORT: String(await freePort()),
    DEV_MAIL_WEB_PORT: String(await freePort()),
    DEV_SMS_PORT: String(await freePort()),
    INBOUND_SMTP_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
  delete env.MONGODB_URL;
  delete env.SMS_GATEWAY_URL;
  const root = resolve(__dirname, '../..');
  const { code, out } = await new Promise<{ code: number | null; out: string }>((ok) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/dev.ts', '--check'], {
      cwd: root,
      env,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => ok({ code, out }));
  });
  rmSync(dir, { recursive: true, force: true });
  expect(out).toContain('Tiếng Dân is running.');
  expect(out).toContain(`http://localhost:${env.PORT}/docs`);
  expect(out).toContain(`http://localhost:${env.DEV_MAIL_WEB_PORT}/`);
  expect(out).toContain(`SMS inbox         http://localhost:${env.DEV_SMS_PORT}/`);
  expect(out).toContain(`smtp://127.0.0.1:${env.INBOUND_SMTP_PORT}`);
  expect(code).toBe(0);
}, 120_000);
