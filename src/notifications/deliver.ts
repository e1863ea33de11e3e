import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { isDuplicateKey } from '../platform/db';
import type { OutgoingMail } from '../platform/mail';

/**
 * How long a claim to send one message holds before another worker may take it
 * over (the sender died half-way). Real time, not the business clock: it bounds
 * one SMTP exchange, which normally takes well under a second.
 */
export const DELIVERY_LEASE_MS = 2 * 60_000;

/** Another worker is sending this very message right now: try again later. */
export class DeliveryInProgress extends Error {
  constructor(readonly key: string) {
    super(`delivery ${key} is being sent by another worker`);
  }
}

/**
 * Sends one e-mail at most once per key, and logs each attempt in `deliveries`.
 *
 * The right to send is claimed first: the first attempt inserts the record (a
 * second, concurrent insert fails with E11000), a later attempt takes over a
 * `failed` record, or a `sending` one whose lease has run out, with a conditional
 * update. Only the holder of the claim sends; anyone else gets `already-sent`
 * (it went out) or a DeliveryInProgress error (it is going out now; a queue job
 * retries, and then finds it sent). So two workers racing never both send. A
 * sender that dies between the SMTP hand-over and marking the record `sent` is
 * the one case that sends twice, after the lease.
 *
 * A failure is recorded and rethrown, so the queue retries with backoff.
 * `compose` runs only when a send is really due (it may issue a fresh token).
 */
export async function deliverOnce(
  deps: Deps,
  key: string,
  kind: string,
  submissionId: Types.ObjectId,
  compose: () => Promise<OutgoingMail>,
): Promise<'sent' | 'already-sent'> {
  return deliverVia(deps, key, kind, submissionId, 'email', async () =>
    deps.mailer.send(await compose()),
  );
}

/** `deliverOnce` for any channel: `send` composes and hands over one message (e-mail, SMS). */
export async function deliverVia(
  deps: Deps,
  key: string,
  kind: string,
  submissionId: Types.ObjectId,
  channel: 'email' | 'sms',
  send: () => Promise<{ messageId: string }>,
): Promise<'sent' | 'already-sent'> {
  const { Delivery } = deps.models;
  const claimedAt = Date.now();
  const claim = await claimDelivery(deps, key, kind, submissionId);
  if (claim === 'already-sent') return claim;
  let messageId: string;
  try {
    ({ messageId } = await send());
  } catch (err) {
    deps.metrics.messages.inc({ channel, outcome: 'failed' });
    deps.logger.warn(
      { delivery: key, err: (err as Error).message },
      'message not sent; will retry',
    );
    await Delivery.updateOne(
      { _id: key, claim },
      {
        $set: {
          status: 'failed',
          lastError: (err as Error).message.slice(0, 500),
          updatedAt: deps.clock.now(),
        },
        $unset: { leaseUntil: 1 },
      },
    );
    throw err;
  }
  deps.metrics.messages.inc({ channel, outcome: 'sent' });
  // It went out: from here only `sent` may be recorded, never `failed` (which
  // would send it again; `npm run chaos` saw it when PostgreSQL was killed at
  // that moment). The lease keeps other senders off, so a database that is
  // away for a while is waited for, until shortly before the lease ends.
  const now = deps.clock.now();
  await retryUntil(claimedAt + DELIVERY_LEASE_MS - 15_000, deps, key, () =>
    Delivery.updateOne(
      { _id: key, claim },
      {
        $set: { status: 'sent', messageId, sentAt: now, updatedAt: now },
        $unset: { lastError: 1, leaseUntil: 1 },
      },
    ),
  );
  deps.logger.info({ delivery: key, submissionId: String(submissionId) }, 'message sent');
  return 'sent';
}

/** Runs `fn` until it succeeds, with backoff, and rethrows its error after `deadline` (ms). */
async function retryUntil<T>(
  deadline: number,
  deps: Deps,
  key: string,
  fn: () => Promise<T>,
): Promise<T> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() + wait > deadline) throw err;
      deps.logger.warn(
        { delivery: key, err: (err as Error).message },
        'e-mail sent but not recorded yet; retrying',
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Claims the right to send `key`: returns the claim's id, or that it was sent already. */
async function claimDelivery(
  deps: Deps,
  key: string,
  kind: string,
  submissionId: Types.ObjectId,
): Promise<string> {
  const { Delivery } = deps.models;
  const claim = randomBytes(9).toString('base64url');
  const leaseUntil = new Date(Date.now() + DELIVERY_LEASE_MS);
  const now = deps.clock.now();
  try {
    // Written with the driver: a complete record of plain values.
    await Delivery.collection.insertOne({
      _id: key as never,
      kind,
      submissionId,
      status: 'sending',
      attempts: 1,
      claim,
      leaseUntil,
      updatedAt: now,
    });
    return claim;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const existing = await Delivery.findById(key).lean();
  if (!existing) throw new DeliveryInProgress(key);
  if (existing.status === 'sent') return 'already-sent';
  if (existing.status === 'sending' && existing.leaseUntil && existing.leaseUntil > new Date())
    throw new DeliveryInProgress(key);
  // Failed before, or its sender died: take it over, unless someone else does first.
  const taken = await Delivery.updateOne(
    {
      _id: key,
      status: existing.status,
      ...(existing.claim ? { claim: existing.claim } : { claim: { $exists: false } }),
    },
    {
      $set: { kind, submissionId, status: 'sending', claim, leaseUntil, updatedAt: now },
      $inc: { attempts: 1 },
    },
  );
  if (taken.modifiedCount !== 1) throw new DeliveryInProgress(key);
  return claim;
}
