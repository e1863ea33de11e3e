import { z } from '../platform/zod';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .openapi({ example: '2026-05' });

export const monthlyQuery = z
  .strictObject({
    jurisdiction: z
      .string()
      .max(128)
      .optional()
      .openapi({ description: 'A node in your scope; default: your own (admins: the whole tree)' }),
    month: month.optional().openapi({ description: 'YYYY-MM (Vietnam); default: last month' }),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .openapi('MonthlyReportQuery');
export type MonthlyQuery = z.infer<typeof monthlyQuery>;

export const publicStatsQuery = z
  .strictObject({
    jurisdiction: z
      .string()
      .max(128)
      .optional()
      .openapi({ description: 'Any node; default: the whole tree' }),
    from: month.optional().openapi({ description: 'First month; default: 11 months before `to`' }),
    to: month.optional().openapi({ description: 'Last month; default: this month' }),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .openapi('PublicStatsQuery');
export type PublicStatsQuery = z.infer<typeof publicStatsQuery>;

export const publishInput = z
  .strictObject({
    published: z
      .boolean()
      .optional()
      .openapi({ description: 'false withdraws a publication; default true' }),
  })
  .openapi('PublishInput');

/** Form fields left empty mean "not given". */
export function withoutEmpty(q: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((q ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''),
  );
}

const share = z.number().nullable();
export const monthlyReportSchema = z
  .object({
    jurisdiction: z.object({ code: z.string(), name: z.string() }).nullable(),
    month: z.string(),
    previousMonth: z.string(),
    generatedAt: z.string(),
    received: z.object({
      total: z.number().int(),
      petitions: z.number().int(),
      sentiments: z.number().int(),
      byCategory: z.array(
        z.object({
          code: z.string(),
          name: z.object({ vi: z.string(), en: z.string() }),
          petitions: z.number().int(),
          sentiments: z.number().int(),
          total: z.number().int(),
        }),
      ),
      byLegalType: z.array(z.object({ code: z.string(), count: z.number().int() })),
      byChannel: z.array(z.object({ code: z.string(), count: z.number().int() })),
    }),
    routed: z.number().int(),
    answered: z.number().int(),
    answeredOnTime: z.number().int(),
    answeredLate: z.number().int(),
    onTimeShare: share,
    medianAnswerDays: z.number().nullable(),
    reopened: z.number().int(),
    moves: z.record(z.string(), z.number()),
    agencies: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        assigned: z.number().int(),
        answered: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        onTimeShare: share,
        medianDays: z.number().nullable(),
        meanDays: z.number().nullable(),
        reopened: z.number().int(),
        reopenShare: share,
        rated: z.number().int(),
        satisfied: z.number().int(),
        satisfactionShare: share,
      }),
    ),
    topics: z.object({
      top: z.array(z.object({ code: z.string(), count: z.number(), previous: z.number() })),
      rising: z.array(
        z.object({
          code: z.string(),
          count: z.number(),
          previous: z.number(),
          pValue: z.number(),
        }),
      ),
      details: z.string(),
    }),
    open: z.object({
      total: z.number().int(),
      byStatus: z.record(z.string(), z.number()),
      overdue: z.number().int(),
      cap: z.number().int(),
      petitions: z.array(
        z.object({
          id: z.string(),
          trackingCode: z.string(),
          title: z.string(),
          status: z.string(),
          ageDays: z.number().int(),
          dueAt: z.string().nullable(),
          overdue: z.boolean(),
        }),
      ),
    }),
  })
  .openapi('MonthlyReport');
