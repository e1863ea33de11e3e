import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { isDuplicateKey } from '../platform/db';
import { type FieldError } from '../platform/errors';
import { fail } from '../platform/domain-errors';
import type { Agency, RoutingRule } from '../reference/model';
import type { AgencyMerge } from './model';
import type { AgencyPatch } from './schemas';

/**
 * Admins manage agencies and routing rules. Every check that needs the data
 * (does the jurisdiction exist, is the agency active) happens before the single
 * write; uniqueness comes from unique indexes (agency code, one rule per
 * category and node, one merge per agency): the second insert fails with E11000
 * and is answered 409.
 */

export function viewAgency(a: Agency) {
  return {
    code: a.code,
    name: a.name,
    email: a.email,
    jurisdictionCode: a.jurisdictionCode,
    active: a.active,
    ...(a.mergedInto ? { mergedInto: a.mergedInto } : {}),
  };
}

export function viewRule(r: RoutingRule & { _id: Types.ObjectId }) {
  return {
    id: String(r._id),
    categoryCode: r.categoryCode,
    jurisdictionCode: r.jurisdictionCode,
    agencyCode: r.agencyCode,
  };
}

export function viewMerge(m: AgencyMerge) {
  return {
    from: m._id,
    into: m.into,
    by: m.by,
    startedAt: m.startedAt.toISOString(),
    ...(m.finishedAt ? { finishedAt: m.finishedAt.toISOString() } : {}),
    rulesMoved: m.rulesMoved,
    rulesDropped: m.rulesDropped,
    assignmentsMoved: m.assignmentsMoved,
    assignmentsSkipped: m.assignmentsSkipped,
  };
}

export const unknown = (path: string, what: string): FieldError => ({
  path,
  message: `unknown ${what}`,
  code: 'unknown',
});

async function checkJurisdiction(deps: Deps, code: string | undefined): Promise<FieldError[]> {
  if (code === undefined || (await deps.models.Jurisdiction.exists({ code }))) return [];
  return [unknown('jurisdictionCode', 'jurisdiction')];
}

export async function createAgency(
  deps: Deps,
  input: Pick<Agency, 'code' | 'name' | 'email' | 'jurisdictionCode'>,
): Promise<Agency> {
  const errors = await checkJurisdiction(deps, input.jurisdictionCode);
  if (errors.length) throw fail.validation(errors);
  try {
    const created = await deps.models.Agency.create({ ...input, active: true });
    return created.toObject();
  } catch (err) {
    if (isDuplicateKey(err)) throw fail.because('agency-exists', input.code);
    throw err;
  }
}

export async function updateAgency(deps: Deps, code: string, patch: AgencyPatch): Promise<Agency> {
  const { Agency } = deps.models;
  const errors = await checkJurisdiction(deps, patch.jurisdictionCode);
  if (errors.length) throw fail.validation(errors);
  const current = await Agency.findOne({ code }).lean();
  if (!current) throw fail.notFound('agency');
  if (patch.active === true && current.mergedInto)
    throw fail.because('agency-merged', `${code} was merged into ${current.mergedInto}.`);
  // A merge that starts meanwhile wins: reactivation only applies to an unmerged agency.
  const updated = await Agency.findOneAndUpdate(
    { code, ...(patch.active === true ? { mergedInto: { $exists: false } } : {}) },
    { $set: patch },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw fail.because('agency-merged', 'The agency was merged meanwhile');
  return updated;
}

export async function createRule(deps: Deps, input: RoutingRule) {
  const { models } = deps;
  const [category, jurisdiction, agency] = await Promise.all([
    models.Category.exists({ code: input.categoryCode }),
    models.Jurisdiction.exists({ code: input.jurisdictionCode }),
    models.Agency.findOne({ code: input.agencyCode }).lean(),
  ]);
  const errors: FieldError[] = [
    ...(category ? [] : [unknown('categoryCode', 'category')]),
    ...(jurisdiction ? [] : [unknown('jurisdictionCode', 'jurisdiction')]),
    ...(agency ? [] : [unknown('agencyCode', 'agency')]),
    ...(agency && !agency.active
      ? [{ path: 'agencyCode', message: 'the agency is not active', code: 'inactive' }]
      : []),
  ];
  if (errors.length) throw fail.validation(errors);
  try {
    const created = await models.RoutingRule.create(input);
    return created.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await models.RoutingRule.findOne({
      categoryCode: input.categoryCode,
      jurisdictionCode: input.jurisdictionCode,
    }).lean();
    throw fail.because(
      'rule-exists',
      `${input.categoryCode} × ${input.jurisdictionCode} goes to ${existing?.agencyCode ?? 'another agency'}; delete that rule first.`,
    );
  }
}
