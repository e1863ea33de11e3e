import { z } from '../platform/zod';

export const answerInput = z
  .strictObject({
    text: z.string().trim().min(10).max(20000),
    responderName: z.string().trim().min(1).max(200),
    responderTitle: z.string().trim().max(200).optional(),
  })
  .openapi('AnswerInput');
export type AnswerInput = z.infer<typeof answerInput>;

/** An interim report: what is being done, and by when the answer is expected (a day in Vietnam). */
export const progressInput = z
  .strictObject({
    text: z.string().trim().min(10).max(5000),
    expectedBy: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+07:00`)), 'not a date')
      .openapi({ example: '2025-07-15' }),
  })
  .openapi('ProgressInput');
export type ProgressInput = z.infer<typeof progressInput>;

/** Not competent: which agency the agency believes is (its code, or its name in words). */
export const declineInput = z
  .strictObject({
    suggestedAgency: z.string().trim().min(2).max(300),
    reason: z.string().trim().max(2000).optional(),
  })
  .openapi('DeclineInput');
export type DeclineInput = z.infer<typeof declineInput>;

/** The agency asks the resident for more information; the deadline pauses meanwhile. */
export const askInput = z
  .strictObject({ question: z.string().trim().min(10).max(2000) })
  .openapi('AskResidentInput');
export type AskInput = z.infer<typeof askInput>;

/** What an agency action did: `already` when it repeated one already recorded. */
export const actionResult = z
  .object({
    outcome: z.enum(['recorded', 'already']),
    trackingCode: z.string(),
    status: z.string(),
  })
  .openapi('ReplyActionResult');

/** What an agency sees through its link: the petition, and contact only if the resident agreed. */
export const replyView = z
  .object({
    trackingCode: z.string(),
    title: z.string(),
    body: z.string(),
    category: z.string(),
    jurisdiction: z.string(),
    submittedAt: z.string(),
    dueAt: z.string(),
    state: z.enum(['open', 'answered']),
    status: z.string().openapi({ description: "The petition's status" }),
    /** What the agency reported so far (acknowledged, progress), oldest first. */
    updates: z.array(z.object({ at: z.string(), action: z.string(), note: z.string().optional() })),
    contact: z
      .object({
        name: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      })
      .optional(),
    answer: z
      .object({
        text: z.string(),
        responderName: z.string(),
        at: z.string(),
        attachments: z
          .array(
            z.object({ name: z.string(), type: z.string(), size: z.number(), url: z.string() }),
          )
          .optional(),
      })
      .optional(),
  })
  .openapi('ReplyView');
export type ReplyView = z.infer<typeof replyView>;
