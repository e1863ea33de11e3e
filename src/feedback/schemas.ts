import { z } from '../platform/zod';
import { submitter } from '../submissions';

export const RATING_REASONS = [
  'vague',
  'no-evidence',
  'not-done',
  'wrong-agency',
  'other',
] as const;

/** The resident rates the answer (through their private link: the X-Resident-Key header). */
export const ratingInput = z
  .strictObject({
    satisfied: z.boolean(),
    reason: z.enum(RATING_REASONS).optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.satisfied || r.reason, {
    path: ['reason'],
    message: 'say why you are not satisfied',
  })
  .openapi('RatingInput');
export type RatingInput = z.infer<typeof ratingInput>;

/** The resident's reply to the agency's question. */
export const infoInput = z
  .strictObject({
    text: z.string().trim().min(5).max(5000),
  })
  .openapi('ResidentInfoInput');

/** The resident withdraws an open item. */
export const withdrawInput = z
  .strictObject({ reason: z.string().trim().max(2000).optional() })
  .openapi('WithdrawInput');

/** The resident's key, on every resident API call. */
export const residentKeyHeader = z.object({
  'x-resident-key': z.string().openapi({
    description: 'The key of the private link given at submission',
    example: 'q3Vx0d1cO3bq0m7n0Zr1J7oQF6Xw9b2kY5sT8uV4aPe',
  }),
});

/** The resident corrects their contact data (at least one field). */
export const contactPatch = submitter
  .partial()
  .extend({ shareContactWithAgency: z.boolean().optional() })
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one field' })
  .openapi('ContactPatch');
export type ContactPatch = z.infer<typeof contactPatch>;

export const personalDataView = z
  .object({
    trackingCode: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    shareContactWithAgency: z.boolean(),
    erasedAt: z.string().optional(),
    purpose: z.string(),
    retentionDays: z.number().int(),
  })
  .openapi('PersonalData');
