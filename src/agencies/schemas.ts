import { z } from '../platform/zod';

const agencyCode = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens')
  .openapi({ example: 'bb-tnmt' });
/** A reference to a category or jurisdiction; whether it exists is checked against the data. */
const reference = z.string().min(1).max(128);
const agencyName = z.string().trim().min(1).max(200);
const agencyEmail = z.email().max(254);

export const agencyInput = z
  .strictObject({
    code: agencyCode,
    name: agencyName,
    email: agencyEmail,
    jurisdictionCode: reference,
  })
  .openapi('AgencyInput');

/** Rename, change the address or the place, deactivate (`active: false`) or reactivate. */
export const agencyPatch = z
  .strictObject({
    name: agencyName.optional(),
    email: agencyEmail.optional(),
    jurisdictionCode: reference.optional(),
    active: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one field' })
  .openapi('AgencyPatch');
export type AgencyPatch = z.infer<typeof agencyPatch>;

export const mergeInput = z.strictObject({ into: agencyCode }).openapi('AgencyMergeInput');

export const agencyView = z
  .object({
    code: z.string(),
    name: z.string(),
    email: z.string(),
    jurisdictionCode: z.string(),
    active: z.boolean(),
    mergedInto: z.string().optional(),
  })
  .openapi('Agency');

export const mergeView = z
  .object({
    from: z.string(),
    into: z.string(),
    by: z.object({ officerId: z.string(), name: z.string() }),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    rulesMoved: z.number().int(),
    rulesDropped: z.number().int(),
    assignmentsMoved: z.number().int(),
    assignmentsSkipped: z.number().int(),
  })
  .openapi('AgencyMerge');

export const ruleInput = z
  .strictObject({
    categoryCode: reference.openapi({ example: 'land' }),
    jurisdictionCode: reference.openapi({ example: 'minh-hoa.tan-phu' }),
    agencyCode: reference.openapi({ example: 'mh-tanphu-ubnd' }),
  })
  .openapi('RoutingRuleInput');

export const ruleQuery = z.strictObject({
  categoryCode: reference.optional(),
  jurisdictionCode: reference.optional(),
  agencyCode: reference.optional(),
});

export const ruleView = z
  .object({
    id: z.string(),
    categoryCode: z.string(),
    jurisdictionCode: z.string(),
    agencyCode: z.string(),
  })
  .openapi('RoutingRule');
