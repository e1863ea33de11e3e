import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { stripDiacritics } from '../text/normalize';
import type { Submission } from '../submissions/model';
import { residentPageUrl } from '../submissions';
import { deliverVia } from './deliver';
import {
  answeredMessage,
  asMail,
  closingMessage,
  receiptMessage,
  stepMessage,
  type Closing,
  type Context,
  type ResidentMessage,
} from './resident-messages';
import { milestone } from './resident-templates';

/**
 * Messages to residents, each through the channel the resident chose (e-mail,
 * SMS, or none; by default e-mail when given, else SMS), sent once per key
 * whatever the retries (src/notifications/deliver.ts).
 */

/** Where a resident is told things, if anywhere. */
export function residentChannel(
  s: Submission['submitter'],
): { kind: 'email' | 'sms'; to: string } | null {
  const by = s.notifyBy ?? (s.email ? 'email' : s.phone ? 'sms' : 'none');
  if (by === 'email' && s.email) return { kind: 'email', to: s.email };
  if (by === 'sms' && s.phone) return { kind: 'sms', to: s.phone };
  return null;
}

/** The Front committee that speaks to the resident: the nearest commune, district or province. */
export async function committeeOf(deps: Deps, s: Submission, lang: 'vi' | 'en'): Promise<string> {
  for (const code of [...s.jurisdictionPath].reverse()) {
    const j = await deps.reference.jurisdiction(code);
    if (!j || !['commune', 'ward', 'district', 'province', 'city'].includes(j.level)) continue;
    const place = j.name.charAt(0).toLowerCase() + j.name.slice(1);
    return lang === 'vi'
      ? `Ủy ban MTTQ Việt Nam ${place}`
      : `Vietnam Fatherland Front Committee of ${j.name}`;
  }
  return lang === 'vi' ? 'Ủy ban MTTQ Việt Nam' : 'Vietnam Fatherland Front';
}

async function contextFor(deps: Deps, who: Submission): Promise<Context> {
  const lang = who.lang ?? 'vi';
  return {
    lang,
    ...(who.submitter.name ? { name: who.submitter.name } : {}),
    code: who.trackingCode,
    title: who.title,
    committee: await committeeOf(deps, who, lang),
    // The resident's own private page (after a merge it shows the kept item too).
    trackUrl: residentPageUrl(deps.config, who),
  };
}

/** Sends one message to `who` (a submission's author) through their channel, once per key. */
export async function tellResident(
  deps: Deps,
  who: Submission,
  key: string,
  kind: string,
  compose: (c: Context) => ResidentMessage,
): Promise<void> {
  const channel = residentChannel(who.submitter);
  if (!channel) return;
  if (channel.kind === 'sms' && !deps.sms.enabled) {
    deps.logger.warn({ delivery: key }, 'no SMS gateway configured: message to a phone not sent');
    return;
  }
  const c = await contextFor(deps, who);
  await deliverVia(deps, key, kind, who._id, channel.kind, async () => {
    const m = compose(c);
    // GSM-7 (unaccented) text: 160 characters a part, as Vietnamese SMS brandnames send.
    if (channel.kind === 'sms')
      return deps.sms.send({ to: channel.to, text: stripDiacritics(m.sms) });
    return deps.mailer.send(asMail(channel.to, c, m));
  });
}

const merged = (deps: Deps, s: Submission) =>
  deps.models.Submission.find({ mergedInto: s._id, status: 'merged' }).lean<Submission[]>();

/** The receipt of a sentiment (a petition's receipt goes with its routing: see sendResidentUpdate). */
export async function sendResidentReceipt(deps: Deps, s: Submission) {
  await tellResident(deps, s, `resident-receipt:${s._id}`, 'resident-receipt', (c) =>
    receiptMessage(c, { kind: 'sentiment' }, true),
  );
}

/** Tells the resident that triage rejected, redirected, merged or noted their item. */
export async function sendResidentNotice(
  deps: Deps,
  submissionId: Types.ObjectId,
  reason: Closing,
) {
  const s = await deps.models.Submission.findById(submissionId).lean<Submission>();
  if (!s || s.status !== reason) return;
  const survivor = s.mergedInto
    ? await deps.models.Submission.findById(s.mergedInto).lean<Submission>()
    : null;
  await tellResident(deps, s, `resident-notice:${reason}:${s._id}`, `resident-${reason}`, (c) =>
    closingMessage(c, reason, {
      ...(s.resolution?.message ? { message: s.resolution.message } : {}),
      ...(survivor ? { survivorCode: survivor.trackingCode } : {}),
    }),
  );
}

/**
 * Tells the resident the answer, and everyone whose duplicate was merged into
 * the item (one message each, whatever the retries), inviting them to rate it.
 */
export async function sendResidentAnswered(deps: Deps, submissionId: Types.ObjectId) {
  const s = await deps.models.Submission.findById(submissionId).lean<Submission>();
  if (!s?.answer) return;
  const answer = s.answer;
  const agency = await deps.models.Agency.findOne({ code: answer.agencyCode }).lean();
  for (const who of [s, ...(await merged(deps, s))]) {
    await tellResident(deps, who, `resident-answered:${who._id}`, 'resident-answered', (c) =>
      answeredMessage(c, {
        agency: agency?.name ?? answer.agencyCode,
        responder: answer.responderName,
        text: answer.text,
        at: answer.at,
        // The rating form is on the resident's own page.
        rateUrl: `${residentPageUrl(deps.config, who)}#danh-gia`,
      }),
    );
  }
}

/**
 * Tells the resident, and everyone whose duplicate was merged into this item,
 * about one entry of its history (routed, acknowledged, progress, reopened…).
 * Each message is keyed by the entry's id: sent once, whatever the retries.
 */
export async function sendResidentUpdate(deps: Deps, s: Submission, entry: string) {
  // `s` is the outbox's reading, which holds the entry (written with the event).
  const h = s.history.find((e) => e.id === entry);
  const step = h && milestone(h.action);
  if (!h || !step) return;
  const others = h.action === 'routing.assigned' ? [] : await merged(deps, s);
  for (const who of [s, ...others]) {
    await tellResident(
      deps,
      who,
      `resident-update:${s._id}:${entry}:${who._id}`,
      'resident-update',
      (c) => {
        if (step.route)
          return receiptMessage(
            c,
            step.route === 'triage'
              ? { kind: 'triage' }
              : {
                  kind: 'assigned',
                  agency: h.note ?? '',
                  dueAt: s.dueAt ?? h.at,
                  rerouted: step.route === 'rerouted',
                },
            step.receipt,
          );
        return stepMessage(c, step.what[c.lang], {
          at: h.at,
          ...(h.actor.kind === 'agency' && h.actor.name ? { by: h.actor.name } : {}),
          ...(h.note ? { note: h.note } : {}),
          sms: step.sms,
        });
      },
    );
  }
}
