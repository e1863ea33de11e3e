import { LEGAL_TYPES, SOURCES } from '../submissions/model';
import { SUBMISSION_STATUSES } from '../submissions/statuses';
import { z } from '../platform/zod';

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(20));

/** Query string of the inbox; every filter is optional. */
export const inboxQuery = z
  .strictObject({
    status: csv(SUBMISSION_STATUSES).optional(),
    kind: z.enum(['petition', 'sentiment']).optional(),
    category: z.string().max(64).optional(),
    jurisdiction: z.string().max(128).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    overdue: z.enum(['true', 'false']).optional(),
    q: z.string().max(200).optional(),
    sort: z.enum(['newest', 'oldest', 'due']).default('newest'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .openapi('InboxQuery');
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxItem = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    kind: z.enum(['petition', 'sentiment']),
    status: z.enum(SUBMISSION_STATUSES),
    title: z.string(),
    categoryCode: z.string(),
    jurisdictionCode: z.string(),
    createdAt: z.string(),
    dueAt: z.string().optional(),
    agencyCode: z.string().optional(),
    supporterCount: z.number().int(),
    overdue: z.boolean(),
  })
  .openapi('InboxItem');
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxPage = z
  .object({
    items: z.array(inboxItem),
    nextCursor: z.string().optional(),
    counts: z.record(z.string(), z.number().int()),
  })
  .openapi('InboxPage');

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'an id');

export const classifyInput = z
  .strictObject({
    categoryCode: z.string().max(64).optional(),
    legalType: z.enum(LEGAL_TYPES).optional(),
    /** Where it came from: e.g. forwarded by the National Assembly delegation (longer deadline). */
    source: z.enum(SOURCES).optional(),
    /** For a complaint or denunciation: where the resident should take it. */
    message: z.string().trim().min(10).max(2000).optional(),
  })
  .refine((v) => v.categoryCode || v.legalType || v.source, {
    message: 'give a category, a legal type or a source',
  })
  .openapi('ClassifyInput');

export const assignInput = z
  .strictObject({
    agencyCode: z.string().min(1).max(64),
    cooperatingAgencyCodes: z.array(z.string().min(1).max(64)).max(10).default([]),
  })
  .openapi('AssignInput');

export const REJECT_REASONS = [
  'insufficient-information',
  'not-actionable',
  'out-of-jurisdiction',
  'already-answered',
  'abusive',
] as const;

export const rejectInput = z
  .strictObject({
    reasonCode: z.enum(REJECT_REASONS),
    message: z.string().trim().min(10).max(2000),
  })
  .openapi('RejectInput');

export const mergeInput = z
  .strictObject({ duplicates: z.array(objectId).min(1).max(50) })
  .openapi('MergeInput');

export const noteInput = z
  .strictObject({ text: z.string().trim().min(1).max(5000) })
  .openapi('NoteInput');

export const bulkInput = z
  .discriminatedUnion('action', [
    z.strictObject({
      action: z.literal('assign'),
      ids: z.array(objectId).min(1).max(200),
      agencyCode: z.string().min(1).max(64),
    }),
    z.strictObject({
      action: z.literal('reject'),
      ids: z.array(objectId).min(1).max(200),
      reasonCode: z.enum(REJECT_REASONS),
      message: z.string().trim().min(10).max(2000),
    }),
    z.strictObject({
      action: z.literal('note'),
      ids: z.array(objectId).min(1).max(200),
      text: z.string().trim().min(1).max(5000),
    }),
    z.strictObject({ action: z.literal('noted'), ids: z.array(objectId).min(1).max(200) }),
  ])
  .openapi('BulkInput');
export type BulkInput = z.infer<typeof bulkInput>;
