import type { Deps } from '../deps';
import { localDate } from '../platform/clock';
import { CLOSED_STATUSES } from '../submissions/statuses';
import type { AdminDoc, DocLine, DocSection } from './documents';
import { carriedOver } from './compile';
import { COMPETENCES, type VoterPetition, type VoterSession, type Verdict } from './model';
import { COMPETENCE_LABEL } from './rows';

/** What the compiled report and the report-back pack are made of. */

export interface PetitionView {
  p: VoterPetition;
  category: string;
  places: string;
  agency?: string;
  status?: string;
  answer?: string;
  dueAt?: Date;
  overdue: boolean;
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  resolved: 'Đã giải quyết / Resolved',
  in_progress: 'Đang giải quyết / In progress',
  pending: 'Chưa giải quyết, tiếp tục theo dõi / Pending, keep monitoring',
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

export async function petitionViews(deps: Deps, list: VoterPetition[]): Promise<PetitionView[]> {
  const { models } = deps;
  const [cats, places, meetings, subs] = await Promise.all([
    models.Category.find().lean(),
    models.Jurisdiction.find(
      { code: { $in: [...new Set(list.flatMap((p) => p.sources.map((s) => s.communeCode)))] } },
      { code: 1, name: 1 },
    ).lean(),
    models.VoterMeeting.find(
      { _id: { $in: list.flatMap((p) => p.sources.map((s) => s.meetingId)) } },
      { date: 1 },
    ).lean(),
    models.Submission.find(
      { _id: { $in: list.flatMap((p) => (p.submissionId ? [p.submissionId] : [])) } },
      { status: 1, answer: 1, dueAt: 1, agencyCode: 1 },
    ).lean(),
  ]);
  const agencies = await models.Agency.find(
    { code: { $in: subs.flatMap((s) => (s.agencyCode ? [s.agencyCode] : [])) } },
    { code: 1, name: 1 },
  ).lean();
  const now = deps.clock.now();
  return list.map((p) => {
    const s = subs.find((x) => String(x._id) === String(p.submissionId));
    const answered = s ? s.status === 'answered' || s.status === 'closed' : false;
    return {
      p,
      category: cats.find((c) => c.code === p.categoryCode)?.name.vi ?? p.categoryCode,
      places: p.sources
        .map((src) => {
          const name = places.find((x) => x.code === src.communeCode)?.name ?? src.communeCode;
          const m = meetings.find((x) => String(x._id) === String(src.meetingId));
          return `${name}${m ? `, TXCT ${localDate(m.date)}` : ''}: ${src.voterCount} cử tri`;
        })
        .join('; '),
      ...(s?.agencyCode
        ? { agency: agencies.find((a) => a.code === s.agencyCode)?.name ?? s.agencyCode }
        : {}),
      ...(s ? { status: s.status } : {}),
      ...(s?.answer ? { answer: s.answer.text } : {}),
      ...(s?.dueAt ? { dueAt: s.dueAt } : {}),
      overdue: !!s?.dueAt && !answered && !CLOSED_STATUSES.includes(s.status) && s.dueAt < now,
    };
  });
}

/** By competence, then by field, numbered as in a report; each heading with its count. */
function grouped(
  views: PetitionView[],
  line: (v: PetitionView, n: number) => DocLine,
): DocSection[] {
  const out: DocSection[] = [];
  for (const c of COMPETENCES) {
    const mine = views.filter((v) => v.p.competence === c);
    if (mine.length === 0) continue;
    const fields = [...new Set(mine.map((v) => v.category))].sort();
    out.push({
      heading: `${ROMAN[out.length]}. Kiến nghị thuộc thẩm quyền ${COMPETENCE_LABEL[c].vi} (${COMPETENCE_LABEL[c].en}): ${mine.length} kiến nghị`,
      groups: fields.map((f, i) => {
        const inField = mine.filter((v) => v.category === f);
        return {
          heading: `${i + 1}. Lĩnh vực ${f}: ${inField.length} kiến nghị`,
          lines: inField.map((v, n) => line(v, n + 1)),
        };
      }),
    });
  }
  return out;
}

const BODY_NAME = (s: VoterSession, place: string) =>
  s.body === 'national-assembly'
    ? `Quốc hội${s.term ? ` khóa ${s.term}` : ''}`
    : `Hội đồng nhân dân ${place}${s.term ? ` khóa ${s.term}` : ''}`;

async function frame(deps: Deps, s: VoterSession, numberTag: string) {
  const place = await deps.reference.jurisdiction(s.jurisdictionCode);
  const name = place?.name ?? s.jurisdictionCode;
  const [y, m, d] = localDate(deps.clock.now()).split('-');
  const short = name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Huyện)\s+/u, '');
  return {
    name,
    issuer: ['ỦY BAN MTTQ VIỆT NAM', `${name.toUpperCase()}`] as [string, string],
    number: `Số: ${s.number}/${numberTag}-MTTQ`,
    placeDate: `${short}, ngày ${Number(d)} tháng ${Number(m)} năm ${y}`,
  };
}

export async function compiledReport(deps: Deps, s: VoterSession): Promise<AdminDoc> {
  const f = await frame(deps, s, 'BC');
  const [list, meetings, items, carried] = await Promise.all([
    deps.models.VoterPetition.find({ sessionId: s._id }).sort({ seq: 1 }).lean(),
    deps.models.VoterMeeting.find({ sessionId: s._id }, { attendees: 1, phase: 1 }).lean(),
    deps.models.VoterItem.countDocuments({ sessionId: s._id }),
    carriedOver(deps, s),
  ]);
  const views = await petitionViews(deps, list);
  const voters = list.reduce((n, p) => n + p.voterCount, 0);
  const sections = grouped(views, (v, n) => ({
    text: `${n}. ${v.p.text}`,
    meta: `${v.p.voterCount} cử tri — ${v.places}`,
  }));
  const old = await petitionViews(deps, carried);
  if (old.length)
    sections.push({
      heading: `${ROMAN[sections.length]}. Kiến nghị kỳ trước chưa giải quyết xong, tiếp tục theo dõi (carried over): ${old.length} kiến nghị`,
      groups: [
        {
          heading: 'Tiếp tục theo dõi',
          lines: old.map((v, n) => ({
            text: `${n + 1}. ${v.p.text}`,
            meta: `${v.agency ?? ''}${v.p.verdict ? `; ${VERDICT_LABEL[v.p.verdict.value]}` : ''}`,
            ...(v.overdue ? { alert: 'QUÁ HẠN / OVERDUE' } : {}),
          })),
        },
      ],
    });
  return {
    issuer: f.issuer,
    number: f.number,
    placeDate: f.placeDate,
    kind: 'BÁO CÁO',
    summary: `Tổng hợp ý kiến, kiến nghị của cử tri ${phaseWords(meetings.map((m) => m.phase))} kỳ họp thứ ${s.number}, ${BODY_NAME(s, f.name)}`,
    intro: [
      `Tổng số cuộc tiếp xúc cử tri: ${meetings.length}; lượt cử tri tham dự: ${meetings.reduce((n, m) => n + m.attendees, 0)}.`,
      `Tổng số ý kiến, kiến nghị ghi nhận: ${items}; tổng hợp thành ${list.length} kiến nghị (${voters} lượt cử tri).`,
      `Meetings: ${meetings.length}; items raised: ${items}; consolidated petitions: ${list.length}.`,
    ],
    sections,
    closing: ['Nơi nhận: Như trên; Lưu VT.'],
  };
}

function phaseWords(phases: string[]): string {
  const set = new Set(phases);
  if (set.size === 1) return set.has('before') ? 'trước' : 'sau';
  return 'trước và sau';
}

/** The petitions raised under `code` (a commune, or a node above communes). */
export async function reportBackViews(deps: Deps, s: VoterSession, code: string) {
  const under = await deps.models.Jurisdiction.find({ path: code }, { code: 1 }).lean();
  const list = await deps.models.VoterPetition.find({
    sessionId: s._id,
    'sources.communeCode': { $in: under.map((j) => j.code) },
  })
    .sort({ seq: 1 })
    .lean();
  return petitionViews(deps, list);
}

export async function reportBackPack(deps: Deps, s: VoterSession, code: string): Promise<AdminDoc> {
  const f = await frame(deps, s, 'TB');
  const place = await deps.reference.jurisdiction(code);
  const views = await reportBackViews(deps, s, code);
  const count = (v: Verdict) => views.filter((x) => x.p.verdict?.value === v).length;
  return {
    issuer: f.issuer,
    number: f.number,
    placeDate: f.placeDate,
    kind: 'THÔNG BÁO',
    summary: `Kết quả giải quyết, trả lời kiến nghị của cử tri ${place?.name ?? code} gửi tới kỳ họp thứ ${s.number}, ${BODY_NAME(s, f.name)}`,
    intro: [
      `Tổng số kiến nghị: ${views.length}; đã giải quyết: ${count('resolved')}; đang giải quyết: ${count('in_progress')}; chưa giải quyết: ${count('pending')}; quá hạn trả lời: ${views.filter((v) => v.overdue).length}.`,
      `Petitions: ${views.length}; resolved ${count('resolved')}, in progress ${count('in_progress')}, pending ${count('pending')}; overdue ${views.filter((v) => v.overdue).length}.`,
    ],
    sections: grouped(views, (v, n) => ({
      text: `${n}. ${v.p.text}`,
      meta: [
        v.agency && `Cơ quan: ${v.agency}`,
        `Trả lời: ${v.answer ?? 'chưa có / none yet'}`,
        v.p.verdict && `Đánh giá: ${VERDICT_LABEL[v.p.verdict.value]}`,
        v.dueAt && `Hạn: ${localDate(v.dueAt)}`,
      ]
        .filter(Boolean)
        .join('; '),
      ...(v.overdue ? { alert: 'QUÁ HẠN / OVERDUE' } : {}),
    })),
    closing: ['Mặt trận Tổ quốc thông báo để cử tri được biết.'],
  };
}
