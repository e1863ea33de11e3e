import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  maildevService,
  mongoService,
  redisService,
  smsSinkService,
  type Service,
} from './services';

/**
 * Starts everything for the local run on fixed ports (overridable), with data in
 * .data/dev, and prints where to look. See scripts/dev.sh.
 */
const ROOT = resolve(__dirname, '..');
const DATA = process.env.DEV_DATA_DIR ?? join(ROOT, '.data/dev');
const LOGS = join(DATA, 'logs');
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const ports = {
  api: port('PORT', 3000),
  mongo: port('DEV_MONGO_PORT', 27018),
  redis: port('DEV_REDIS_PORT', 6380),
  smtp: port('DEV_SMTP_PORT', 1025),
  mailWeb: port('DEV_MAIL_WEB_PORT', 1080),
  sms: port('DEV_SMS_PORT', 1090),
  inbound: port('INBOUND_SMTP_PORT', 2525),
};
const check = process.argv.includes('--check');

const services: Service[] = [];
const children: ChildProcess[] = [];

async function main(): Promise<void> {
  const mongoUrl = process.env.MONGODB_URL;
  if (!mongoUrl)
    services.push(await mongoService(join(DATA, 'db'), ports.mongo, LOGS, { durable: true }));
  services.push(redisService(join(DATA, 'redis'), ports.redis, LOGS));
  services.push(maildevService(ports.smtp, ports.mailWeb, LOGS, join(DATA, 'mail')));
  // SMS to residents who chose them land in a sink with a web page (no real gateway locally).
  const sms = process.env.SMS_GATEWAY_URL ? undefined : smsSinkService(ports.sms, LOGS);
  if (sms) services.push(sms);
  for (const s of services) {
    await s.start();
    console.log(`started ${s.name} (${s.url})`);
  }

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: String(ports.api),
    MONGODB_URL: mongoUrl ?? `mongodb://127.0.0.1:${ports.mongo}/tiengdan`,
    REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
    SMS_GATEWAY_URL: process.env.SMS_GATEWAY_URL ?? sms!.url,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${ports.api}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    INBOUND_SMTP_PORT: String(ports.inbound),
  };
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  await run(tsx, ['src/seed.ts', '--demo'], env);
  // Each process serves its metrics on its own port: 9464, 9465, 9466.
  const metricsPort = port('METRICS_PORT', 9464);
  ['src/server.ts', 'workers/index.ts', 'src/inbound/server.ts'].forEach((script, i) => {
    const own = { ...env, METRICS_PORT: String(metricsPort + i) };
    children.push(spawn(tsx, [script], { cwd: ROOT, env: own, stdio: 'inherit' }));
  });
  await waitReady(`http://127.0.0.1:${ports.api}/readyz`);

  const base = env.PUBLIC_BASE_URL;
  console.log(`
Tiếng Dân is running.
  Submission form   ${base}/
  Tracking page     ${base}/track
  Mail inbox        http://localhost:${ports.mailWeb}/   (agency e-mails with reply links land here)
  SMS inbox         ${sms ? `http://localhost:${ports.sms}/` : '(SMS_GATEWAY_URL)'}   (text messages to residents who chose SMS)
  Inbound mail      smtp://127.0.0.1:${ports.inbound}   (agencies' e-mailed answers: reply+<token>@${process.env.INBOUND_DOMAIN ?? 'inbound.tiengdan.local'})
  API docs          ${base}/docs   (OpenAPI: ${base}/api/v1/openapi.json)
  Officers          ${base}/officer   (demo accounts and passwords are printed by the seed above, on first run;
                    or: npm run create-admin -- --email you@example.org --name "Your Name")
  Health            ${base}/readyz
  Metrics           http://localhost:${metricsPort}/metrics (API; workers +1, inbound +2)
Service logs: ${LOGS}. Press Ctrl-C to stop.`);
  if (check) await stop(0);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((ok, fail) => {
    const c = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
    c.once('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`${args[0]} exited with ${code}`)),
    );
  });
}

async function waitReady(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null) return done();
          c.once('exit', () => done());
          c.kill('SIGTERM');
        }),
    ),
  );
  for (const s of [...services].reverse()) await s.stop();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await stop(1);
});
