import ExcelJS from 'exceljs';
import { bytes, docxText, flat, pdfText } from '../helpers/documents';
import { eventually, replyLink, signedIn, startHarness, type Harness } from '../helpers/harness';
import { row, workbook } from '../helpers/voters';

/*
 * The whole voter-petition cycle: a session of the National Assembly, two
 * voter-contact meetings, 30 petitions (15 typed, 15 imported from the template
 * with 3 bad rows refused), compiled into 6 consolidated petitions with their
 * sources, the compiled report as DOCX and PDF, forwarding with the 60-day period,
 * answers, verdicts, the next session's carried-over list and the report-back pack.
 */
let h: Harness;
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness({ clock });
}, 120_000);
afterAll(async () => {
  await h.close();
});

it('runs a session from meetings to the report-back pack', async () => {
  const { agent, csrf } = await signedIn(h, {
    email: 'tonghop@mttq.example',
    role: 'officer',
    jurisdictionCode: 'minh-hoa',
  });
  const post = (path: string, body: unknown) =>
    agent
      .post(path)
      .set('x-csrf-token', csrf)
      .send(body as object);

  const session = await post('/api/v1/officer/voter-sessions', {
    body: 'national-assembly',
    jurisdictionCode: 'minh-hoa',
    number: 9,
    term: 'XV',
    opensOn: '2026-12-20',
    closesOn: '2026-12-30',
  }).expect(201);
  const sid = session.body.id as string;
  const meeting = (jurisdictionCode: string, place: string) =>
    post(`/api/v1/officer/voter-sessions/${sid}/meetings`, {
      phase: 'before',
      date: '2026-12-05',
      place,
      jurisdictionCode,
      deputies: ['Nguyễn Thị Hạnh', 'Lê Văn Tâm'],
      attendees: 120,
    }).expect(201);
  const m1 = (await meeting('minh-hoa.tan-phu', 'Hội trường UBND xã Tân Phú')).body.id as string;
  const m2 = (await meeting('minh-hoa.hoa-loi', 'Nhà văn hóa ấp Hai, xã Hòa Lợi')).body
    .id as string;

  // 15 typed on the multi-row entry (its API twin).
  const typed = [
    ...[0, 1, 2, 3, 4, 5].flatMap((t) => [0, 1].map((w) => row(t, w, 'minh-hoa.tan-phu'))),
    ...[0, 1, 2].map((t) => row(t, 2, 'minh-hoa.tan-phu')),
  ];
  const entered = await post(`/api/v1/officer/voter-meetings/${m1}/rows`, { rows: typed }).expect(
    200,
  );
  expect(entered.body).toMatchObject({ accepted: 15, duplicates: 0, refused: 0 });

  // The published template, then 15 good rows and 3 bad ones imported from it.
  const template = await agent
    .get('/api/v1/officer/voter-templates/petitions.xlsx')
    .buffer(true)
    .parse(bytes)
    .expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.body as ArrayBuffer);
  expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('Nội dung kiến nghị / Petition');

  const good = [
    ...[0, 1, 2, 3, 4, 5].flatMap((t) => [2, 3].map((w) => row(t, w, 'Xã Hòa Lợi'))),
    ...[3, 4, 5].map((t) => row(t, 4, 'Xã Hòa Lợi')),
  ];
  const bad = [
    { ...row(0, 4, 'Xã Hòa Lợi'), category: 'Thiên văn học' },
    { ...row(1, 4, 'Xã Hòa Lợi'), text: '' },
    { ...row(2, 4, 'Xã Hòa Lợi'), voterCount: 'mười' },
  ];
  const file = await workbook([...good.slice(0, 7), ...bad, ...good.slice(7)]);
  const imported = await post(`/api/v1/officer/voter-meetings/${m2}/import`, {
    file: file.toString('base64'),
  }).expect(200);
  expect(imported.body).toMatchObject({ accepted: 15, duplicates: 0, refused: 3 });
  const refused = imported.body.rows.filter((r: { status: string }) => r.status === 'refused');
  // Spreadsheet rows: heading is 1, so the 8th, 9th and 10th data rows are 9–11.
  expect(refused.map((r: { row: number }) => r.row)).toEqual([9, 10, 11]);
  expect(refused[0].reasons.join()).toContain('category');
  expect(refused[1].reasons.join()).toContain('text');
  expect(refused[2].reasons.join()).toContain('voterCount');
  expect(await h.deps.models.VoterItem.countDocuments({ sessionId: sid })).toBe(30);

  // Importing the same file again stores nothing new.
  const again = await post(`/api/v1/officer/voter-meetings/${m2}/import`, {
    file: file.toString('base64'),
  }).expect(200);
  expect(again.body).toMatchObject({ accepted: 0, duplicates: 15, refused: 3 });
  expect(await h.deps.models.VoterItem.countDocuments({ sessionId: sid })).toBe(30);

  // Compilation: six matters, each from both meetings, with their voters.
  const compiled = await post(`/api/v1/officer/voter-sessions/${sid}/compile`, {}).expect(200);
  expect(compiled.body).toEqual({ petitions: 6, placed: 30 });
  const detail = (await agent.get(`/api/v1/officer/voter-sessions/${sid}`).expect(200)).body;
  expect(detail.meetings).toHaveLength(2);
  expect(detail.petitions).toHaveLength(6);
  for (const p of detail.petitions) {
    expect(p.sources.map((s: { communeCode: string }) => s.communeCode).sort()).toEqual([
      'minh-hoa.hoa-loi',
      'minh-hoa.tan-phu',
    ]);
    expect(p.sources.reduce((n: number, s: { items: number }) => n + s.items, 0)).toBe(5);
    expect(p.voterCount).toBe(
      p.sources.reduce((n: number, s: { voterCount: number }) => n + s.voterCount, 0),
    );
  }
  expect(detail.petitions.map((p: { competence: string }) => p.competence).sort()).toEqual([
    'central',
    'commune',
    'province',
    'province',
    'province',
    'province',
  ]);
  const totalVoters = detail.petitions.reduce(
    (n: number, p: { voterCount: number }) => n + p.voterCount,
    0,
  );

  // The compiled report, opened by parsers.
  const download = async (path: string) =>
    (await agent.get(path).buffer(true).parse(bytes).expect(200)).body as Buffer;
  const docx = flat(
    await docxText(await download(`/api/v1/officer/voter-sessions/${sid}/report.docx`)),
  );
  const pdf = flat(
    await pdfText(await download(`/api/v1/officer/voter-sessions/${sid}/report.pdf`)),
  );
  for (const text of [docx, pdf]) {
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('ỦY BAN MTTQ VIỆT NAM');
    expect(text).toContain('TỈNH MINH HÒA');
    expect(text).toContain('Số: 9/BC-MTTQ');
    expect(text).toMatch(/Minh Hòa, ngày \d+ tháng \d+ năm 2026/);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('trước kỳ họp thứ 9, Quốc hội khóa XV');
    expect(text).toContain('Tổng số cuộc tiếp xúc cử tri: 2; lượt cử tri tham dự: 240.');
    expect(text).toContain(
      `Tổng số ý kiến, kiến nghị ghi nhận: 30; tổng hợp thành 6 kiến nghị (${totalVoters} lượt cử tri).`,
    );
    expect(text).toContain('I. Kiến nghị thuộc thẩm quyền Trung ương (Central): 1 kiến nghị');
    expect(text).toContain('II. Kiến nghị thuộc thẩm quyền Tỉnh (Province): 4 kiến nghị');
    expect(text).toContain('III. Kiến nghị thuộc thẩm quyền Xã, phường (Commune): 1 kiến nghị');
    expect(text).toContain('Lĩnh vực Giao thông, vận tải: 1 kiến nghị');
    for (const p of detail.petitions) {
      expect(text).toContain(p.text);
      expect(text).toContain(`${p.voterCount} cử tri`);
    }
  }

  // Forwarding: the routing rules pick agencies, except for social policy.
  const social = detail.petitions.find(
    (p: { categoryCode: string }) => p.categoryCode === 'social-policy',
  );
  await post(`/api/v1/officer/voter-sessions/${sid}/forward`, {
    agencies: { [social.id]: 'mh-ubnd' },
  }).expect(200);
  const subs = await eventually(async () => {
    const list = await h.deps.models.Submission.find({ source: 'na-delegation' }).lean();
    return list.length === 6 && list.every((s) => s.status === 'assigned') ? list : null;
  });
  for (const s of subs) {
    // 60 calendar days for petitions forwarded by the National Assembly.
    expect((s.dueAt!.getTime() - s.createdAt.getTime()) / DAY).toBeGreaterThanOrEqual(59);
    expect(s.supporterCount).toBeGreaterThanOrEqual(5);
  }
  await h.mail.waitFor(() => subs.every((s) => h.mail.about(s.trackingCode).length >= 1));

  // Five agencies answer through their reply links; the water company does not.
  const water = detail.petitions.find(
    (p: { categoryCode: string }) => p.categoryCode === 'utilities',
  );
  const bySub = new Map(detail.petitions.map((p: { id: string }) => [p.id, p]));
  const petitions = await h.deps.models.VoterPetition.find({ sessionId: sid }).lean();
  for (const p of petitions) {
    if (String(p._id) === water.id) continue;
    const s = subs.find((x) => String(x._id) === String(p.submissionId))!;
    const { token } = replyLink(h.mail.about(s.trackingCode)[0]!.text);
    await h.http
      .post(`/api/v1/replies/${token}`)
      .send({
        text: `Trả lời kiến nghị số ${p.seq}: đã có kế hoạch thực hiện.`,
        responderName: 'Văn thư',
      })
      .expect(201);
  }
  expect(bySub.size).toBe(6);

  // Verdicts: three resolved, one in progress, two pending (the unanswered one too).
  const ordered = petitions.filter((p) => String(p._id) !== water.id);
  const verdicts = ['resolved', 'resolved', 'resolved', 'in_progress', 'pending'];
  for (const [i, p] of ordered.entries())
    await post(`/api/v1/officer/voter-petitions/${p._id}/verdict`, { verdict: verdicts[i] }).expect(
      200,
    );
  await post(`/api/v1/officer/voter-petitions/${water.id}/verdict`, {
    verdict: 'pending',
    note: 'Chưa có trả lời',
  }).expect(200);

  // 70 days on: the next session lists what is not resolved, the unanswered one overdue.
  offsetMs = 70 * DAY;
  const next = await post('/api/v1/officer/voter-sessions', {
    body: 'national-assembly',
    jurisdictionCode: 'minh-hoa',
    number: 10,
    term: 'XV',
    opensOn: '2027-05-20',
    closesOn: '2027-06-20',
  }).expect(201);
  const nextDetail = (await agent.get(`/api/v1/officer/voter-sessions/${next.body.id}`).expect(200))
    .body;
  expect(nextDetail.carriedOver.map((p: { id: string }) => p.id).sort()).toEqual(
    [String(ordered[3]!._id), String(ordered[4]!._id), water.id].sort(),
  );
  expect(nextDetail.carriedOver.find((p: { id: string }) => p.id === water.id).overdue).toBe(true);
  const nextReport = flat(
    await docxText(await download(`/api/v1/officer/voter-sessions/${next.body.id}/report.docx`)),
  );
  expect(nextReport).toContain(
    'chưa giải quyết xong, tiếp tục theo dõi (carried over): 3 kiến nghị',
  );
  expect(nextReport).toContain(water.text);

  // The report-back pack for Tân Phú: public page, DOCX and PDF.
  const page = await h.http.get(`/voters/report-back/${sid}/minh-hoa.tan-phu`).expect(200);
  expect(page.text).toContain('Xã Tân Phú');
  expect(page.text).toContain('QUÁ HẠN');
  expect(page.text).not.toContain('tonghop@mttq.example');
  const packDocx = flat(
    await docxText(await download(`/voters/report-back/${sid}/minh-hoa.tan-phu/pack.docx`)),
  );
  const packPdf = flat(
    await pdfText(await download(`/voters/report-back/${sid}/minh-hoa.tan-phu/pack.pdf`)),
  );
  for (const text of [packDocx, packPdf]) {
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain(
      'Tổng số kiến nghị: 6; đã giải quyết: 3; đang giải quyết: 1; chưa giải quyết: 2; quá hạn trả lời: 1.',
    );
    for (const p of petitions) {
      expect(text).toContain(p.text);
      if (String(p._id) !== water.id) expect(text).toContain(`Trả lời kiến nghị số ${p.seq}`);
    }
    expect(text).toContain('QUÁ HẠN / OVERDUE');
  }
}, 180_000);
