import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import type { Officer } from '../officers/model';
import type { Scope } from '../officers';
import { fail } from '../platform/domain-errors';
import { normalizeText } from '../platform/text';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../routing/model';
import { openAssignment } from '../routing';
import { AGENCY_STATUSES, OPEN_STATUSES, type SubmissionStatus } from '../submissions/statuses';
import type { LegalType, Source, Submission } from '../submissions/model';
import { findInScope, officerActor } from './access';

/**
 * What officers do to a submission. Each action reads the item within the
 * officer's scope, changes it through the state machine (so a concurrent change
 * makes it fail cleanly instead of overwriting), and records who did it.
 */

export interface Who {
  officer: Officer;
  scope: Scope;
}

const changedMeanwhile = () => fail.because('changed-meanwhile', 'Reload it and try again.');

function mustBeOpen(doc: Submission): void {
  if (!OPEN_STATUSES.includes(doc.status))
    throw fail.because('not-open', `Its status is ${doc.status}.`);
}

/** Withdraws the current assignment: its reply link stops working. */
export async function withdrawAssignment(
  deps: Deps,
  assignmentId: Types.ObjectId | undefined,
): Promise<void> {
  if (!assignmentId) return;
  const now = deps.clock.now();
  await deps.models.Assignment.updateOne(
    { _id: assignmentId, status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
    { $set: { status: 'withdrawn' } },
  );
  await deps.models.ReplyToken.updateOne(
    { assignmentId, revokedAt: { $exists: false } },
    { $set: { revokedAt: now } },
  );
}

async function close(
  deps: Deps,
  who: Who,
  doc: Submission,
  to: SubmissionStatus,
  action: string,
  set: Partial<Submission>,
  note?: string,
): Promise<Submission> {
  const reason =
    to === 'rejected' || to === 'redirected' || to === 'merged' || to === 'noted' ? to : undefined;
  const updated = await deps.lifecycle.transition(doc._id, {
    from: doc.status,
    to,
    actor: officerActor(who.officer),
    action,
    set,
    ...(note ? { note } : {}),
    ...(reason ? { effects: [{ type: 'resident-notice', reason } as const] } : {}),
  });
  if (!updated) throw changedMeanwhile();
  if (AGENCY_STATUSES.includes(doc.status)) await withdrawAssignment(deps, doc.currentAssignmentId);
  return updated;
}

const REDIRECT_MESSAGE: Record<Exclude<LegalType, 'feedback'>, string> = {
  complaint:
    'Nội dung ông/bà gửi là khiếu nại, được giải quyết theo Luật Khiếu nại. Đề nghị gửi đơn khiếu nại đến cơ quan đã ban hành quyết định hoặc có hành vi bị khiếu nại; Mặt trận sẽ theo dõi việc giải quyết khi được đề nghị.',
  denunciation:
    'Nội dung ông/bà gửi là tố cáo, được giải quyết theo Luật Tố cáo. Đề nghị gửi đơn tố cáo (ghi rõ họ tên, địa chỉ) đến cơ quan, người có thẩm quyền quản lý người bị tố cáo.',
};

/** Sets the category and/or legal type. A complaint or denunciation is redirected to its own procedure. */
export async function classify(
  deps: Deps,
  who: Who,
  id: string,
  input: { categoryCode?: string; legalType?: LegalType; source?: Source; message?: string },
): Promise<Submission> {
  const doc = await findInScope(deps, who.scope, id);
  mustBeOpen(doc);
  if (input.categoryCode && !(await deps.models.Category.exists({ code: input.categoryCode })))
    throw fail.validation([{ path: 'categoryCode', message: 'unknown category', code: 'unknown' }]);

  const set: Partial<Submission> = {
    ...(input.categoryCode ? { categoryCode: input.categoryCode } : {}),
    ...(input.legalType ? { legalType: input.legalType } : {}),
    // The source sets the deadline of the next assignment (src/deadlines/rules.ts).
    ...(input.source ? { source: input.source } : {}),
  };
  const note = [
    input.source && `source: ${input.source}`,
    input.categoryCode && `category: ${input.categoryCode}`,
    input.legalType && `legal type: ${input.legalType}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (input.legalType === 'complaint' || input.legalType === 'denunciation') {
    const message = normalizeText(input.message ?? REDIRECT_MESSAGE[input.legalType]);
    return close(
      deps,
      who,
      doc,
      'redirected',
      'triage.redirected',
      { ...set, resolution: { reasonCode: input.legalType, message } },
      note,
    );
  }
  const updated = await deps.lifecycle.commit(doc._id, {
    where: { status: doc.status },
    set,
    history: {
      at: deps.clock.now(),
      actor: officerActor(who.officer),
      action: 'triage.classified',
      note,
    },
  });
  if (!updated) throw changedMeanwhile();
  return updated;
}

/**
 * Assigns a petition to a lead agency (and cooperating ones), or re-routes it:
 * the previous agency's link stops working and the new agency is e-mailed once.
 */
export async function assign(
  deps: Deps,
  who: Who,
  id: string,
  input: { agencyCode: string; cooperatingAgencyCodes?: string[] },
): Promise<Submission> {
  const doc = await findInScope(deps, who.scope, id);
  mustBeOpen(doc);
  if (doc.kind !== 'petition')
    throw fail.because('not-a-petition', 'Turn the sentiment into a petition first.');
  const cooperating = [...new Set(input.cooperatingAgencyCodes ?? [])].filter(
    (c) => c !== input.agencyCode,
  );
  const codes = [input.agencyCode, ...cooperating];
  const found = await deps.models.Agency.find(
    { code: { $in: codes }, active: true },
    { code: 1, name: 1 },
  ).lean();
  const unknown = codes.filter((c) => !found.some((a) => a.code === c));
  if (unknown.length)
    throw fail.validation(
      unknown.map((c) => ({
        path: 'agencyCode',
        message: `unknown or inactive agency ${c}`,
        code: 'unknown',
      })),
    );
  if (AGENCY_STATUSES.includes(doc.status) && doc.agencyCode === input.agencyCode)
    throw fail.because('already-assigned');

  const a = await openAssignment(
    deps,
    doc._id,
    doc.assignmentCount,
    input.agencyCode,
    doc.categoryCode,
  );
  if (a.agencyCode !== input.agencyCode) throw changedMeanwhile();
  const rerouting = AGENCY_STATUSES.includes(doc.status);
  const updated = await deps.lifecycle.transition(doc._id, {
    from: doc.status,
    to: 'assigned',
    actor: officerActor(who.officer),
    action: rerouting ? 'triage.rerouted' : 'triage.assigned',
    note: found.find((f) => f.code === input.agencyCode)?.name ?? input.agencyCode,
    notifyResident: true,
    where: { assignmentCount: doc.assignmentCount },
    set: {
      assignmentCount: a.seq + 1,
      currentAssignmentId: a._id,
      agencyCode: input.agencyCode,
      dueAt: a.dueAt,
      cooperatingAgencyCodes: cooperating,
    },
    effects: [
      { type: 'agency-notice', assignmentId: String(a._id) },
      ...cooperating.map(
        (agencyCode) => ({ type: 'agency-info', assignmentId: String(a._id), agencyCode }) as const,
      ),
    ],
  });
  if (!updated) {
    await deps.models.Assignment.updateOne(
      { _id: a._id, status: 'open' },
      { $set: { status: 'withdrawn' } },
    );
    throw changedMeanwhile();
  }
  if (rerouting) await withdrawAssignment(deps, doc.currentAssignmentId);
  return updated;
}

/** Rejects with a reason code and a message for the resident. */
export async function reject(
  deps: Deps,
  who: Who,
  id: string,
  input: { reasonCode: string; message: string },
): Promise<Submission> {
  const doc = await findInScope(deps, who.scope, id);
  mustBeOpen(doc);
  return close(
    deps,
    who,
    doc,
    'rejected',
    'triage.rejected',
    {
      resolution: { reasonCode: input.reasonCode, message: normalizeText(input.message) },
    },
    input.reasonCode,
  );
}

/**
 * Merges duplicates into a survivor: each duplicate closes as `merged`, pointing
 * to the survivor, whose supporter count grows; every submitter hears of it, and
 * will hear the survivor's answer.
 */
export async function merge(
  deps: Deps,
  who: Who,
  survivorId: string,
  duplicateIds: string[],
): Promise<{ survivor: Submission; merged: string[] }> {
  const survivor = await findInScope(deps, who.scope, survivorId);
  mustBeOpen(survivor);
  const merged: string[] = [];
  for (const dupId of [...new Set(duplicateIds)]) {
    if (dupId === survivorId) continue;
    const dup = await findInScope(deps, who.scope, dupId);
    mustBeOpen(dup);
    await close(
      deps,
      who,
      dup,
      'merged',
      'triage.merged',
      { mergedInto: survivor._id },
      survivor.trackingCode,
    );
    // Items merged earlier into the duplicate follow it.
    await deps.models.Submission.updateMany(
      { mergedInto: dup._id },
      { $set: { mergedInto: survivor._id } },
    );
    await deps.lifecycle.commit(survivor._id, {
      inc: { supporterCount: dup.supporterCount ?? 1 },
      history: {
        at: deps.clock.now(),
        actor: officerActor(who.officer),
        action: 'triage.merged-in',
        note: dup.trackingCode,
      },
    });
    merged.push(dupId);
  }
  return { survivor: await findInScope(deps, who.scope, survivorId), merged };
}

/** Turns a sentiment into a petition, which then waits in the triage inbox for an agency. */
export async function convertToPetition(deps: Deps, who: Who, id: string): Promise<Submission> {
  const doc = await findInScope(deps, who.scope, id);
  if (doc.kind !== 'sentiment') throw fail.because('not-a-sentiment', 'This is a petition already');
  if (doc.status !== 'received')
    throw fail.because('not-open', 'The sentiment was already handled');
  const updated = await deps.lifecycle.transition(doc._id, {
    from: 'received',
    to: 'needs_triage',
    actor: officerActor(who.officer),
    action: 'triage.converted',
    set: { kind: 'petition' },
  });
  if (!updated) throw changedMeanwhile();
  return updated;
}

/** A sentiment has been read and taken into account (it needs no answer). */
export async function markNoted(deps: Deps, who: Who, id: string): Promise<Submission> {
  const doc = await findInScope(deps, who.scope, id);
  if (doc.kind !== 'sentiment') throw fail.because('not-a-sentiment', 'Only sentiments are noted');
  mustBeOpen(doc);
  return close(deps, who, doc, 'noted', 'triage.noted', {});
}

/** An internal note: officers only. */
export async function addNote(deps: Deps, who: Who, id: string, text: string) {
  const doc = await findInScope(deps, who.scope, id);
  const note = await deps.models.Note.create({
    submissionId: doc._id,
    officerId: who.officer._id,
    officerName: who.officer.name,
    text: normalizeText(text),
    at: deps.clock.now(),
  });
  return note.toObject();
}
