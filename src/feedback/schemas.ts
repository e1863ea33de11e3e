import { z } from '../platform/zod';

export const RATING_REASONS = [
  'vague',
  'no-evidence',
  'not-done',
  'wrong-agency',
  'other',
] as const;

/** The resident rates the answer, proving who they are with the contact they gave. */
export const ratingInput = z
  .strictObject({
    contact: z
      .string()
      .trim()
      .min(3)
      .max(254)
      .openapi({ description: 'The e-mail or phone given when submitting' }),
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
    contact: z.string().trim().min(3).max(254),
    text: z.string().trim().min(5).max(5000),
  })
  .openapi('ResidentInfoInput');
