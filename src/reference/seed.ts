import type { JurisdictionNode, ReferenceData } from '../../config/reference';
import type { Models } from '../models';
import type { Jurisdiction } from './model';

/** Flattens the nested tree of the data file into nodes that carry their path. */
export function flattenJurisdictions(
  nodes: JurisdictionNode[],
  parent?: Jurisdiction,
): Jurisdiction[] {
  return nodes.flatMap((node) => {
    const path = [...(parent?.path ?? []), node.code];
    const flat: Jurisdiction = {
      code: node.code,
      name: node.name,
      level: node.level,
      parentCode: parent?.code ?? null,
      path,
      depth: path.length - 1,
    };
    return [flat, ...flattenJurisdictions(node.children ?? [], flat)];
  });
}

/**
 * Loads reference data idempotently: each record is upserted by its code, so the
 * seed can run at every start. Cross-references are checked first; a bad file
 * changes nothing.
 */
export async function seedReferenceData(models: Models, data: ReferenceData): Promise<void> {
  const jurisdictions = flattenJurisdictions(data.jurisdictions);
  checkReferences(data, jurisdictions);

  await models.Category.bulkWrite(
    data.categories.map((c) => ({
      updateOne: { filter: { code: c.code }, update: { $set: c }, upsert: true },
    })),
  );
  await models.Jurisdiction.bulkWrite(
    jurisdictions.map((j) => ({
      updateOne: { filter: { code: j.code }, update: { $set: j }, upsert: true },
    })),
  );
  await models.Agency.bulkWrite(
    data.agencies.map((a) => ({
      updateOne: { filter: { code: a.code }, update: { $set: a }, upsert: true },
    })),
  );
  await models.RoutingRule.bulkWrite(
    data.routingRules.map((r) => ({
      updateOne: { filter: r, update: { $set: r }, upsert: true },
    })),
  );
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
  }
  for (const r of data.routingRules) {
    const where = `routing rule ${r.categoryCode} × ${r.jurisdictionCode}`;
    if (!categories.has(r.categoryCode)) throw new Error(`${where}: unknown category`);
    if (!codes.has(r.jurisdictionCode)) throw new Error(`${where}: unknown jurisdiction`);
    if (!agencies.has(r.agencyCode)) throw new Error(`${where}: unknown agency ${r.agencyCode}`);
  }
}
