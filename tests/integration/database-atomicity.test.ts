import { startHarness, type Harness } from '../helpers/harness';
import { rebuildInbox } from '../../src/triage/projection';

/**
 * What our code relies on the database for (docs/database.md), checked on
 * whatever server the suite runs on (FerretDB 2.7 + DocumentDB here, with
 * nothing in front of it; MongoDB 7 in production): single-document updates
 * are atomic, a unique index refuses an update with E11000, findOneAndUpdate
 * takes a projection, bulkWrite applies many updates in one command, and the
 * TTL and partial indexes we declare are built.
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

it('rebuilding the inbox twice over 150 open items completes (one bulkWrite of replacements)', async () => {
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
  // The second run replaces 150 existing entries (FerretDB v1 hung on this).
  expect((await rebuildInbox(h.deps.models)).open).toBe(150);
  expect(await h.deps.models.InboxEntry.countDocuments()).toBe(150);
}, 60_000);

it('a unique index refuses an update with E11000', async () => {
  const c = h.deps.db.collection<{ key: string }>('uniqueness');
  await c.createIndex({ key: 1 }, { unique: true });
  await c.insertMany([{ key: 'a' }, { key: 'b' }]);
  await expect(c.updateOne({ key: 'b' }, { $set: { key: 'a' } })).rejects.toMatchObject({
    code: 11000,
  });
  const res = await c
    .bulkWrite(
      [
        { updateOne: { filter: { key: 'b' }, update: { $set: { key: 'a' } } } },
        { updateOne: { filter: { key: 'b' }, update: { $set: { key: 'c' } } } },
      ],
      { ordered: false },
    )
    .catch((err: { code?: number; result?: { modifiedCount: number } }) => err);
  expect(res).toMatchObject({ code: 11000 });
  expect(await c.countDocuments({ key: 'c' })).toBe(1);
});

it('findOneAndUpdate returns only the projected fields', async () => {
  const c = h.deps.db.collection<{ status: string; big: string; outbox: string[] }>('atomicity');
  const { insertedId } = await c.insertOne({
    status: 'open',
    big: 'x'.repeat(10_000),
    outbox: ['a', 'b'],
  });
  const after = await c.findOneAndUpdate(
    { _id: insertedId },
    { $pull: { outbox: 'a' } },
    { projection: { _id: 0, outbox: 1 }, returnDocument: 'after' },
  );
  expect(after).toEqual({ outbox: ['b'] });
});

it('bulkWrite applies 200 updates in one call', async () => {
  const c = h.deps.db.collection<{ i: number; n: number }>('bulk');
  await c.insertMany(Array.from({ length: 200 }, (_, i) => ({ i, n: 0 })));
  const res = await c.bulkWrite(
    Array.from({ length: 200 }, (_, i) => ({
      updateOne: { filter: { i }, update: { $inc: { n: i } } },
    })),
    { ordered: false },
  );
  expect(res.modifiedCount).toBe(200);
  const sum = await c
    .aggregate<{ s: number }>([{ $group: { _id: null, s: { $sum: '$n' } } }])
    .next();
  expect(sum?.s).toBe((199 * 200) / 2);
}, 30_000);

it('the TTL and partial indexes we declare are built', async () => {
  const { models } = h.deps;
  const sessions = await models.Session.collection.indexes();
  expect(sessions).toContainEqual(
    expect.objectContaining({ key: { expires: 1 }, expireAfterSeconds: 0 }),
  );
  const keys = await models.IdempotencyRecord.collection.indexes();
  expect(keys).toContainEqual(
    expect.objectContaining({ key: { createdAt: 1 }, expireAfterSeconds: 7 * 86_400 }),
  );
  const submissions = await models.Submission.collection.indexes();
  expect(submissions).toContainEqual(
    expect.objectContaining({
      name: 'outbox_pending',
      key: { outboxPending: 1, updatedAt: 1 },
      partialFilterExpression: { outboxPending: true },
    }),
  );
});
