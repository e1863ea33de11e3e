import type { Deps } from '../deps';
import { isDuplicateKey } from '../platform/db';
import { fail } from '../platform/domain-errors';
import type { Agency } from '../reference/model';
import { ACTIVE_ASSIGNMENT_STATUSES, type Assignment } from '../routing/model';
import { AGENCY_STATUSES, OPEN_STATUSES } from '../submissions/statuses';
import type { Actor, HistoryEntry } from '../submissions/model';
import type { AgencyMerge } from './model';

import { unknown } from './service';

export interface MergeOfficer {
  id: string;
  name: string;
}

/**
 * Merges agency `fromCode` into `intoCode`:
 *
 * 1. the merge record is inserted (the claim: a second merge of the same agency
 *    is refused with 409; an interrupted one, same target, is carried on);
 * 2. its routing rules are re-pointed to `into` (a rule `into` already has for
 *    the same category and node wins, the other is deleted);
 * 3. it becomes inactive, with `mergedInto`;
 * 4. each of its open petitions is handed over (see `handOver`), and it is
 *    replaced where it cooperates on an open petition;
 * 5. the record is marked finished.
 *
 * Every step is idempotent, so running the merge again completes it.
 */
export async function mergeAgency(
  deps: Deps,
  fromCode: string,
  intoCode: string,
  officer: MergeOfficer,
): Promise<AgencyMerge> {
  const { models, clock } = deps;
  if (fromCode === intoCode)
    throw fail.validation([
      { path: 'into', message: 'an agency cannot be merged into itself', code: 'custom' },
    ]);
  const [from, into] = await Promise.all([
    models.Agency.findOne({ code: fromCode }).lean(),
    models.Agency.findOne({ code: intoCode }).lean(),
  ]);
  if (!from) throw fail.notFound('agency');
  if (!into) throw fail.validation([unknown('into', 'agency')]);

  if (!into.active)
    throw fail.validation([
      { path: 'into', message: 'the agency is not active', code: 'inactive' },
    ]);
  const record = await claimMerge(deps, from, into, officer);

  const rules = await moveRules(deps, from.code, into.code);
  await models.Agency.updateOne(
    { code: from.code },
    { $set: { active: false, mergedInto: into.code } },
  );
  const actor: Actor = { kind: 'officer', ref: officer.id, name: officer.name };
  const open = await models.Assignment.find({
    agencyCode: from.code,
    status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] },
  }).lean();
  let moved = 0;
  let skipped = 0;
  for (const assignment of open) {
    const outcome = await handOver(deps, assignment, from, into, actor);
    if (outcome === 'moved') moved += 1;
    if (outcome === 'skipped') skipped += 1;
  }
  await replaceCooperating(deps, from, into, actor);

  const done = await models.AgencyMerge.findOneAndUpdate(
    { _id: record._id },
    {
      $set: { finishedAt: clock.now() },
      $inc: {
        rulesMoved: rules.moved,
        rulesDropped: rules.dropped,
        assignmentsMoved: moved,
        assignmentsSkipped: skipped,
      },
    },
    { returnDocument: 'after' },
  ).lean();
  deps.logger.info({ from: from.code, into: into.code, rules, moved, skipped }, 'agencies: merged');
  return done ?? record;
}

/** Inserts the merge record; finds it again when a merge of this agency was interrupted. */
async function claimMerge(
  deps: Deps,
  from: Agency,
  into: Agency,
  officer: MergeOfficer,
): Promise<AgencyMerge> {
  const { AgencyMerge } = deps.models;
  const refused = (target: string) =>
    fail.because('agency-merged', `${from.code} was merged into ${target}.`);
  if (from.mergedInto && from.mergedInto !== into.code) throw refused(from.mergedInto);
  try {
    const created = await AgencyMerge.create({
      _id: from.code,
      into: into.code,
      fromName: from.name,
      intoName: into.name,
      by: { officerId: officer.id, name: officer.name },
      startedAt: deps.clock.now(),
    });
    return created.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await AgencyMerge.findById(from.code).lean();
    if (!existing) throw err;
    if (existing.finishedAt || existing.into !== into.code) throw refused(existing.into);
    return existing;
  }
}

async function moveRules(deps: Deps, from: string, into: string) {
  const { RoutingRule } = deps.models;
  let moved = 0;
  let dropped = 0;
  for (const rule of await RoutingRule.find({ agencyCode: from }).lean()) {
    // With one rule per category and node this cannot clash; older data might.
    const clash = await RoutingRule.exists({
      categoryCode: rule.categoryCode,
      jurisdictionCode: rule.jurisdictionCode,
      agencyCode: into,
    });
    if (clash) {
      dropped += (await RoutingRule.deleteOne({ _id: rule._id })).deletedCount;
    } else {
      // Same category and node, another agency: the unique key does not change.
      const res = await RoutingRule.updateOne(
        { _id: rule._id, agencyCode: from },
        { $set: { agencyCode: into } },
      );
      moved += res.modifiedCount;
    }
  }
  return { moved, dropped };
}

/**
 * Hands one open petition of the merged agency over to `into`, the way triage
 * re-routes (assigned → assigned with a new assignment): the new assignment
 * (next `seq`, the same due date: a merge gives no extra time) becomes the
 * current one, the old assignment is withdrawn and its reply link revoked (it
 * answers 410 from then on), and the new agency gets its own notice with a fresh
 * link: `agency-notice:<new assignment>` is a new delivery key, sent exactly once.
 *
 * The switch is one conditional update through the state machine (status,
 * current assignment and count as read), which writes the history entry and the
 * outbox event together: a petition answered or re-routed meanwhile is left alone.
 */
async function handOver(
  deps: Deps,
  old: Assignment,
  from: Agency,
  into: Agency,
  actor: Actor,
): Promise<'moved' | 'skipped' | 'retired'> {
  const { models } = deps;
  const submission = await models.Submission.findById(old.submissionId).lean();
  if (!submission) return 'skipped';
  if (String(submission.currentAssignmentId) !== String(old._id)) {
    // No longer the petition's current assignment (e.g. a merge interrupted right
    // after the switch): its link no longer works; close it for good.
    await retire(deps, old);
    return 'retired';
  }
  // Being answered (the answer is written before the assignment is closed), or
  // back in triage: not ours to move.
  if (!AGENCY_STATUSES.includes(submission.status)) return 'skipped';

  const seq = submission.assignmentCount;
  const fresh = await newAssignment(deps, old, seq, into.code);
  if (!fresh) return 'skipped';
  const updated = await deps.lifecycle.transition(submission._id, {
    from: submission.status,
    to: 'assigned',
    actor,
    action: 'agency.merged',
    note: `${from.name} → ${into.name}`,
    where: { currentAssignmentId: old._id, assignmentCount: seq },
    set: {
      currentAssignmentId: fresh._id,
      assignmentCount: seq + 1,
      agencyCode: into.code,
      cooperatingAgencyCodes: (submission.cooperatingAgencyCodes ?? []).filter(
        (c) => c !== into.code,
      ),
    },
    effects: [{ type: 'agency-notice', assignmentId: String(fresh._id) }],
  });
  if (!updated) {
    const now = await models.Submission.findById(submission._id).lean();
    if (String(now?.currentAssignmentId) !== String(fresh._id)) {
      // Answered or re-routed between our read and our write: give ours up.
      await models.Assignment.updateOne(
        { _id: fresh._id, status: 'open' },
        { $set: { status: 'withdrawn' } },
      );
      return 'skipped';
    }
    // A concurrent run of this same merge switched it: only the clean-up is left.
  }
  await retire(deps, old);
  if (!updated) return 'retired';
  return 'moved';
}

/**
 * Open petitions that have the merged agency among their cooperating agencies
 * get the new agency instead (not twice, and not as both lead and cooperating).
 */
async function replaceCooperating(deps: Deps, from: Agency, into: Agency, actor: Actor) {
  const { Submission } = deps.models;
  const docs = await Submission.find({
    cooperatingAgencyCodes: from.code,
    status: { $in: [...OPEN_STATUSES] },
  }).lean();
  for (const doc of docs) {
    const codes = [
      ...new Set(doc.cooperatingAgencyCodes.map((c) => (c === from.code ? into.code : c))),
    ].filter((c) => c !== doc.agencyCode);
    const entry: HistoryEntry = {
      at: deps.clock.now(),
      actor,
      action: 'agency.merged',
      note: `${from.name} → ${into.name}`,
    };
    // The list and its history line together, only if the list still names the old agency.
    await deps.lifecycle.commit(doc._id, {
      where: { cooperatingAgencyCodes: from.code },
      set: { cooperatingAgencyCodes: codes },
      history: entry,
    });
  }
}

/**
 * Assignment number `seq` of the petition, for `agencyCode`. Like routing, the
 * insert is the claim: if it exists already it is ours only when it is the same
 * open hand-over (an interrupted merge); anything else means someone else is
 * re-routing the petition right now.
 */
async function newAssignment(
  deps: Deps,
  old: Assignment,
  seq: number,
  agencyCode: string,
): Promise<Assignment | null> {
  const { Assignment } = deps.models;
  try {
    const created = await Assignment.create({
      submissionId: old.submissionId,
      seq,
      agencyCode,
      status: 'open',
      assignedAt: deps.clock.now(),
      dueAt: old.dueAt,
    });
    return created.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await Assignment.findOne({ submissionId: old.submissionId, seq }).lean();
    return existing && existing.agencyCode === agencyCode && existing.status === 'open'
      ? existing
      : null;
  }
}

/** Withdraws an assignment and revokes its reply link: the link answers 410 from now on. */
async function retire(deps: Deps, assignment: Assignment): Promise<void> {
  const now = deps.clock.now();
  await deps.models.Assignment.updateOne(
    { _id: assignment._id, status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
    { $set: { status: 'withdrawn' } },
  );
  await deps.models.ReplyToken.updateOne(
    { assignmentId: assignment._id, revokedAt: { $exists: false } },
    { $set: { revokedAt: now } },
  );
}
