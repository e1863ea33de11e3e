import type { ReferenceData } from '../../config/reference';
import type { Models } from '../models';
import type { Jurisdiction } from './model';
import { applyReforms, flattenJurisdictions } from './reform';

export { flattenJurisdictions };

/** Optional fields of a jurisdiction: removed from the record when the files no longer set them. */
const OPTIONAL_JURISDICTION_FIELDS = [
  'officialCode',
  'validFrom',
  'validTo',
  'successorCode',
] as const;

/**
 * Loads reference data idempotently, so the seed can run at every start.
 * Cross-references are checked first; a bad file changes nothing.
 *
 * Categories, topics and jurisdictions (with the reforms applied) belong to the files:
 * each record is upserted by its code. Agencies and routing rules belong to the
 * admins once loaded: missing agencies are added but never overwritten (a rename,
 * a deactivation or a merge survives the next deploy), and the rules of the file
 * are only the initial set, loaded into an empty collection (a rule an admin
 * deleted or re-pointed does not come back).
 */
export async function seedReferenceData(models: Models, data: ReferenceData): Promise<void> {
  const jurisdictions = applyReforms(flattenJurisdictions(data.jurisdictions), data.reforms);
  checkReferences(data, jurisdictions);

  await models.Category.bulkWrite(
    data.categories.map((c) => ({
      updateOne: { filter: { code: c.code }, update: { $set: c }, upsert: true },
    })),
  );
  await models.Jurisdiction.bulkWrite(
    jurisdictions.map((j) => {
      const unset = OPTIONAL_JURISDICTION_FIELDS.filter((f) => j[f] === undefined);
      return {
        updateOne: {
          filter: { code: j.code },
          update: {
            $set: j,
            ...(unset.length ? { $unset: Object.fromEntries(unset.map((f) => [f, 1])) } : {}),
          },
          upsert: true,
        },
      };
    }),
  );
  await models.Agency.bulkWrite(
    data.agencies.map((a) => ({
      updateOne: {
        filter: { code: a.code },
        update: { $setOnInsert: { ...a, active: true } },
        upsert: true,
      },
    })),
  );
  // A superior agency added to the file later reaches agencies loaded before it.
  const withSuperior = data.agencies.filter((a) => a.superiorAgencyCode);
  if (withSuperior.length)
    await models.Agency.bulkWrite(
      withSuperior.map((a) => ({
        updateOne: {
          filter: { code: a.code, superiorAgencyCode: { $exists: false } },
          update: { $set: { superiorAgencyCode: a.superiorAgencyCode } },
        },
      })),
    );
  await models.Topic.bulkWrite(
    data.topics.map((t) => ({
      updateOne: { filter: { code: t.code }, update: { $set: t }, upsert: true },
    })),
  );
  if ((await models.RoutingRule.estimatedDocumentCount()) === 0) {
    // Keyed like the unique index: one rule per category and node.
    await models.RoutingRule.bulkWrite(
      data.routingRules.map((r) => ({
        updateOne: {
          filter: { categoryCode: r.categoryCode, jurisdictionCode: r.jurisdictionCode },
          update: { $setOnInsert: r },
          upsert: true,
        },
      })),
    );
  }
}

function checkReferences(data: ReferenceData, jurisdictions: Jurisdiction[]): void {
  const codes = new Set<string>();
  for (const j of jurisdictions) {
    if (codes.has(j.code)) throw new Error(`jurisdiction ${j.code} appears twice`);
    codes.add(j.code);
  }
  const categories = new Set(data.categories.map((c) => c.code));
  const agencies = new Set(data.agencies.map((a) => a.code));
  for (const a of data.agencies) {
    if (!codes.has(a.jurisdictionCode))
      throw new Error(`agency ${a.code}: unknown jurisdiction ${a.jurisdictionCode}`);
    if (
      a.superiorAgencyCode &&
      (a.superiorAgencyCode === a.code || !agencies.has(a.superiorAgencyCode))
    )
      throw new Error(`agency ${a.code}: unknown superior agency ${a.superiorAgencyCode}`);
  }
  for (const j of jurisdictions) {
    if (j.successorCode && !codes.has(j.successorCode))
      throw new Error(`jurisdiction ${j.code}: unknown successor ${j.successorCode}`);
  }
  const topics = new Set<string>();
  for (const t of data.topics) {
    if (topics.has(t.code)) throw new Error(`topic ${t.code} appears twice`);
    topics.add(t.code);
  }
  const ruleKeys = new Set<string>();
  for (const r of data.routingRules) {
    const where = `routing rule ${r.categoryCode} × ${r.jurisdictionCode}`;
    const key = `${r.categoryCode} ${r.jurisdictionCode}`;
    if (ruleKeys.has(key))
      throw new Error(`${where}: appears twice (one rule per category and node)`);
    ruleKeys.add(key);
    if (!categories.has(r.categoryCode)) throw new Error(`${where}: unknown category`);
    if (!codes.has(r.jurisdictionCode)) throw new Error(`${where}: unknown jurisdiction`);
    if (!agencies.has(r.agencyCode)) throw new Error(`${where}: unknown agency ${r.agencyCode}`);
  }
}
