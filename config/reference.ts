import { z } from 'zod';
import categories from './reference/categories.json';
import jurisdictions from './reference/jurisdictions.json';
import agencies from './reference/agencies.json';
import routingRules from './reference/routing-rules.json';
import holidays from './reference/holidays.json';
import reform2025 from './reference/reform-2025.json';
import topics from './reference/topics.json';

/** Shapes of the reference data files under config/reference, checked when loaded. */
export const categoryFile = z.array(
  z.object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
    answerWorkingDays: z.number().int().min(1).max(120),
  }),
);

export interface JurisdictionNode {
  code: string;
  name: string;
  level: string;
  note?: string;
  /** The official administrative code (mã đơn vị hành chính), when known. */
  officialCode?: string;
  /** Dates (YYYY-MM-DD, in Vietnam) from which / until which the unit exists. */
  validFrom?: string;
  validTo?: string;
  /** The unit that took over this one when it was dissolved. */
  successorCode?: string;
  children?: JurisdictionNode[];
}
const jurisdictionNode: z.ZodType<JurisdictionNode> = z.lazy(() =>
  z.object({
    code: z.string().regex(/^[a-z0-9.-]+$/),
    name: z.string().min(1),
    level: z.string().min(1),
    note: z.string().optional(),
    officialCode: z
      .string()
      .regex(/^[0-9]{2,5}$/)
      .optional(),
    validFrom: z.iso.date().optional(),
    validTo: z.iso.date().optional(),
    successorCode: z.string().optional(),
    children: z.array(jurisdictionNode).optional(),
  }),
);
export const jurisdictionFile = z.array(jurisdictionNode);

/**
 * A reorganisation of administrative units (sắp xếp đơn vị hành chính), as one
 * change set with one effective date: the units it creates (each under a parent
 * that exists) and the units it dissolves (each with the unit that takes it over).
 * Dissolved units stay in the tree: items filed under them keep their place.
 */
export const reformFile = z.object({
  name: z.string().min(1),
  effectiveFrom: z.iso.date(),
  note: z.string().optional(),
  created: z.array(z.object({ parentCode: z.string().nullable(), node: jurisdictionNode })),
  dissolved: z.array(z.object({ code: z.string(), successorCode: z.string() })),
});
export type Reform = z.infer<typeof reformFile>;

export const agencyFile = z.array(
  z.object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    email: z.email(),
    jurisdictionCode: z.string(),
    /** Where overdue petitions of this agency are escalated (src/deadlines). */
    superiorAgencyCode: z.string().optional(),
  }),
);

export const routingRuleFile = z.array(
  z.object({ categoryCode: z.string(), jurisdictionCode: z.string(), agencyCode: z.string() }),
);

/** Topics officers tag items with; `keywords` (words or their first syllables) drive proposals. */
export const topicFile = z.array(
  z.object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
    keywords: z.array(z.string().min(1)).min(1),
  }),
);

/** What is announced each year on top of the computed statutory holidays (see src/platform/calendar.ts). */
const isoDates = z.array(z.iso.date());
export const holidayFile = z
  .object({
    note: z.string().optional(),
    years: z.record(
      z.string().regex(/^\d{4}$/),
      z.object({
        note: z.string().optional(),
        tet: isoDates.length(5).optional(),
        nationalDayAdjacent: z.iso.date().optional(),
        daysOff: isoDates.optional(),
        workingDays: isoDates.optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    for (const [year, y] of Object.entries(file.years)) {
      const dates = [
        ...(y.tet ?? []),
        ...(y.nationalDayAdjacent ? [y.nationalDayAdjacent] : []),
        ...(y.daysOff ?? []),
        ...(y.workingDays ?? []),
      ];
      for (const d of dates.filter((d) => !d.startsWith(`${year}-`)))
        ctx.addIssue({ code: 'custom', path: ['years', year], message: `${d} is not in ${year}` });
    }
  });

export interface ReferenceData {
  categories: z.infer<typeof categoryFile>;
  jurisdictions: z.infer<typeof jurisdictionFile>;
  agencies: z.infer<typeof agencyFile>;
  routingRules: z.infer<typeof routingRuleFile>;
  /** Applied in order, on top of the jurisdiction tree. */
  reforms: Reform[];
  topics: z.infer<typeof topicFile>;
}

/** The reference data shipped in config/reference, validated. */
export function loadReferenceData(): ReferenceData {
  return {
    categories: categoryFile.parse(categories),
    jurisdictions: jurisdictionFile.parse(jurisdictions),
    agencies: agencyFile.parse(agencies),
    routingRules: routingRuleFile.parse(routingRules),
    reforms: [reformFile.parse(reform2025)],
    topics: topicFile.parse(topics),
  };
}

export const holidayCalendar = holidayFile.parse(holidays);
