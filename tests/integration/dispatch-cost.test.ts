import { MongoClient, ObjectId, type CommandStartedEvent } from 'mongodb';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * What one petition costs the database from intake to the agency's notice
 * accepted by SMTP and the outbox emptied, with the worker running as in
 * production: counted with the driver's command monitoring on the connection the
 * API and the worker share here. The bound guards against a change that quietly
 * adds round trips to every petition (docs/architecture.md, "Dispatch").
 */
const MAX_COMMANDS = 20;

let h: Harness;
let poll: MongoClient;
const seen: CommandStartedEvent[] = [];
beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGODB_URL!);
  url.searchParams.set('monitorCommands', 'true');
  h = await startHarness({
    env: {
      MONGODB_URL: url.toString(),
      // No periodic scans during the count.
      OUTBOX_RELAY_EVERY_MS: '600000',
      DEADLINE_SCAN_EVERY_MS: '600000',
    },
  });
  h.deps.db.getClient().on('commandStarted', (e) => seen.push(e));
  // The test's own reads go through another client, so they are not counted.
  poll = new MongoClient(process.env.TEST_MONGODB_URL!);
});
afterAll(async () => {
  await poll.close();
  await h.close();
});

const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions']);

async function dispatched(id: string): Promise<void> {
  const submissions = poll.db(h.deps.db.name).collection('submissions');
  await eventually(async () => {
    const s = await submissions.findOne({ _id: new ObjectId(id) });
    return s && s.outbox.length === 0 && s.outboxPending === false;
  });
}

it('takes a petition from intake to the agency in a bounded number of database commands', async () => {
  // Warm up: reference cache, connections, the job schedulers' first runs.
  const first = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  await h.mail.waitFor(() => h.mail.about(first.body.trackingCode).length === 1);
  await dispatched(first.body.id);

  seen.length = 0;
  const created = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  const code: string = created.body.trackingCode;
  await h.mail.waitFor(() => h.mail.about(code).length === 1);
  await dispatched(created.body.id);

  const commands = seen.filter((e) => !HOUSEKEEPING.has(e.commandName));
  const tally: Record<string, number> = {};
  for (const e of commands) {
    const k = `${e.commandName} ${String(e.command[e.commandName])}`;
    tally[k] = (tally[k] ?? 0) + 1;
  }
  // The tally says what was added when the bound is broken.
  expect({ total: commands.length, tally }).toEqual({
    total: Math.min(commands.length, MAX_COMMANDS),
    tally,
  });
  // The work was done: routed, one notice, its history entry written.
  const s = await h.deps.models.Submission.findById(created.body.id).lean();
  expect(s?.status).toBe('assigned');
  expect(s?.history.map((e) => e.action)).toEqual([
    'received',
    'routing.assigned',
    'agency.notified',
  ]);
  expect(h.mail.about(code)).toHaveLength(1);
});
