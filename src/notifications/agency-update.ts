import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { html } from '../platform/html';
import { deliverOnce } from './deliver';

/**
 * Tells the agency now handling a petition about one history entry — for now,
 * the resident's reply to its question. Keyed by the entry: sent once.
 */
export async function sendAgencyUpdate(deps: Deps, submissionId: Types.ObjectId, entry: string) {
  const s = await deps.models.Submission.findById(submissionId).lean();
  const h = s?.history.find((e) => e.id === entry);
  if (!s || !h || !s.agencyCode) return;
  const agency = await deps.models.Agency.findOne({ code: s.agencyCode }).lean();
  if (!agency) return;
  const note = h.note ?? '';
  const text = `Kính gửi ${agency.name},

Người dân đã bổ sung thông tin cho kiến nghị "${s.title}" (mã ${s.trackingCode}):

${note}

Thời hạn trả lời tiếp tục tính. Vui lòng dùng đường dẫn trong thư trước để trả lời.

---

The resident replied to your question on petition ${s.trackingCode} (above). The deadline runs again; please answer through the link in the earlier e-mail.
`;
  const body = html`<p>Kính gửi ${agency.name},</p>
    <p>Người dân đã bổ sung thông tin cho kiến nghị “${s.title}” (mã <b>${s.trackingCode}</b>):</p>
    <blockquote style="white-space:pre-wrap">${note}</blockquote>
    <p>Thời hạn trả lời tiếp tục tính. Vui lòng dùng đường dẫn trong thư trước để trả lời.</p>
    <hr />
    <p lang="en" style="color:#444">
      The resident replied to your question (above). The deadline runs again; please answer through
      the link in the earlier e-mail.
    </p>`;
  await deliverOnce(deps, `agency-update:${s._id}:${entry}`, 'agency-update', s._id, async () => ({
    to: agency.email,
    subject: `[Tiếng Dân] Người dân đã bổ sung thông tin / The resident replied — ${s.trackingCode}`,
    text,
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;max-width:40rem">${body.value}</body></html>`,
  }));
}
