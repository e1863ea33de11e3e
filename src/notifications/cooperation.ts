import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { formatDate } from '../platform/clock';
import { html } from '../platform/html';
import { deliverOnce } from './deliver';

/**
 * A cooperating agency hears that a petition was assigned to a lead agency with
 * its cooperation: what it is about, who leads, by when. It gets no reply link:
 * the lead agency answers. Sent once per assignment and agency.
 */
export async function sendCooperationNotice(
  deps: Deps,
  submissionId: Types.ObjectId,
  assignmentId: string,
  agencyCode: string,
) {
  const [s, a, agency] = await Promise.all([
    deps.models.Submission.findById(submissionId).lean(),
    deps.models.Assignment.findById(assignmentId).lean(),
    deps.models.Agency.findOne({ code: agencyCode, active: true }).lean(),
  ]);
  if (!s || !a || !agency) return;
  const lead = await deps.models.Agency.findOne({ code: a.agencyCode }).lean();
  const leadName = lead?.name ?? a.agencyCode;
  const due = formatDate(a.dueAt, 'vi');
  const text = `Kính gửi ${agency.name},

Ban Thường trực Ủy ban MTTQ Việt Nam đề nghị Quý cơ quan phối hợp với ${leadName} (cơ quan chủ trì) giải quyết kiến nghị sau, hạn trả lời ${due}:

Mã: ${s.trackingCode}
Tiêu đề: ${s.title}

${s.body}

Cơ quan chủ trì sẽ trả lời người dân.

---

To ${agency.name}: please cooperate with ${leadName}, the lead agency, on petition ${s.trackingCode} (due ${formatDate(a.dueAt, 'en')}). The lead agency answers the resident.
`;
  const body = html`<p>Kính gửi ${agency.name},</p>
    <p>
      Ban Thường trực Ủy ban MTTQ Việt Nam đề nghị Quý cơ quan phối hợp với <b>${leadName}</b> (cơ
      quan chủ trì) giải quyết kiến nghị sau, hạn trả lời ${due}:
    </p>
    <p><b>${s.trackingCode}</b> — ${s.title}</p>
    <p style="white-space:pre-wrap;background:#f6f6f6;padding:8px">${s.body}</p>
    <p>Cơ quan chủ trì sẽ trả lời người dân.</p>
    <hr />
    <p lang="en" style="color:#444">
      Please cooperate with ${leadName}, the lead agency, on petition ${s.trackingCode}. The lead
      agency answers the resident.
    </p>`;
  await deliverOnce(
    deps,
    `agency-info:${assignmentId}:${agencyCode}`,
    'agency-info',
    s._id,
    async () => ({
      to: agency.email,
      subject: `[Tiếng Dân] Đề nghị phối hợp / Please cooperate — ${s.trackingCode}`,
      text,
      html: `<!doctype html><html><body style="font-family:Arial,sans-serif;max-width:40rem">${body.value}</body></html>`,
    }),
  );
}
