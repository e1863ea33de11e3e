import { z } from 'zod';
import categories from './reference/categories.json';
import jurisdictions from './reference/jurisdictions.json';
import agencies from './reference/agencies.json';
import routingRules from './reference/routing-rules.json';
import holidays from './reference/holidays.json';

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
  children?: JurisdictionNode[];
}
const jurisdictionNode: z.ZodType<JurisdictionNode> = z.lazy(() =>
  z.object({
    code: z.string().regex(/^[a-z0-9.-]+$/),
    name: z.string().min(1),
    level: z.string().min(1),
    note: z.string().optional(),
    children: z.array(jurisdictionNode).optional(),
  }),
);
export const jurisdictionFile = z.array(jurisdictionNode);

export const agencyFile = z.array(
  z.object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    email: z.email(),
    jurisdictionCode: z.string(),
  }),
);

export const routingRuleFile = z.array(
  z.object({ categoryCode: z.string(), jurisdictionCode: z.string(), agencyCode: z.string() }),
);

export const holidayFile = z.object({
  note: z.string().optional(),
  holidays: z.array(z.iso.date()),
  makeUpWorkingDays: z.array(z.iso.date()),
});

export interface ReferenceData {
  categories: z.infer<typeof categoryFile>;
  jurisdictions: z.infer<typeof jurisdictionFile>;
  agencies: z.infer<typeof agencyFile>;
  routingRules: z.infer<typeof routingRuleFile>;
}

/** The reference data shipped in config/reference, validated. */
export function loadReferenceData(): ReferenceData {
  return {
    categories: categoryFile.parse(categories),
    jurisdictions: jurisdictionFile.parse(jurisdictions),
    agencies: agencyFile.parse(agencies),
    routingRules: routingRuleFile.parse(routingRules),
  };
}

export const holidayCalendar = holidayFile.parse(holidays);
