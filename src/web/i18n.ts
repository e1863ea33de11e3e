import type { Request, Response } from 'express';
import type { FieldError } from '../platform/errors';

/** Vietnamese first; English on request (?lang=en, remembered in a cookie). */
export type Lang = 'vi' | 'en';

export function pickLang(req: Request, res: Response): Lang {
  const asked = req.query.lang;
  if (asked === 'vi' || asked === 'en') {
    res.cookie('lang', asked, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000 });
    return asked;
  }
  return req.cookies?.lang === 'en' ? 'en' : 'vi';
}

type Text = { vi: string; en: string };

export const statusLabel: Record<string, Text> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  needs_triage: { vi: 'Mặt trận đang xem xét', en: 'Being reviewed by the Front' },
  assigned: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Forwarded to the competent agency' },
  acknowledged: { vi: 'Cơ quan đã nhận', en: 'Acknowledged by the agency' },
  in_progress: { vi: 'Cơ quan đang giải quyết', en: 'Being handled by the agency' },
  awaiting_resident: { vi: 'Chờ người dân bổ sung', en: 'Waiting for the resident' },
  answered: { vi: 'Đã có trả lời', en: 'Answered' },
  reopened: {
    vi: 'Người dân chưa hài lòng, đang xem xét lại',
    en: 'Reopened: the resident was not satisfied',
  },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  rejected: { vi: 'Không tiếp nhận', en: 'Not accepted' },
  redirected: { vi: 'Hướng dẫn theo thủ tục khác', en: 'Directed to another procedure' },
  merged: { vi: 'Đã gộp với ý kiến trùng', en: 'Merged with a duplicate' },
  noted: { vi: 'Đã ghi nhận', en: 'Noted' },
  withdrawn: { vi: 'Người dân đã rút', en: 'Withdrawn by the resident' },
};

export const actionLabel: Record<string, Text> = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  'routing.assigned': { vi: 'Chuyển đến cơ quan có thẩm quyền', en: 'Forwarded to an agency' },
  'routing.unresolved': { vi: 'Chuyển Mặt trận phân loại', en: 'Passed to the Front for triage' },
  'agency.notified': { vi: 'Cơ quan đã được thông báo', en: 'Agency notified' },
  'agency.answered': { vi: 'Cơ quan trả lời', en: 'Agency answered' },
  'triage.classified': { vi: 'Phân loại', en: 'Classified' },
  'triage.assigned': { vi: 'Chuyển đến cơ quan có thẩm quyền', en: 'Forwarded to an agency' },
  'triage.rerouted': { vi: 'Chuyển lại cơ quan khác', en: 'Re-routed to another agency' },
  'triage.rejected': { vi: 'Không tiếp nhận', en: 'Not accepted' },
  'triage.redirected': { vi: 'Hướng dẫn theo thủ tục khác', en: 'Directed to another procedure' },
  'triage.merged': { vi: 'Gộp vào ý kiến trùng', en: 'Merged into a duplicate' },
  'triage.merged-in': { vi: 'Có thêm người cùng kiến nghị', en: 'Another resident joined' },
  'triage.noted': { vi: 'Ghi nhận', en: 'Noted' },
  'triage.converted': { vi: 'Chuyển thành kiến nghị', en: 'Turned into a petition' },
  'triage.topics': { vi: 'Phân loại theo chủ đề', en: 'Topics tagged' },
  'resident.supplied': { vi: 'Người dân bổ sung thông tin', en: 'Resident replied' },
  'agency.awaiting-resident': {
    vi: 'Cơ quan đề nghị bổ sung thông tin',
    en: 'Agency asked for information',
  },
  'resident.satisfied': { vi: 'Người dân hài lòng', en: 'Resident satisfied' },
  'resident.reopened': {
    vi: 'Người dân chưa hài lòng, mở lại',
    en: 'Resident not satisfied: reopened',
  },
  'resident.closed': { vi: 'Kết thúc (không có đánh giá)', en: 'Closed (no rating)' },
  'resident.withdrawn': { vi: 'Người dân rút kiến nghị', en: 'Withdrawn by the resident' },
  'resident.corrected': { vi: 'Người dân sửa thông tin liên hệ', en: 'Contact corrected' },
  'resident.erased': { vi: 'Đã xoá thông tin liên hệ', en: 'Contact data erased' },
  'agency.merged': { vi: 'Cơ quan được hợp nhất', en: 'Agency merged' },
  'agency.acknowledged': { vi: 'Cơ quan đã nhận kiến nghị', en: 'Agency acknowledged receipt' },
  'agency.progress': { vi: 'Cơ quan báo cáo tiến độ', en: 'Agency reported progress' },
  'agency.declined': {
    vi: 'Cơ quan báo không thuộc thẩm quyền',
    en: 'Agency declined (not competent)',
  },
  'agency.notified-again': { vi: 'Cơ quan được thông báo lại', en: 'Agency notified again' },
  'agency.email-failing': {
    vi: 'Không gửi được thư đến cơ quan',
    en: 'E-mail to the agency failed',
  },
  'reply-link.revoked': { vi: 'Thu hồi đường dẫn trả lời', en: 'Reply link revoked' },
  'reply-link.resent': { vi: 'Gửi lại đường dẫn trả lời', en: 'Reply link sent again' },
  'deadline.reminded': { vi: 'Nhắc cơ quan sắp đến hạn', en: 'Agency reminded of the deadline' },
  'deadline.overdue': { vi: 'Quá hạn trả lời', en: 'Answer overdue' },
  'deadline.escalated': { vi: 'Đề nghị cấp trên chỉ đạo', en: 'Escalated to the superior' },
  'deadline.extended': {
    vi: 'Gia hạn (thời gian chờ người dân)',
    en: 'Deadline extended (time waiting for the resident)',
  },
};

export const kindLabel: Record<string, Text> = {
  petition: { vi: 'Kiến nghị', en: 'Petition' },
  sentiment: { vi: 'Tâm tư, nguyện vọng', en: 'Sentiment' },
};

export function label(map: Record<string, Text>, key: string, lang: Lang): string {
  return map[key]?.[lang] ?? key;
}

/** Field names as people read them, for form errors. */
export const fieldLabel: Record<string, Text> = {
  kind: { vi: 'Loại', en: 'Kind' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  body: { vi: 'Nội dung', en: 'Details' },
  categoryCode: { vi: 'Lĩnh vực', en: 'Category' },
  jurisdictionCode: { vi: 'Địa bàn', en: 'Place' },
  'submitter.name': { vi: 'Họ và tên', en: 'Full name' },
  'submitter.email': { vi: 'Thư điện tử', en: 'E-mail' },
  'submitter.phone': { vi: 'Số điện thoại', en: 'Phone' },
  'submitter.notifyBy': { vi: 'Nhận thông báo qua', en: 'Keep me informed by' },
  submitter: { vi: 'Liên hệ', en: 'Contact' },
  text: { vi: 'Nội dung trả lời', en: 'Answer' },
  responderName: { vi: 'Người trả lời', en: 'Responder' },
  responderTitle: { vi: 'Chức vụ', en: 'Title' },
  expectedBy: { vi: 'Ngày dự kiến có trả lời', en: 'Answer expected by' },
  suggestedAgency: { vi: 'Cơ quan có thẩm quyền (đề xuất)', en: 'Competent agency (suggested)' },
  reason: { vi: 'Lý do', en: 'Reason' },
  satisfied: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
  attachments: { vi: 'Tệp đính kèm', en: 'Attachments' },
};

/** A field error as a resident or clerk reads it, from zod's issue code. */
export function fieldErrorText(e: FieldError, lang: Lang): string {
  const field = fieldLabel[e.path]?.[lang] ?? e.path;
  const vi = lang === 'vi';
  const missing = e.code === 'invalid_type' && /received undefined/.test(e.message);
  let what: string;
  if (missing || (e.code === 'too_small' && e.limit === 1)) what = vi ? 'cần điền' : 'is required';
  else if (e.code === 'too_small')
    what = vi ? `cần ít nhất ${e.limit} ký tự` : `needs at least ${e.limit} characters`;
  else if (e.code === 'too_big')
    what = vi ? `tối đa ${e.limit} ký tự` : `may have at most ${e.limit} characters`;
  else if (e.code === 'invalid_format' || e.code === 'invalid_string')
    what = vi ? 'không đúng định dạng' : 'is not in a valid format';
  else if (e.code === 'unknown') what = vi ? 'không có trong danh sách' : 'is not in the list';
  else if (e.path === 'submitter.notifyBy' && e.code === 'custom')
    what = vi
      ? 'cần điền thư điện tử hoặc số điện thoại tương ứng'
      : 'needs the matching e-mail address or phone number';
  else if (e.path === 'submitter' && e.code === 'custom')
    what = vi ? 'cần thư điện tử hoặc số điện thoại' : 'needs an e-mail address or a phone number';
  else what = vi ? 'không hợp lệ' : 'is not valid';
  return `${field}: ${what}`;
}
