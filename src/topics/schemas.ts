import { z } from '../platform/zod';

const topicCode = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'a topic code')
  .max(64);

export const setTopicsInput = z
  .strictObject({ topics: z.array(topicCode).max(10) })
  .openapi('SetTopicsInput', { example: { topics: ['flooding', 'roads'] } });

export const trendsQuery = z
  .strictObject({
    jurisdiction: z
      .string()
      .max(128)
      .optional()
      .openapi({ description: 'A node in your scope; default: your own jurisdiction' }),
    from: z.iso
      .date()
      .optional()
      .openapi({ description: 'First day (Vietnam); default: 30 days to `to`' }),
    to: z.iso
      .date()
      .optional()
      .openapi({ description: 'Last day, included (Vietnam); default: today' }),
    kind: z.enum(['petition', 'sentiment']).optional(),
  })
  .openapi('TrendsQuery');
export type TrendsQuery = z.infer<typeof trendsQuery>;

const name = z.object({ vi: z.string(), en: z.string() });

export const topicSchema = z
  .object({ code: z.string(), name, keywords: z.array(z.string()) })
  .openapi('Topic');

export const trendsSchema = z
  .object({
    jurisdiction: z.object({ code: z.string(), name: z.string() }).nullable(),
    period: z.object({ from: z.string(), to: z.string() }),
    previousPeriod: z.object({ from: z.string(), to: z.string() }),
    totals: z.object({ current: z.number().int(), previous: z.number().int() }),
    topics: z.array(
      z.object({
        code: z.string(),
        name,
        current: z.number().int(),
        previous: z.number().int(),
        share: z.number(),
        previousShare: z.number(),
        expected: z.number(),
        pValue: z.number(),
        rising: z.boolean(),
      }),
    ),
    rising: z.array(z.string()),
    spikes: z.array(
      z.object({
        topic: z.object({ code: z.string(), name }),
        jurisdiction: z.object({ code: z.string(), name: z.string() }),
        count: z.number().int(),
        items: z.number().int(),
        restCount: z.number().int(),
        restItems: z.number().int(),
        expected: z.number(),
        pValue: z.number(),
      }),
    ),
    method: z.string(),
  })
  .openapi('Trends');
