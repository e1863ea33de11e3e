import { startHarness, type Harness } from '../helpers/harness';
import { rebuildInbox } from '../../src/triage/projection';

/**
 * Our design relies on single-document updates being atomic, as in MongoDB.
 * FerretDB v1 over SQLite is not by itself (tools/ferretdb/main.go says why);
 * these tests hold whatever server the suite runs on to MongoDB's behaviour.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

it('concurrent updates of one document all apply', async () => {
  const c = h.deps.db.collection<{ n: number; list: number[] }>('atomicity');
  const { insertedId } = await c.insertOne({ n: 0, list: [] });
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      c.updateOne({ _id: insertedId }, { $inc: { n: 1 }, $push: { list: i } }),
    ),
  );
  const doc = await c.findOne({ _id: insertedId });
  expect(doc?.n).toBe(50);
  expect(doc?.list).toHaveLength(50);
});

it('of racing conditional updates exactly one wins', async () => {
  const c = h.deps.db.collection<{ status: string; winners: number[] }>('atomicity');
  const { insertedId } = await c.insertOne({ status: 'open', winners: [] });
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      c.findOneAndUpdate(
        { _id: insertedId, status: 'open' },
        { $set: { status: 'closed' }, $push: { winners: i } },
      ),
    ),
  );
  expect(results.filter(Boolean)).toHaveLength(1);
  expect((await c.findOne({ _id: insertedId }))?.winners).toHaveLength(1);
});

it('rebuilding the inbox twice over more than 100 open items completes (updates are batched)', async () => {
  const now = new Date();
  const docs = Array.from({ length: 150 }, (_, i) => ({
    kind: 'petition',
    trackingCode: `TD-BULK-${String(i).padStart(4, '0')}`,
    title: `Kiến nghị số ${i}`,
    body: 'Nội dung kiến nghị để thử.',
    searchKey: `kien nghi so ${i}`,
    categoryCode: 'other',
    jurisdictionCode: 'minh-hoa',
    jurisdictionPath: ['minh-hoa'],
    month: '2026-11',
    submitter: {},
    shareContactWithAgency: false,
    status: 'needs_triage',
    supporterCount: 1,
    cooperatingAgencyCodes: [],
    history: [],
    outbox: [],
    outboxPending: false,
    assignmentCount: 0,
    createdAt: now,
    updatedAt: now,
  }));
  await h.deps.models.Submission.collection.insertMany(docs as never[]);
  expect((await rebuildInbox(h.deps.models)).open).toBe(150);
  // The second run replaces 150 existing entries: this is what used to hang.
  expect((await rebuildInbox(h.deps.models)).open).toBe(150);
  expect(await h.deps.models.InboxEntry.countDocuments()).toBe(150);
}, 60_000);
