import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2's two formats. JSON is the objects as they are; XML wraps a list in
 * its root and one element per item (`<services><service>…`), lists inside an item
 * likewise (`<formats><format>…`), and a missing value is an empty element.
 */
export type Format = 'json' | 'xml';

/** The element name of each item of a list, by the list's name. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

function forXml(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    return { [item]: value.map((v) => forXml(item, v)) };
  }
  if (value === null || value === undefined) return '';
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forXml(k, v)]),
    );
  return value;
}

export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: forXml(root, value) }) as string}`;
}

export function send(res: Response, format: Format, root: string, value: unknown, status = 200) {
  if (format === 'json') return res.status(status).json(value);
  res.status(status).type('application/xml; charset=utf-8').send(toXml(root, value));
}

/** The spec's error array: `[{code, description}]`, `<errors><error>…`. */
export function sendErrors(
  res: Response,
  format: Format,
  status: number,
  errors: { code: number; description: string }[],
) {
  send(res, format, 'errors', errors, status);
}
