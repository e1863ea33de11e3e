import { Schema, type Connection } from 'mongoose';

/** Reference data, loaded from config/reference by the seed command. */

export interface Category {
  code: string;
  name: { vi: string; en: string };
  answerWorkingDays: number;
}

/** A node of the jurisdiction tree; `path` lists the codes from the root down to itself. */
export interface Jurisdiction {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  path: string[];
  depth: number;
  /** The official administrative code (mã đơn vị hành chính), when known. */
  officialCode?: string;
  validFrom?: Date;
  /** Set when the unit was dissolved or merged; items filed under it keep it. */
  validTo?: Date;
  /** The unit that took over a dissolved one: its items are found under the successor. */
  successorCode?: string;
}

export interface Agency {
  code: string;
  name: string;
  email: string;
  jurisdictionCode: string;
  /** Inactive agencies get no new petitions (routing assigns active agencies only). */
  active: boolean;
  /** Set when an admin merged this agency into another; see src/agencies/service.ts. */
  mergedInto?: string;
  /** The agency an overdue petition is escalated to (src/deadlines/scan.ts), if any. */
  superiorAgencyCode?: string;
  /** Set when a delivery-failure report came back for one of our notices; cleared when the agency acts. */
  emailFailingSince?: Date;
}

/**
 * Petitions of `categoryCode` filed anywhere under `jurisdictionCode` go to `agencyCode`.
 * One rule per category and node (a unique index), so routing is never ambiguous
 * at one node.
 */
export interface RoutingRule {
  categoryCode: string;
  jurisdictionCode: string;
  agencyCode: string;
}

const categorySchema = new Schema<Category>({
  code: { type: String, required: true, unique: true },
  name: { vi: { type: String, required: true }, en: { type: String, required: true } },
  answerWorkingDays: { type: Number, required: true },
});

const jurisdictionSchema = new Schema<Jurisdiction>({
  code: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  level: { type: String, required: true },
  parentCode: { type: String, default: null },
  path: { type: [String], required: true, index: true },
  depth: { type: Number, required: true },
  officialCode: String,
  validFrom: Date,
  validTo: Date,
  successorCode: { type: String, index: true },
});

const agencySchema = new Schema<Agency>({
  code: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  email: { type: String, required: true },
  jurisdictionCode: { type: String, required: true },
  active: { type: Boolean, default: true },
  mergedInto: String,
  superiorAgencyCode: String,
  emailFailingSince: Date,
});

const routingRuleSchema = new Schema<RoutingRule>({
  categoryCode: { type: String, required: true },
  jurisdictionCode: { type: String, required: true },
  agencyCode: { type: String, required: true },
});
// One rule per category and node: a second one is refused (E11000, answered 409).
routingRuleSchema.index({ categoryCode: 1, jurisdictionCode: 1 }, { unique: true });
routingRuleSchema.index({ agencyCode: 1 });

export function referenceModels(conn: Connection) {
  return {
    Category: conn.model('Category', categorySchema),
    Jurisdiction: conn.model('Jurisdiction', jurisdictionSchema),
    Agency: conn.model('Agency', agencySchema),
    RoutingRule: conn.model('RoutingRule', routingRuleSchema),
  };
}
