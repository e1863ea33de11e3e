import type { JurisdictionNode, Reform } from '../../config/reference';
import type { Jurisdiction } from './model';

/**
 * Jurisdictions over time. Administrative units are created, merged and dissolved
 * (the 2025 reform abolished the district level and merged communes); a unit that
 * goes away is kept, with `validTo` and the `successorCode` of the unit that took
 * it over, because items filed under it keep the place they were filed under.
 * Officers of the successor see them (`scopeFor` follows the links backwards);
 * new items may only be filed under units in force.
 */

/** A calendar date of the data files (YYYY-MM-DD) as the instant it starts in Vietnam. */
export function vietnamDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/** Whether a unit is in force at `at`: begun (if it has a start) and not yet ended. */
export function inForce(j: Pick<Jurisdiction, 'validFrom' | 'validTo'>, at: Date): boolean {
  return (!j.validFrom || j.validFrom <= at) && (!j.validTo || j.validTo > at);
}

/** The same condition as `inForce`, as a query on the jurisdictions collection. */
export function inForceFilter(at: Date) {
  return {
    $and: [
      { $or: [{ validFrom: { $exists: false } }, { validFrom: { $lte: at } }] },
      { $or: [{ validTo: { $exists: false } }, { validTo: { $gt: at } }] },
    ],
  };
}

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
      ...(node.officialCode ? { officialCode: node.officialCode } : {}),
      ...(node.validFrom ? { validFrom: vietnamDay(node.validFrom) } : {}),
      ...(node.validTo ? { validTo: vietnamDay(node.validTo) } : {}),
      ...(node.successorCode ? { successorCode: node.successorCode } : {}),
    };
    return [flat, ...flattenJurisdictions(node.children ?? [], flat)];
  });
}

/**
 * Applies reforms, in order, to the flattened tree: created units are added
 * under their parent (in force from the reform's date), dissolved units get
 * `validTo` and their successor. Each reform is checked as a whole: parents and
 * successors must exist and be in force on the day, nothing is created twice or
 * dissolved twice. Throws on the first inconsistency, so a bad file changes nothing.
 */
export function applyReforms(nodes: Jurisdiction[], reforms: Reform[]): Jurisdiction[] {
  const byCode = new Map(nodes.map((n) => [n.code, { ...n }]));
  for (const reform of reforms) {
    const day = vietnamDay(reform.effectiveFrom);
    const where = `reform "${reform.name}"`;

    for (const { parentCode, node } of reform.created) {
      const parent = parentCode === null ? undefined : byCode.get(parentCode);
      if (parentCode !== null && !parent)
        throw new Error(`${where}: ${node.code}: unknown parent ${parentCode}`);
      if (parent && !inForce(parent, day))
        throw new Error(`${where}: ${node.code}: parent ${parentCode} is not in force then`);
      for (const j of flattenJurisdictions([node], parent)) {
        if (byCode.has(j.code)) throw new Error(`${where}: ${j.code} exists already`);
        byCode.set(j.code, { ...j, validFrom: j.validFrom ?? day });
      }
    }

    for (const { code, successorCode } of reform.dissolved) {
      const node = byCode.get(code);
      if (!node) throw new Error(`${where}: unknown unit ${code} dissolved`);
      if (!inForce(node, day)) throw new Error(`${where}: ${code} is not in force then`);
      node.validTo = day;
      node.successorCode = successorCode;
    }
    // Successors are checked once every dissolution of the reform is applied:
    // a unit cannot be taken over by one that goes away on the same day.
    for (const { code, successorCode } of reform.dissolved) {
      const successor = byCode.get(successorCode);
      if (!successor) throw new Error(`${where}: ${code}: unknown successor ${successorCode}`);
      if (!inForce(successor, day))
        throw new Error(`${where}: ${code}: successor ${successorCode} is not in force then`);
      if (successor.path.includes(code))
        throw new Error(`${where}: ${code}: successor ${successorCode} lies inside it`);
    }
  }
  return [...byCode.values()];
}
