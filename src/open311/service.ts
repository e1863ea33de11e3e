import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import type { Category } from '../reference/model';
import type { Submission } from '../submissions/model';
import { OPEN_STATUSES } from '../submissions/statuses';
import { submit } from '../submissions';
import type { Open311Request } from './model';

/** Our categories as GeoReport v2 services, and requests as submissions. */

export interface Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** Categories that ask for more than a description (GeoReport "metadata": true). */
export const ATTRIBUTES: Record<string, Attribute[]> = {
  utilities: [
    {
      variable: true,
      code: 'utility',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: 'Điện hay nước / electricity or water',
      order: 1,
      description: 'Dịch vụ bị ảnh hưởng / Affected service',
      values: [
        { key: 'electricity', name: 'Điện / Electricity' },
        { key: 'water', name: 'Nước / Water' },
      ],
    },
  ],
};

export function serviceOf(c: Category) {
  return {
    service_code: c.code,
    service_name: c.name.vi,
    description: `${c.name.vi} / ${c.name.en}`,
    metadata: Boolean(ATTRIBUTES[c.code]),
    type: 'realtime',
    keywords: c.name.en.toLowerCase(),
    group: 'Tiếng Dân',
  };
}

export function definitionOf(code: string) {
  return { service_code: code, attributes: ATTRIBUTES[code] ?? [] };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createClientKey(deps: Deps, name: string) {
  const key = randomBytes(24).toString('base64url');
  const doc = await deps.models.Open311Client.create({
    name,
    keyHash: hashKey(key),
    active: true,
    createdAt: deps.clock.now(),
  });
  return { id: String(doc._id), name, apiKey: key };
}

export interface PostInput {
  clientId: Open311Request['clientId'];
  fields: Record<string, string>;
}

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/** A request becomes a petition through the residents' own intake. */
export async function createRequest(deps: Deps, { clientId, fields: f }: PostInput) {
  const serviceCode = f.service_code ?? '';
  const attributes = Object.entries(f)
    .map(([k, v]) => [/^attribute\[(.+)\]$/.exec(k)?.[1], v] as const)
    .filter((x): x is [string, string] => Boolean(x[0]));
  for (const a of ATTRIBUTES[serviceCode] ?? []) {
    const given = attributes.find(([k]) => k === a.code)?.[1];
    if (a.required && !given)
      throw fail.validation([
        { path: `attribute[${a.code}]`, message: 'required', code: 'required' },
      ]);
    if (given && a.values && !a.values.some((v) => v.key === given))
      throw fail.validation([
        { path: `attribute[${a.code}]`, message: 'not one of the values', code: 'invalid' },
      ]);
  }
  const lat = num(f.lat);
  const long = num(f.long);
  if (
    (lat !== undefined && !(Math.abs(lat) <= 90)) ||
    (long !== undefined && !(Math.abs(long) <= 180))
  )
    throw fail.validation([{ path: 'lat', message: 'not a WGS-84 point', code: 'invalid' }]);
  if (lat === undefined && long === undefined && !f.address_string && !f.address_id)
    throw fail.validation([
      {
        path: 'lat',
        message: 'a location is required: lat & long, address_string or address_id',
        code: 'required',
      },
    ]);
  const description = (f.description ?? '').trim();
  const where = f.address_string ? `\nĐịa chỉ / Address: ${f.address_string}` : '';
  const point = lat !== undefined && long !== undefined ? `\nVị trí / Point: ${lat}, ${long}` : '';
  const attrs = attributes.map(([k, v]) => `\n${k}: ${v}`).join('');
  const name = [f.last_name, f.first_name].filter(Boolean).join(' ').trim();
  const result = await submit(deps, {
    kind: 'petition',
    data: {
      title: description.split(/\r?\n/)[0]!.slice(0, 120),
      body: `${description}${where}${point}${attrs}`,
      categoryCode: serviceCode,
      jurisdictionCode: f.jurisdiction_id ?? '',
      submitter: {
        name: name || 'Open311',
        ...(f.email ? { email: f.email } : {}),
        ...(f.phone ? { phone: f.phone } : {}),
      },
      shareContactWithAgency: false,
    },
  });
  const token = randomBytes(12).toString('base64url');
  await deps.models.Open311Request.create({
    submissionId: new Types.ObjectId(result.id),
    trackingCode: result.trackingCode,
    token,
    clientId,
    serviceCode,
    description,
    ...(lat !== undefined ? { lat } : {}),
    ...(long !== undefined ? { long } : {}),
    ...(f.address_string ? { addressString: f.address_string } : {}),
    ...(f.address_id ? { addressId: f.address_id } : {}),
    ...(f.media_url ? { mediaUrl: f.media_url } : {}),
    ...(f.device_id ? { deviceId: f.device_id } : {}),
    ...(f.account_id ? { accountId: f.account_id } : {}),
    attributes: attributes.map(([code, value]) => ({ code, value })),
    createdAt: deps.clock.now(),
  });
  return {
    service_request_id: result.trackingCode,
    token,
    service_notice: '',
    account_id: f.account_id ?? null,
  };
}

/** One request in GeoReport v2's fields (every field present, null when unknown). */
export function requestOf(
  s: Submission,
  extra: Open311Request | undefined,
  names: { service: string; agency?: string },
) {
  const open = OPEN_STATUSES.includes(s.status);
  return {
    service_request_id: s.trackingCode,
    status: open ? 'open' : 'closed',
    status_notes: s.answer?.text ?? s.resolution?.message ?? s.status,
    service_name: names.service,
    service_code: s.categoryCode,
    description: extra?.description ?? s.title,
    agency_responsible: names.agency ?? null,
    service_notice: null,
    requested_datetime: s.createdAt.toISOString(),
    updated_datetime: s.updatedAt.toISOString(),
    expected_datetime: s.dueAt?.toISOString() ?? null,
    address: extra?.addressString ?? null,
    address_id: extra?.addressId ?? null,
    zipcode: null,
    lat: extra?.lat ?? null,
    long: extra?.long ?? null,
    media_url: extra?.mediaUrl ?? null,
  };
}
