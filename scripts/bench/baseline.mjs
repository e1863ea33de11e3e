// The floor the intake benchmark compares the service with: a bare node:http server
// and the raw MongoDB driver, writing the same document shape as the service, with the
// same write concern, to the same database server. No framework, no validation, no
// reference lookups, no queue. Plain JavaScript so that node runs it without a loader.
//   PORT=… MONGODB_URL=mongodb://127.0.0.1:27017/ DB_NAME=bench_baseline node baseline.mjs
import { Buffer } from 'node:buffer';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import { MongoClient } from 'mongodb';

const port = Number(process.env.PORT);
const client = new MongoClient(process.env.MONGODB_URL ?? '', {
  serverSelectionTimeoutMS: 5000,
  writeConcern: { w: 'majority', j: true },
});
const submissions = client.db(process.env.DB_NAME ?? 'bench_baseline').collection('submissions');

// Same crockford alphabet and length as src/submissions/tracking-code.ts.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function trackingCode() {
  let s = '';
  for (let i = 0; i < 8; i += 1) s += ALPHABET[randomInt(32)];
  return `TD-${s.slice(0, 4)}-${s.slice(4)}`;
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const text = (s) => s.normalize('NFC').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').trim();
const line = (s) => text(s).replace(/\s+/g, ' ');
const searchKey = (...parts) =>
  parts
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

// Vietnam has no daylight saving time: UTC+7 all year.
const month = (at) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 7);

// A jurisdiction code names its ancestors: a.b.c has the path [a, a.b, a.b.c].
const pathOf = (code) => code.split('.').map((_, i, all) => all.slice(0, i + 1).join('.'));

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function handle(req, res) {
  if (req.method !== 'POST' || req.url !== '/api/v1/petitions') return send(res, 404, {});
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let data;
  try {
    data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return send(res, 400, { title: 'Malformed JSON' });
  }
  const now = new Date();
  const title = line(String(data.title));
  const body = text(String(data.body));
  const s = data.submitter ?? {};
  const doc = {
    kind: 'petition',
    trackingCode: trackingCode(),
    title,
    body,
    searchKey: searchKey(title, body),
    categoryCode: String(data.categoryCode),
    jurisdictionCode: String(data.jurisdictionCode),
    jurisdictionPath: pathOf(String(data.jurisdictionCode)),
    month: month(now),
    submitter: {
      ...(s.name ? { name: line(s.name) } : {}),
      ...(s.email ? { email: s.email.toLowerCase() } : {}),
      ...(s.phone ? { phone: s.phone.replace(/[ .-]/g, '') } : {}),
    },
    shareContactWithAgency: data.shareContactWithAgency === true,
    status: 'received',
    history: [{ at: now, actor: { kind: 'resident' }, action: 'received', to: 'received' }],
    outbox: ['route'],
    outboxPending: true,
    createdAt: now,
    updatedAt: now,
  };
  const { insertedId } = await submissions.insertOne(doc);
  send(res, 201, { id: String(insertedId), trackingCode: doc.trackingCode, status: doc.status });
}

async function main() {
  await client.connect();
  // The same indexes the service's Submission model declares, so inserts cost the same.
  await submissions.createIndex({ trackingCode: 1 }, { unique: true });
  await submissions.createIndex(
    { outboxPending: 1, updatedAt: 1 },
    { name: 'outbox_pending', partialFilterExpression: { outboxPending: true } },
  );
  await submissions.createIndex({ jurisdictionPath: 1, status: 1, createdAt: -1 });

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      process.stderr.write(`baseline: ${err?.stack ?? err}\n`);
      if (!res.headersSent) send(res, 500, { title: 'Internal error' });
      else res.destroy();
    });
  });
  server.listen(port, '127.0.0.1');
  const stop = () => server.close(() => client.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`baseline: ${err?.stack ?? err}\n`);
  process.exit(1);
});
