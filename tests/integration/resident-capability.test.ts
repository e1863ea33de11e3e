import {
  answeredPetition,
  petition,
  replyLink,
  startHarness,
  type Harness,
} from '../helpers/harness';

/**
 * Findings 1 and 2 of the security review: the tracking code plus the contact
 * (which the agency and officers see) was proof enough to act as the resident,
 * and a wrong contact (403) answered differently from a wrong status (409).
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { RESIDENT_FAILURES_PER_HOUR: '5' } });
});
afterAll(async () => {
  await h.close();
});

const answered = (email: string) =>
  answeredPetition(h, { submitter: { name: 'Hoa', email }, shareContactWithAgency: true });

it('finding 1: the agency, knowing code and contact, cannot rate its own answer', async () => {
  const { id, code, token } = await answered('hoa@example.com');
  // The agency sees the resident's contact through its reply link…
  const view = await h.http.get(`/api/v1/replies/${token}`).expect(200);
  expect(JSON.stringify(view.body)).toContain('hoa@example.com');
  // …and it is no proof: neither the old body nor a guessed key closes the item.
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .send({ contact: 'hoa@example.com', satisfied: true })
    .expect(422);
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', 'hoa@example.com')
    .send({ satisfied: true })
    .expect(403);
  await h.http
    .post(`/track/${code}/rating`)
    .type('form')
    .send({ contact: 'hoa@example.com', satisfied: 'yes' })
    .expect(403);
  expect((await h.deps.models.Submission.findById(id).lean())?.status).toBe('answered');
});

it('the key is never stored, only its hash; the link is on the receipt and in API answers', async () => {
  const res = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  const { residentKey, residentLink, trackingCode } = res.body;
  expect(residentKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(residentLink).toBe(`${h.baseUrl}/track/${trackingCode}/${residentKey}`);
  const raw = JSON.stringify(await h.deps.models.Submission.findById(res.body.id).lean());
  expect(raw).not.toContain(residentKey);
  expect(raw).toContain('residentKeyHash');

  const page = await h.http
    .post('/submit')
    .type('form')
    .send({
      kind: 'sentiment',
      title: 'Đèn đường tắt',
      body: 'Đèn đường ấp 3 tắt từ tuần trước.',
      categoryCode: 'traffic',
      jurisdictionCode: 'binh-duong-2018.bau-bang-moi',
      formKey: 'receipt-link-0001',
    })
    .expect(201);
  const link = page.text.match(/id="private-link" href="([^"]+)"/)?.[1];
  expect(link).toMatch(/\/track\/TD-[A-Z0-9-]+\/[A-Za-z0-9_-]{43}$/);
  await h.http.get(new URL(link!).pathname).expect(200);
});

it('finding 2: wrong proof and wrong status answer the same, and failures are limited per code', async () => {
  const { code, key } = await answered('limit@example.com');
  const other = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  const wrongKey = await h.http
    .post(`/api/v1/track/${code}/info`)
    .set('X-Resident-Key', other.body.residentKey)
    .send({ text: 'Thông tin thêm.' })
    .expect(403);
  const wrongStatus = await h.http
    .post(`/api/v1/track/${code}/info`)
    .set('X-Resident-Key', key)
    .send({ text: 'Thông tin thêm.' })
    .expect(403);
  const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
  expect(strip(wrongStatus.body)).toEqual(strip(wrongKey.body));
  const unknown = await h.http
    .post('/api/v1/track/TD-AAAA-AAAA/info')
    .set('X-Resident-Key', key)
    .send({ text: 'Thông tin thêm.' })
    .expect(403);
  expect(strip(unknown.body)).toEqual(strip(wrongKey.body));

  // Five refusals in the hour (RESIDENT_FAILURES_PER_HOUR): then even the right key waits.
  for (let i = 0; i < 3; i += 1)
    await h.http
      .post(`/api/v1/track/${code}/rating`)
      .set('X-Resident-Key', 'B'.repeat(43))
      .send({ satisfied: true })
      .expect(403);
  const throttled = await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', key)
    .send({ satisfied: true })
    .expect(429);
  expect(throttled.body.type).toMatch(/resident-throttled$/);
});

it('the resident withdraws an open petition; the reply link dies', async () => {
  const res = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  const { trackingCode: code, residentKey: key } = res.body;
  await h.mail.waitFor(() => h.mail.noticesOf(code).length > 0);
  const { token } = replyLink(h.mail.noticesOf(code)[0]!.text);
  await h.http
    .post(`/api/v1/track/${code}/withdraw`)
    .set('X-Resident-Key', key)
    .send({ reason: 'Đã được giải quyết tại địa phương.' })
    .expect(200, { trackingCode: code, status: 'withdrawn' });
  await h.http.get(`/api/v1/replies/${token}`).expect(410);
});

it('the resident sees, corrects and erases their personal data; the item stays', async () => {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(petition({ submitter: { name: 'Bình', email: 'binh@example.com' } }))
    .expect(201);
  const { trackingCode: code, residentKey: key, id } = res.body;
  const seen = await h.http
    .get(`/api/v1/track/${code}/personal-data`)
    .set('X-Resident-Key', key)
    .expect(200);
  expect(seen.headers['cache-control']).toBe('no-store');
  expect(seen.body).toMatchObject({ name: 'Bình', email: 'binh@example.com' });
  expect(seen.body.purpose).toContain('tiến trình và kết quả giải quyết');
  await h.http
    .patch(`/api/v1/track/${code}/personal-data`)
    .set('X-Resident-Key', key)
    .send({ phone: '0913 222 333' })
    .expect(200)
    .expect((r) => expect(r.body.phone).toBe('0913222333'));
  await h.http.delete(`/api/v1/track/${code}/personal-data`).set('X-Resident-Key', key).expect(204);
  const doc = await h.deps.models.Submission.findById(id).lean();
  expect(doc?.submitter).toEqual({});
  expect(doc?.contactErasedAt).toBeInstanceOf(Date);
  expect(doc?.title).toBeTruthy();
  expect(doc?.history.map((e) => e.action)).toEqual(
    expect.arrayContaining(['resident.corrected', 'resident.erased']),
  );
  const page = await h.http.get(`/track/${code}/${key}`).expect(200);
  expect(page.text).toContain('Thông tin liên hệ đã được xoá');
  expect(page.text).not.toContain('binh@example.com');
});
