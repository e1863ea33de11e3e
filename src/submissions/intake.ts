import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Deps } from '../deps';
import { encodeEvent } from '../dispatch/events';
import { localMonth } from '../platform/clock';
import { isDuplicateKey } from '../platform/db';
import { fail } from '../platform/domain-errors';
import { normalizeLine, normalizeText, searchKey } from '../platform/text';
import { inForce } from '../reference';
import { receivedEntry } from './lifecycle';
import type { IdempotencyRecord, Submission, SubmissionKind } from './model';
import type { PetitionInput, SentimentInput } from './schemas';
import { hashResidentKey, residentKey, residentKeySecret } from './resident-key';
import { newTrackingCode } from './tracking-code';

export interface IntakeResult {
  id: string;
  trackingCode: string;
  status: Submission['status'];
  /** False when an Idempotency-Key replayed an earlier request. */
  created: boolean;
  /** The resident's private key (resident-key.ts): never stored, only its hash. */
  residentKey: string;
}

type NewSubmission = Omit<Submission, 'createdAt' | 'updatedAt' | 'assignmentCount'>;

type Input =
  { kind: 'petition'; data: PetitionInput } | { kind: 'sentiment'; data: SentimentInput };

/**
 * A resident submits a petition or a sentiment. We check the references, store
 * the normalised text durably, and only then answer with a tracking code. A
 * petition is also handed to routing through its outbox; if Redis is down the
 * relay hands it over later.
 */
export async function submit(
  deps: Deps,
  input: Input,
  idempotencyKey?: string,
): Promise<IntakeResult> {
  const { clock } = deps;
  const { data } = input;
  const [found, category] = await Promise.all([
    deps.reference.jurisdiction(data.jurisdictionCode),
    deps.reference.category(data.categoryCode),
  ]);
  // Only units in force take new items (a dissolved one is "unknown" to residents).
  const jurisdiction = found && inForce(found, clock.now()) ? found : undefined;
  const unknown = [
    ...(category ? [] : [{ path: 'categoryCode', message: 'unknown category', code: 'unknown' }]),
    ...(jurisdiction
      ? []
      : [{ path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' }]),
  ];
  if (!jurisdiction || unknown.length) throw fail.validation(unknown);

  const identity = idempotencyKey
    ? await claimIdempotencyKey(deps, idempotencyKey, input)
    : { id: new Types.ObjectId(), trackingCode: newTrackingCode() };

  const now = clock.now();
  const key = residentKey(residentKeySecret(deps.config), identity.id);
  const title = normalizeLine(data.title);
  const body = normalizeText(data.body);
  // Routing and indexing (the inbox of open items, the report counters) happen in
  // the worker, through the outbox: the answer waits for one insert only. A
  // petition is indexed by its routing transition, whose message to the resident
  // is their receipt; a sentiment is indexed and its receipt sent.
  const effects =
    input.kind === 'petition'
      ? [encodeEvent({ type: 'route' })]
      : [encodeEvent({ type: 'index' }), encodeEvent({ type: 'resident-receipt' })];
  const doc: NewSubmission = {
    _id: identity.id,
    kind: input.kind,
    trackingCode: identity.trackingCode,
    title,
    body,
    searchKey: searchKey(title, body),
    categoryCode: data.categoryCode,
    jurisdictionCode: jurisdiction.code,
    jurisdictionPath: jurisdiction.path,
    month: localMonth(now),
    submitter: cleanContact(data.submitter),
    shareContactWithAgency: data.shareContactWithAgency ?? false,
    residentKeyHash: hashResidentKey(key),
    ...(data.lang ? { lang: data.lang } : {}),
    status: 'received',
    supporterCount: 1,
    cooperatingAgencyCodes: [],
    history: [receivedEntry(now, { kind: 'resident' })],
    outbox: effects,
    outboxPending: effects.length > 0,
  };

  const stored = await insertOnce(deps, doc, now);
  return {
    id: String(stored.doc._id),
    trackingCode: stored.doc.trackingCode,
    status: stored.doc.status,
    created: stored.created,
    residentKey: key,
  };
}

/** Contact data as stored: normalised name, lower-case e-mail, phone digits, channel. */
export function cleanContact(s: Submission['submitter'] | undefined): Submission['submitter'] {
  if (!s) return {};
  return {
    ...(s.name ? { name: normalizeLine(s.name) } : {}),
    ...(s.email ? { email: s.email.toLowerCase() } : {}),
    ...(s.phone ? { phone: s.phone.replace(/[ .-]/g, '') } : {}),
    ...(s.notifyBy ? { notifyBy: s.notifyBy } : {}),
  };
}

/**
 * Reserves the key with an insert (unique by _id), fixing the id and tracking code
 * the submission will have. A retry finds the reservation and reuses them, so
 * even a request that crashed half-way completes the same submission.
 */
async function claimIdempotencyKey(deps: Deps, key: string, input: Input) {
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.kind, input.data]))
    .digest('hex');
  const _id = `${input.kind}:${key}`;
  try {
    // A complete record of plain values: written with the driver, like the
    // submission (no mongoose document to build on every keyed request).
    const rec: IdempotencyRecord = {
      _id,
      requestHash,
      submissionId: new Types.ObjectId(),
      trackingCode: newTrackingCode(),
      createdAt: deps.clock.now(),
    };
    await deps.models.IdempotencyRecord.collection.insertOne(rec as never);
    return { id: rec.submissionId, trackingCode: rec.trackingCode };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const rec = await deps.models.IdempotencyRecord.findById(_id).lean();
    if (!rec) throw err;
    if (rec.requestHash !== requestHash)
      throw fail.because(
        'idempotency-key-reused',
        'This key was already used for a request with another body.',
      );
    return { id: rec.submissionId, trackingCode: rec.trackingCode };
  }
}

/** Inserts the submission; a second insert of the same id returns the first. */
async function insertOnce(
  deps: Deps,
  doc: NewSubmission,
  now: Date,
): Promise<{ doc: Submission; created: boolean }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      // The input was validated at the edge and the document is complete, so it is
      // written with the driver: building a mongoose document cost a third of an
      // intake (intake benchmark). tests/integration/intake-validation checks that
      // stored documents pass the schema.
      const full: Submission = { ...doc, assignmentCount: 0, createdAt: now, updatedAt: now };
      await deps.lifecycle.create(full);
      return { doc: full, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await deps.models.Submission.findById(doc._id).lean();
      if (existing) return { doc: existing, created: false };
      // A tracking code collision (1 in 2^40 per pair): draw another code.
      if (attempt >= 3) throw err;
      doc.trackingCode = newTrackingCode();
    }
  }
}

export type { SubmissionKind };
