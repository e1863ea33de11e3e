import { z } from '../platform/zod';

export const answerInput = z
  .strictObject({
    text: z.string().trim().min(10).max(20000),
    responderName: z.string().trim().min(1).max(200),
    responderTitle: z.string().trim().max(200).optional(),
  })
  .openapi('AnswerInput');
export type AnswerInput = z.infer<typeof answerInput>;

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
    contact: z
      .object({
        name: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      })
      .optional(),
    answer: z.object({ text: z.string(), responderName: z.string(), at: z.string() }).optional(),
  })
  .openapi('ReplyView');
export type ReplyView = z.infer<typeof replyView>;
