import { Types } from 'mongoose';
import type { Deps } from '../deps';
import { acknowledgeDueAt, answerDueAt } from '../deadlines';
import { isDuplicateKey } from '../platform/db';
import { residentChannel } from '../notifications';
import type { Source, Submission } from '../submissions/model';
import type { Assignment } from './model';
import { decideRoute } from './rules';

const SYSTEM = { kind: 'system', name: 'routing' } as const;

/**
 * Routes a received petition: one clear rule assigns it to an agency with a due
 * date and queues the agency's notice; otherwise it waits in the triage inbox.
 * Safe to run twice: only a petition still `received` is routed (`doc` is the
 * outbox's reading of it; the transition checks the status again as it writes).
 */
export async function routeSubmission(deps: Deps, doc: Submission): Promise<void> {
  const { models } = deps;
  if (doc.status !== 'received' || doc.kind !== 'petition') return;

  const rules = await models.RoutingRule.find({
    categoryCode: doc.categoryCode,
    jurisdictionCode: { $in: doc.jurisdictionPath },
  }).lean();
  const decision = decideRoute(rules, doc.categoryCode, doc.jurisdictionPath);
  const agency =
    decision.kind === 'one'
      ? await models.Agency.findOne({ code: decision.rule.agencyCode, active: true }).lean()
      : null;

  if (!agency) {
    const why =
      decision.kind === 'several'
        ? `several rules match: ${decision.rules.map((r) => r.agencyCode).join(', ')}`
        : decision.kind === 'none'
          ? 'no routing rule matches'
          : `agency ${decision.rule.agencyCode} is not active`;
    deps.logger.info({ submissionId: String(doc._id), why }, 'routing: to the triage inbox');
    await deps.lifecycle.transition(doc._id, {
      from: 'received',
      to: 'needs_triage',
      actor: SYSTEM,
      action: 'routing.unresolved',
      note: why,
      // The resident's receipt: the Front is finding the agency.
      notifyResident: residentChannel(doc.submitter) !== null,
    });
    return;
  }

  const assignment = await openAssignment(
    deps,
    doc._id,
    doc.assignmentCount,
    agency.code,
    doc.categoryCode,
    doc.source ?? 'resident',
  );
  deps.logger.info({ submissionId: String(doc._id), agency: agency.code }, 'routing: assigned');
  await deps.lifecycle.transition(doc._id, {
    from: 'received',
    to: 'assigned',
    actor: SYSTEM,
    action: 'routing.assigned',
    note: agency.name,
    // The resident's receipt: forwarded to this agency, due then (if they want messages).
    notifyResident: residentChannel(doc.submitter) !== null,
    where: { assignmentCount: doc.assignmentCount },
    set: {
      assignmentCount: assignment.seq + 1,
      currentAssignmentId: assignment._id,
      agencyCode: agency.code,
      dueAt: assignment.dueAt,
    },
    effects: [{ type: 'agency-notice', assignmentId: String(assignment._id) }],
  });
}

/**
 * Creates assignment number `seq` of a petition, or returns it if it exists already.
 * It is due at the later of the category's working days and the period of the
 * petition's source (src/deadlines/rules.ts); the source is read from the petition
 * when not given.
 */
export async function openAssignment(
  deps: Deps,
  submissionId: Types.ObjectId,
  seq: number,
  agencyCode: string,
  categoryCode: string,
  source?: Source,
): Promise<Assignment> {
  const { models, clock, calendar } = deps;
  const [category, submission] = await Promise.all([
    // Categories change only when the seed runs: the reference cache has them.
    deps.reference.category(categoryCode),
    source ? null : models.Submission.findById(submissionId, { source: 1 }).lean(),
  ]);
  const now = clock.now();
  try {
    // Plain values, complete: written with the driver (no mongoose document).
    const created: Assignment = {
      _id: new Types.ObjectId(),
      submissionId,
      seq,
      agencyCode,
      status: 'open',
      assignedAt: now,
      dueAt: answerDueAt(
        calendar,
        now,
        category?.answerWorkingDays ?? 15,
        source ?? submission?.source ?? 'resident',
      ),
      ackDueAt: acknowledgeDueAt(calendar, now),
    };
    await models.Assignment.collection.insertOne(created);
    return created;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await models.Assignment.findOne({ submissionId, seq }).lean();
    if (!existing) throw err;
    return existing;
  }
}
