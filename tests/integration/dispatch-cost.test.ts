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
/**
 * The resident's receipt (forwarded to the agency, due date) is a job of its own:
 * the outbox's reading, the delivery claimed and recorded, its removal.
 */
const RECEIPT_COMMANDS = 4;

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

/** Sends a petition (after a warm-up one) and counts the commands until its outbox is empty. */
async function measure(body: Record<string, unknown>, mails: number) {
  const first = await h.http.post('/api/v1/petitions').send(body).expect(201);
  await h.mail.waitFor(() => h.mail.about(first.body.trackingCode).length === mails);
  await dispatched(first.body.id);

  seen.length = 0;
  const created = await h.http.post('/api/v1/petitions').send(body).expect(201);
  const code: string = created.body.trackingCode;
  await h.mail.waitFor(() => h.mail.about(code).length === mails);
  await dispatched(created.body.id);

  const commands = seen.filter((e) => !HOUSEKEEPING.has(e.commandName));
  const tally: Record<string, number> = {};
  for (const e of commands) {
    const k = `${e.commandName} ${String(e.command[e.commandName])}`;
    tally[k] = (tally[k] ?? 0) + 1;
  }
  return { id: created.body.id as string, code, total: commands.length, tally };
}

it('takes a petition from intake to the agency in a bounded number of database commands', async () => {
  // A resident who wants no messages: the agency's path alone.
  const quiet = petition();
  quiet.submitter = { ...quiet.submitter, notifyBy: 'none' } as typeof quiet.submitter;
  const { id, code, total, tally } = await measure(quiet, 1);
  // The tally says what was added when the bound is broken.
  expect({ total, tally }).toEqual({ total: Math.min(total, MAX_COMMANDS), tally });
  // The work was done: routed, one notice, its history entry written.
  const s = await h.deps.models.Submission.findById(id).lean();
  expect(s?.status).toBe('assigned');
  expect(s?.history.map((e) => e.action)).toEqual([
    'received',
    'routing.assigned',
    'agency.notified',
  ]);
  expect(h.mail.about(code)).toHaveLength(1);
});

it("adds a bounded number of commands for the resident's receipt", async () => {
  const { code, total, tally } = await measure(petition(), 2);
  const bound = MAX_COMMANDS + RECEIPT_COMMANDS;
  expect({ total, tally }).toEqual({ total: Math.min(total, bound), tally });
  expect(h.mail.noticesOf(code)).toHaveLength(1);
  expect(h.mail.residentMailsOf(code)).toHaveLength(1);
  expect(h.mail.residentMailsOf(code)[0]!.to).toEqual(['lan@example.com']);
});
