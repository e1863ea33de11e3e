import { XMLParser } from 'fast-xml-parser';
import { eventually, signedIn, startHarness, type Harness } from '../helpers/harness';

/*
 * Open311 GeoReport v2: every response, in JSON and in XML, holds exactly the
 * fields the specification lists; errors are its error array; a client posts a
 * request form-encoded with its api_key, as client libraries do, and the officers
 * find it in their inbox.
 */
const FIELDS = {
  discovery: ['changeset', 'contact', 'key_service', 'endpoints'],
  endpoint: ['specification', 'url', 'changeset', 'type', 'formats'],
  service: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  definition: ['service_code', 'attributes'],
  attribute: [
    'variable',
    'code',
    'datatype',
    'required',
    'datatype_description',
    'order',
    'description',
    'values',
  ],
  value: ['key', 'name'],
  created: ['service_request_id', 'token', 'service_notice', 'account_id'],
  token: ['service_request_id', 'token'],
  request: [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ],
  error: ['code', 'description'],
};
const keys = (o: object) => Object.keys(o).sort();
const fields = (name: keyof typeof FIELDS) => [...FIELDS[name]].sort();

/** Elements that hold lists, so one item still parses as an array. */
const LISTS = ['service', 'request', 'error', 'endpoint', 'format', 'attribute', 'value'];
const xml = new XMLParser({ isArray: (name) => LISTS.includes(name), parseTagValue: false });

let h: Harness;
let apiKey = '';
beforeAll(async () => {
  h = await startHarness();
  const admin = await signedIn(h, { email: 'quantri@mttq.example', role: 'admin' });
  const res = await admin.agent
    .post('/api/v1/admin/open311/keys')
    .set('x-csrf-token', admin.csrf)
    .send({ name: 'Ứng dụng phản ánh hiện trường' })
    .expect(201);
  apiKey = res.body.apiKey;
}, 120_000);
afterAll(async () => {
  await h.close();
});

/** A request as an HTTP client sends it, over the network to the running server. */
async function call(path: string, init?: RequestInit) {
  const res = await fetch(`${h.baseUrl}/open311/v2/${path}`, init);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}
async function both(path: string) {
  const j = await call(`${path}.json`);
  const x = await call(`${path}.xml`);
  expect(j.type).toContain('application/json');
  expect(x.type).toContain('application/xml');
  expect(x.text.startsWith('<?xml')).toBe(true);
  return { json: JSON.parse(j.text), xml: xml.parse(x.text), status: [j.status, x.status] };
}

it('discovery, services and a service definition carry the specification’s fields', async () => {
  const d = await both('discovery');
  expect(keys(d.json)).toEqual(fields('discovery'));
  expect(keys(d.xml.discovery)).toEqual(fields('discovery'));
  expect(keys(d.json.endpoints[0])).toEqual(fields('endpoint'));
  expect(keys(d.xml.discovery.endpoints.endpoint[0])).toEqual(fields('endpoint'));
  expect(d.xml.discovery.endpoints.endpoint[0].formats.format).toEqual([
    'text/xml',
    'application/json',
  ]);

  const s = await both('services');
  expect(s.json.length).toBe(9);
  for (const svc of s.json) expect(keys(svc)).toEqual(fields('service'));
  for (const svc of s.xml.services.service) expect(keys(svc)).toEqual(fields('service'));
  expect(
    s.json.find((x: { service_code: string }) => x.service_code === 'utilities').metadata,
  ).toBe(true);

  const def = await both('services/utilities');
  expect(keys(def.json)).toEqual(fields('definition'));
  expect(keys(def.xml.service_definition)).toEqual(fields('definition'));
  for (const a of def.json.attributes) {
    expect(keys(a)).toEqual(fields('attribute'));
    for (const v of a.values) expect(keys(v)).toEqual(fields('value'));
  }
  const xa = def.xml.service_definition.attributes.attribute[0];
  expect(keys(xa)).toEqual(fields('attribute'));
  expect(keys(xa.values.value[0])).toEqual(fields('value'));
});

it('errors are the specification’s error array, in JSON and XML', async () => {
  for (const [path, code] of [
    ['services/no-such-service', 404],
    ['requests/TD-0000-0000', 404],
    ['tokens/nope', 404],
  ] as const) {
    const r = await both(path);
    expect(r.status).toEqual([code, code]);
    for (const e of r.json) expect(keys(e)).toEqual(fields('error'));
    for (const e of r.xml.errors.error) expect(keys(e)).toEqual(fields('error'));
    expect(r.json[0].code).toBe(code);
  }
  const form = (body: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  const noKey = await call('requests.xml', form({ service_code: 'traffic', description: 'x' }));
  expect(noKey.status).toBe(403);
  expect(xml.parse(noKey.text).errors.error[0].code).toBe('403');
  const bad = await call(
    'requests.json',
    form({ api_key: apiKey, service_code: 'utilities', jurisdiction_id: 'minh-hoa.tan-phu' }),
  );
  expect(bad.status).toBe(400);
  const errors = JSON.parse(bad.text) as { code: number; description: string }[];
  for (const e of errors) expect(keys(e)).toEqual(fields('error'));
  expect(errors.map((e) => e.description).join()).toContain('attribute[utility]');
});

it('a client posts a request form-encoded and the officers find it in their inbox', async () => {
  const res = await call('requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: apiKey,
      jurisdiction_id: 'minh-hoa.tan-phu',
      service_code: 'utilities',
      'attribute[utility]': 'water',
      lat: '10.9804',
      long: '106.6519',
      address_string: 'Ấp 3, xã Tân Phú',
      email: 'cu.dan@example.com',
      first_name: 'Lan',
      last_name: 'Nguyễn Thị',
      description: 'Nước máy mất ba ngày nay ở ấp 3, đề nghị kiểm tra đường ống',
      media_url: 'https://example.org/photo.jpg',
    }).toString(),
  });
  expect(res.status).toBe(201);
  const created = JSON.parse(res.text);
  expect(created).toHaveLength(1);
  expect(keys(created[0])).toEqual(fields('created'));
  const code: string = created[0].service_request_id;
  expect(code).toMatch(/^TD-/);

  // In the officers' inbox of Tân Phú.
  const officer = await signedIn(h, {
    email: 'tanphu@mttq.example',
    role: 'officer',
    jurisdictionCode: 'minh-hoa.tan-phu',
  });
  await eventually(async () => {
    const inbox = await officer.agent.get('/api/v1/officer/inbox').expect(200);
    return inbox.body.items.some((i: { trackingCode: string }) => i.trackingCode === code);
  });

  const one = await both(`requests/${code}`);
  expect(one.json).toHaveLength(1);
  expect(keys(one.json[0])).toEqual(fields('request'));
  expect(keys(one.xml.service_requests.request[0])).toEqual(fields('request'));
  expect(one.json[0]).toMatchObject({
    service_request_id: code,
    status: 'open',
    service_code: 'utilities',
    lat: 10.9804,
    long: 106.6519,
    address: 'Ấp 3, xã Tân Phú',
    media_url: 'https://example.org/photo.jpg',
  });
  expect(JSON.stringify(one.json)).not.toContain('cu.dan@example.com');

  const list = await both(`requests`);
  for (const r of list.json) expect(keys(r)).toEqual(fields('request'));
  for (const r of list.xml.service_requests.request) expect(keys(r)).toEqual(fields('request'));
  expect(list.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
    code,
  );
  const closed = await call('requests.json?status=closed&service_code=utilities');
  expect(JSON.parse(closed.text)).toEqual([]);
  const byId = await call(`requests.json?service_request_id=${code}`);
  expect(JSON.parse(byId.text)[0].service_request_id).toBe(code);

  const t = await both(`tokens/${created[0].token}`);
  expect(keys(t.json[0])).toEqual(fields('token'));
  expect(keys(t.xml.service_requests.request[0])).toEqual(fields('token'));
  expect(t.json[0].service_request_id).toBe(code);
});
