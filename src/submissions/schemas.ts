import { z } from '../platform/zod';
import { IDEMPOTENCY_KEY_DAYS } from './model';
import { SUBMISSION_STATUSES } from './statuses';

const code = z.string().min(1).max(128);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 .-]{7,19}$/, 'a phone number of 8 to 20 digits');

/** How the resident wants to hear from us; left out: e-mail if given, else SMS. */
export const NOTIFY_CHANNELS = ['email', 'sms', 'none'] as const;

/** Who submitted: also what the resident may correct through their private link. */
export const submitter = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).optional(),
  phone: phone.optional(),
  notifyBy: z.enum(NOTIFY_CHANNELS).optional(),
});

/** The chosen channel needs its address. */
const channelHasAddress = (s: { email?: string; phone?: string; notifyBy?: string }) =>
  !(s.notifyBy === 'email' && !s.email) && !(s.notifyBy === 'sms' && !s.phone);
const channelIssue = {
  message: 'the chosen channel needs its address',
  path: ['notifyBy'],
};

const common = {
  title: z
    .string()
    .trim()
    .min(5)
    .max(200)
    .openapi({ example: 'Đường vào ấp Bưng Thuốc ngập nước' }),
  body: z.string().trim().min(10).max(10000),
  categoryCode: code.openapi({ example: 'traffic' }),
  jurisdictionCode: code.openapi({ example: 'binh-duong-2018.bau-bang-moi' }),
};

/** A petition asks a competent agency for an answer, so it needs a way to reach its author. */
export const petitionInput = z
  .strictObject({
    ...common,
    submitter: submitter
      .refine((s) => Boolean(s.email || s.phone), {
        message: 'give an e-mail address or a phone number',
      })
      .refine(channelHasAddress, channelIssue),
    shareContactWithAgency: z.boolean(),
    /** The resident's language: messages to them are written in it (default vi). */
    lang: z.enum(['vi', 'en']).optional(),
  })
  .openapi('PetitionInput');

/** A sentiment needs no answer and may be anonymous. */
export const sentimentInput = z
  .strictObject({
    ...common,
    submitter: submitter.partial({ name: true }).refine(channelHasAddress, channelIssue).optional(),
    shareContactWithAgency: z.boolean().optional(),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .openapi('SentimentInput');

export type PetitionInput = z.infer<typeof petitionInput>;
export type SentimentInput = z.infer<typeof sentimentInput>;

export const submissionCreated = z
  .object({
    id: z.string(),
    trackingCode: z.string().openapi({ example: 'TD-7K4M-9QXP' }),
    status: z.enum(SUBMISSION_STATUSES),
    residentKey: z.string().openapi({
      description:
        "The resident's private key: send it as X-Resident-Key to rate, reply, withdraw or manage personal data. Keep it secret; it is not stored.",
      example: 'q3Vx0d1cO3bq0m7n0Zr1J7oQF6Xw9b2kY5sT8uV4aPe',
    }),
    residentLink: z.url().openapi({
      description: "The resident's private page (the same key in a link)",
      example:
        'https://tiengdan.example/track/TD-7K4M-9QXP/q3Vx0d1cO3bq0m7n0Zr1J7oQF6Xw9b2kY5sT8uV4aPe',
    }),
  })
  .openapi('SubmissionCreated');

export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .openapi({
      description: `Retrying with the same key within ${IDEMPOTENCY_KEY_DAYS} days returns the first result.`,
    }),
});

export const trackingView = z
  .object({
    trackingCode: z.string(),
    title: z.string(),
    kind: z.enum(['petition', 'sentiment']),
    status: z.enum(SUBMISSION_STATUSES),
    category: z.object({ code: z.string(), name: z.object({ vi: z.string(), en: z.string() }) }),
    jurisdiction: z.object({ code: z.string(), name: z.string() }),
    submittedAt: z.string(),
    dueAt: z.string().optional(),
    agency: z.object({ code: z.string(), name: z.string() }).optional(),
    history: z.array(
      z.object({
        at: z.string(),
        action: z.string(),
        status: z.string().optional(),
        by: z.string(),
      }),
    ),
    /** The agency's progress notes, newest last, with the date it expects to answer by. */
    progress: z.array(
      z.object({
        at: z.string(),
        text: z.string(),
        expectedBy: z.string().optional().openapi({ example: '22/12/2026' }),
      }),
    ),
    /** For a merged item: the item that carries on (its answer is shown as `answer`). */
    keptItem: z
      .object({ trackingCode: z.string(), title: z.string(), status: z.enum(SUBMISSION_STATUSES) })
      .optional(),
    /** While the agency waits for the resident: what it asks. */
    question: z.string().optional(),
    /** Why it was rejected, or where to take a complaint or denunciation. */
    resolution: z.string().optional(),
    answer: z
      .object({
        text: z.string(),
        responderName: z.string(),
        responderTitle: z.string().optional(),
        agency: z.string(),
        at: z.string(),
      })
      .optional(),
  })
  .openapi('Tracking');
export type TrackingView = z.infer<typeof trackingView>;
