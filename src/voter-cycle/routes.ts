import { Router, type Response } from 'express';
import type { Deps } from '../deps';
import { contentDisposition } from '../attachments';
import { guard, type OfficerRequest } from '../officers';
import { fail } from '../platform/domain-errors';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { who } from '../triage';
import { carriedOver, compileSession } from './compile';
import { toDocx, toPdf, type AdminDoc } from './documents';
import { forwardSession, recordVerdict } from './forward';
import { compiledReport } from './reports';
import { enterRows } from './rows';
import { forwardInput, meetingInput, rowsInput, sessionInput, verdictInput } from './schemas';
import {
  createMeeting,
  createSession,
  findMeeting,
  findSession,
  isId,
  listSessions,
  meetingJson,
  sessionJson,
  sessionMeetings,
} from './service';
import { petitionViews } from './reports';
import type { VoterPetition } from './model';
import { readWorkbook, templateWorkbook } from './xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function sendFile(res: Response, data: Buffer, type: string, name: string): void {
  res
    .status(200)
    .set({
      'Content-Type': type,
      'Content-Length': String(data.length),
      'Content-Disposition': contentDisposition(name),
      'X-Content-Type-Options': 'nosniff',
    })
    .end(data);
}

/** A document as DOCX or PDF, by the path's extension. */
export async function sendDocument(res: Response, doc: AdminDoc, base: string, ext: string) {
  if (ext === 'docx') return sendFile(res, await toDocx(doc), DOCX, `${base}.docx`);
  if (ext === 'pdf') return sendFile(res, await toPdf(doc), 'application/pdf', `${base}.pdf`);
  throw fail.notFound('document');
}

export async function sessionDetail(deps: Deps, s: Awaited<ReturnType<typeof findSession>>) {
  const [meetings, petitions, carried] = await Promise.all([
    sessionMeetings(deps, s._id),
    deps.models.VoterPetition.find({ sessionId: s._id }).sort({ seq: 1 }).lean(),
    carriedOver(deps, s),
  ]);
  const json = async (list: VoterPetition[]) =>
    (await petitionViews(deps, list)).map((v) => ({
      id: String(v.p._id),
      seq: v.p.seq,
      text: v.p.text,
      categoryCode: v.p.categoryCode,
      competence: v.p.competence,
      voterCount: v.p.voterCount,
      sources: v.p.sources.map((x) => ({
        meetingId: String(x.meetingId),
        communeCode: x.communeCode,
        voterCount: x.voterCount,
        items: x.itemIds.length,
      })),
      submissionId: v.p.submissionId ? String(v.p.submissionId) : null,
      agency: v.agency ?? null,
      status: v.status ?? null,
      answer: v.answer ?? null,
      dueAt: v.dueAt?.toISOString() ?? null,
      overdue: v.overdue,
      verdict: v.p.verdict?.value ?? null,
    }));
  return {
    ...sessionJson(s),
    meetings: meetings.map(meetingJson),
    petitions: await json(petitions),
    carriedOver: await json(carried),
  };
}

/** The officers' API of the voter-petition cycle. */
export function voterCycleRoutes(deps: Deps): Router {
  const router = Router();
  const access = 'officer' as const;
  const S = '/api/v1/officer/voter-sessions';
  const M = '/api/v1/officer/voter-meetings';
  const id = (req: OfficerRequest) => String(req.params.id);

  guard(router, { method: 'get', path: S, access }, async (req, res) => {
    res.json({ items: (await listSessions(deps, req.scope)).map(sessionJson) });
  });
  guard(router, { method: 'post', path: S, access }, async (req, res) => {
    const s = await createSession(deps, req.scope, parseInput(sessionInput, req.body));
    res.status(201).json(sessionJson(s));
  });
  guard(router, { method: 'get', path: `${S}/:id`, access }, async (req, res) => {
    res.json(await sessionDetail(deps, await findSession(deps, req.scope, id(req))));
  });
  guard(router, { method: 'post', path: `${S}/:id/meetings`, access }, async (req, res) => {
    const s = await findSession(deps, req.scope, id(req));
    const m = await createMeeting(deps, req.scope, s, parseInput(meetingInput, req.body));
    res.status(201).json(meetingJson(m));
  });
  guard(router, { method: 'post', path: `${S}/:id/compile`, access }, async (req, res) => {
    const s = await findSession(deps, req.scope, id(req));
    res.json(await compileSession(deps, s));
  });
  guard(router, { method: 'post', path: `${S}/:id/forward`, access }, async (req, res) => {
    const s = await findSession(deps, req.scope, id(req));
    const input = parseInput(forwardInput, req.body);
    res.json(await forwardSession(deps, who(req), s, input.agencies));
  });
  guard(router, { method: 'get', path: `${S}/:id/report.:ext`, access }, async (req, res) => {
    const s = await findSession(deps, req.scope, id(req));
    const doc = await compiledReport(deps, s);
    await sendDocument(res, doc, `bao-cao-kien-nghi-ky-hop-${s.number}`, String(req.params.ext));
  });

  guard(router, { method: 'get', path: `${M}/:id`, access }, async (req, res) => {
    const { meeting } = await findMeeting(deps, req.scope, id(req));
    const items = await deps.models.VoterItem.find({ meetingId: meeting._id })
      .sort({ createdAt: 1 })
      .lean();
    res.json({
      ...meetingJson(meeting),
      items: items.map((i) => ({
        id: String(i._id),
        text: i.text,
        categoryCode: i.categoryCode,
        competence: i.competence,
        communeCode: i.communeCode,
        voterCount: i.voterCount,
        via: i.via,
      })),
    });
  });
  guard(router, { method: 'post', path: `${M}/:id/rows`, access }, async (req, res) => {
    const { meeting } = await findMeeting(deps, req.scope, id(req));
    const { rows } = parseInput(rowsInput, req.body);
    const report = await enterRows(
      deps,
      meeting,
      rows.map((input, i) => ({ row: i + 1, input })),
      'api',
    );
    res.json(report);
  });
  const importInput = z.strictObject({ file: z.base64().max(60_000) });
  guard(router, { method: 'post', path: `${M}/:id/import`, access }, async (req, res) => {
    const { meeting } = await findMeeting(deps, req.scope, id(req));
    const { file } = parseInput(importInput, req.body);
    res.json(await importWorkbook(deps, meeting, Buffer.from(file, 'base64')));
  });
  guard(
    router,
    { method: 'get', path: '/api/v1/officer/voter-templates/petitions.xlsx', access },
    async (_req, res) => {
      const cats = await deps.models.Category.find().lean();
      sendFile(res, await templateWorkbook(cats), XLSX, 'mau-nhap-kien-nghi-cu-tri.xlsx');
    },
  );
  guard(
    router,
    { method: 'post', path: '/api/v1/officer/voter-petitions/:id/verdict', access },
    async (req, res) => {
      const p = isId(id(req)) ? await deps.models.VoterPetition.findById(id(req)).lean() : null;
      if (!p) throw fail.notFound('petition');
      await findSession(deps, req.scope, String(p.sessionId));
      const input = parseInput(verdictInput, req.body);
      await recordVerdict(deps, who(req), p, input.verdict, input.note);
      res.json({ id: String(p._id), verdict: input.verdict });
    },
  );
  return router;
}

/** Reads a spreadsheet and enters its rows; an unreadable file is one refusal. */
export async function importWorkbook(
  deps: Deps,
  meeting: Awaited<ReturnType<typeof findMeeting>>['meeting'],
  data: Buffer,
) {
  let rows: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    rows = await readWorkbook(data);
  } catch {
    throw fail.validation([{ path: 'file', message: 'not an XLSX workbook', code: 'invalid' }]);
  }
  return enterRows(deps, meeting, rows, 'xlsx');
}
