import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import type { OutgoingMail } from '../platform/mail';

/**
 * Sends one e-mail at most once per key, and logs each attempt in `deliveries`.
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
  const { Delivery } = deps.models;
  const existing = await Delivery.findById(key).lean();
  if (existing?.status === 'sent') return 'already-sent';
  await Delivery.updateOne(
    { _id: key },
    {
      $set: { kind, submissionId, status: 'sending', updatedAt: deps.clock.now() },
      $inc: { attempts: 1 },
    },
    { upsert: true },
  );
  const mail = await compose();
  try {
    const { messageId } = await deps.mailer.send(mail);
    await Delivery.updateOne(
      { _id: key },
      {
        $set: { status: 'sent', messageId, sentAt: deps.clock.now(), updatedAt: deps.clock.now() },
        $unset: { lastError: 1 },
      },
    );
    deps.logger.info({ delivery: key, submissionId: String(submissionId) }, 'e-mail sent');
    return 'sent';
  } catch (err) {
    deps.logger.warn({ delivery: key, err: (err as Error).message }, 'e-mail not sent; will retry');
    await Delivery.updateOne(
      { _id: key },
      {
        $set: {
          status: 'failed',
          lastError: (err as Error).message.slice(0, 500),
          updatedAt: deps.clock.now(),
        },
      },
    );
    throw err;
  }
}
