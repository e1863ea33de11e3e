import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { loadConfig } from '../../config/env';
import { loadReferenceData } from '../../config/reference';
import { createApp } from '../../src/app';
import { closeDeps, createDeps, type Deps } from '../../src/deps';
import type { Clock } from '../../src/platform/clock';
import { createLogger, type Logger } from '../../src/platform/logger';
import { createOfficer } from '../../src/officers/service';
import { seedReferenceData } from '../../src/reference/seed';
import { startWorkers, type RunningWorkers } from '../../workers/start';
import { MailCatcher } from './mail-catcher';
import { startSmsSink, type SmsSink } from '../../scripts/sms-sink';
import { watchTransactions, withCommandMonitoring } from './no-transactions';
import { PETITION } from '../../scripts/bench/common';

export interface Harness {
  deps: Deps;
  app: Express;
  mail: MailCatcher;
  /** The SMS gateway's sink: what residents who chose SMS were sent. */
  sms: SmsSink;
  http: ReturnType<typeof supertest>;
  /** A client that keeps cookies, like a browser. */
  agent(): ReturnType<typeof supertest.agent>;
  baseUrl: string;
  workers?: RunningWorkers;
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Start the workers too (default true). */
  workers?: boolean;
  redisUrl?: string;
  clock?: Clock;
  env?: Record<string, string>;
  logger?: Logger;
}

/**
 * The whole service in this test process, on the real servers started for the
 * run: its own database and queue prefix, its own SMTP catcher, the API on a real
 * port (for the browser) and the workers.
 */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const id = randomBytes(4).toString('hex');
  const mail = new MailCatcher();
  await mail.start();
  const sms = await startSmsSink();
  const server: { s?: Server } = {};
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URL: withCommandMonitoring(process.env.TEST_MONGODB_URL!),
    REDIS_URL: opts.redisUrl ?? process.env.TEST_REDIS_URL,
    SMTP_URL: mail.url,
    SMS_GATEWAY_URL: sms.url,
    QUEUE_PREFIX: `t-${id}`,
    OUTBOX_RELAY_EVERY_MS: '300',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: 'http://127.0.0.1:1',
    ...opts.env,
  });
  const deps = await createDeps(config, {
    dbName: `t_${id}`,
    logger: opts.logger ?? createLogger(config.LOG_LEVEL),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const checkNoTransactions = watchTransactions(deps.db);
  await seedReferenceData(deps.models, loadReferenceData());
  const app = createApp(deps);
  server.s = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.s.address() as AddressInfo).port}`;
  // Links in e-mails must point at this very server.
  (deps.config as { PUBLIC_BASE_URL: string }).PUBLIC_BASE_URL = baseUrl;

  const h: Harness = {
    deps,
    app,
    mail,
    sms,
    http: supertest(app),
    agent: () => supertest.agent(app),
    baseUrl,
    async startWorkers() {
      h.workers = await startWorkers(deps, { concurrency: 4 });
    },
    async close() {
      await h.workers?.close();
      await new Promise((ok) => server.s?.close(ok));
      server.s?.closeAllConnections();
      await deps.db.dropDatabase().catch(() => undefined);
      await closeDeps(deps);
      await mail.stop();
      await sms.close();
      checkNoTransactions();
    },
  };
  if (opts.workers !== false) await h.startWorkers();
  return h;
}

/** Polls until `check` returns a truthy value. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The petition the benchmarks send too (routed to bb-laihung-ubnd), with overrides. */
export function petition(overrides: Record<string, unknown> = {}) {
  return {
    ...PETITION,
    submitter: { ...PETITION.submitter },
    ...overrides,
  };
}

/** The reply link in an agency's e-mail. */
export function replyLink(text: string): { url: string; token: string } {
  const m = text.match(/https?:\/\/[^\s]+\/reply\/([A-Za-z0-9_-]{43})/);
  if (!m) throw new Error('no reply link in the e-mail');
  return { url: m[0], token: m[1]! };
}

/** Creates an account directly (as the create-admin command does) and signs in through the API. */
export async function signedIn(
  h: Harness,
  who: { email: string; role: 'admin' | 'officer'; jurisdictionCode?: string },
): Promise<{ agent: ReturnType<typeof supertest.agent>; csrf: string; password: string }> {
  const password = 'mat-khau-du-dai-123';
  if (!(await h.deps.models.Officer.exists({ email: who.email })))
    await createOfficer(h.deps, { ...who, name: who.email.split('@')[0]!, password });
  const agent = h.agent();
  const res = await agent
    .post('/api/v1/auth/login')
    .send({ email: who.email, password })
    .expect(200);
  return { agent, csrf: res.body.csrfToken as string, password };
}

/** Files a petition and answers it through the agency's reply link (the resident's key kept). */
export async function answeredPetition(h: Harness, body: Record<string, unknown>) {
  const res = await h.http.post('/api/v1/petitions').send(petition(body)).expect(201);
  const code: string = res.body.trackingCode;
  await h.mail.waitFor(() => h.mail.noticesOf(code).length > 0);
  const { token } = replyLink(h.mail.noticesOf(code)[0]!.text);
  await h.http
    .post(`/api/v1/replies/${token}`)
    .send({ text: 'Đã sửa xong đoạn đường, mời bà con kiểm tra.', responderName: 'UBND xã' })
    .expect(201);
  return { id: res.body.id as string, code, key: res.body.residentKey as string, token };
}

/** Waits until a submission's outbox is empty: every side effect due (routing, e-mails) is done. */
export function settled(h: Harness, id: string) {
  return eventually(async () => {
    const d = await h.deps.models.Submission.findById(id).lean();
    return d && !d.outboxPending;
  });
}

/** Files an item through the API and waits until its outbox is done (routed, receipts sent). */
export async function fileItem(
  h: Harness,
  body: Record<string, unknown>,
  kind: 'petitions' | 'sentiments' = 'petitions',
): Promise<{ id: string; trackingCode: string }> {
  const res = await h.http.post(`/api/v1/${kind}`).send(body).expect(201);
  await settled(h, res.body.id);
  return res.body as { id: string; trackingCode: string };
}

/**
 * Files a petition that routing gives to an agency, waits for the agency's notice
 * and until the notice is recorded too (the test starts from rest), and returns
 * the notice and the token of its reply link.
 */
export async function assignedPetition(h: Harness, overrides: Record<string, unknown> = {}) {
  const res = await h.http.post('/api/v1/petitions').send(petition(overrides)).expect(201);
  const code: string = res.body.trackingCode;
  await h.mail.waitFor(() => h.mail.noticesOf(code).length > 0);
  await settled(h, res.body.id);
  const notice = h.mail.noticesOf(code)[0]!;
  return { id: res.body.id as string, code, notice, token: replyLink(notice.text).token };
}
