/** The words of the officers' triage pages, Vietnamese and English. */
export const T = {
  inbox: { vi: 'Hộp thư phân loại', en: 'Triage inbox' },
  search: {
    vi: 'Tìm theo nội dung hoặc mã (không cần dấu)',
    en: 'Search words or a code (accents optional)',
  },
  all: { vi: 'Tất cả', en: 'All' },
  filter: { vi: 'Lọc', en: 'Filter' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  newest: { vi: 'Mới nhất', en: 'Newest' },
  oldest: { vi: 'Cũ nhất', en: 'Oldest' },
  due: { vi: 'Sắp đến hạn', en: 'Due soonest' },
  next: { vi: 'Trang sau →', en: 'Next page →' },
  none: { vi: 'Không có mục nào.', en: 'Nothing here.' },
  code: { vi: 'Mã', en: 'Code' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  status: { vi: 'Tình trạng', en: 'Status' },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  place: { vi: 'Địa bàn', en: 'Place' },
  received: { vi: 'Ngày nhận', en: 'Received' },
  dueBy: { vi: 'Hạn', en: 'Due' },
  supporters: { vi: 'Số người', en: 'Residents' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  kind: { vi: 'Loại', en: 'Kind' },
  withSelected: { vi: 'Với các mục đã chọn', en: 'With the selected items' },
  apply: { vi: 'Thực hiện', en: 'Apply' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  cooperating: { vi: 'Cơ quan phối hợp', en: 'Cooperating agencies' },
  assign: { vi: 'Chuyển cơ quan', en: 'Assign to agency' },
  reject: { vi: 'Không tiếp nhận', en: 'Reject' },
  reason: { vi: 'Lý do', en: 'Reason' },
  message: { vi: 'Lời nhắn cho người dân', en: 'Message to the resident' },
  note: { vi: 'Ghi chú nội bộ', en: 'Internal note' },
  addNote: { vi: 'Thêm ghi chú', en: 'Add note' },
  markNoted: { vi: 'Đánh dấu đã ghi nhận', en: 'Mark as noted' },
  convert: { vi: 'Chuyển thành kiến nghị', en: 'Turn into a petition' },
  classify: { vi: 'Phân loại', en: 'Classify' },
  legalType: { vi: 'Loại pháp lý', en: 'Legal type' },
  merge: { vi: 'Gộp các mục trùng vào mục này', en: 'Merge the duplicates into this one' },
  duplicates: { vi: 'Có thể trùng', en: 'Possible duplicates' },
  score: { vi: 'Độ giống', en: 'Similarity' },
  history: { vi: 'Quá trình xử lý', en: 'History' },
  notes: {
    vi: 'Ghi chú nội bộ (không hiển thị cho người dân, cơ quan)',
    en: 'Internal notes (never shown to residents or agencies)',
  },
  contact: { vi: 'Người gửi', en: 'Submitted by' },
  anonymous: { vi: 'Ẩn danh', en: 'Anonymous' },
  done: { vi: 'Đã thực hiện.', en: 'Done.' },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  doneAssign: { vi: 'Đã chuyển kiến nghị đến {agency}.', en: 'Forwarded to {agency}.' },
  doneClassify: { vi: 'Đã lưu phân loại.', en: 'Classification saved.' },
  doneReject: {
    vi: 'Đã không tiếp nhận và báo lý do cho người dân.',
    en: 'Not accepted; the resident was told why.',
  },
  doneMerge: {
    vi: 'Đã gộp các ý kiến trùng; người gửi được báo.',
    en: 'Duplicates merged; their senders were told.',
  },
  doneNotes: { vi: 'Đã thêm ghi chú nội bộ.', en: 'Internal note added.' },
  doneConvert: {
    vi: 'Đã chuyển thành kiến nghị; hãy chọn cơ quan giải quyết.',
    en: 'Turned into a petition; now choose the agency.',
  },
  doneNoted: {
    vi: 'Đã ghi nhận ý kiến; người dân được báo.',
    en: 'Taken into account; the resident was told.',
  },
  back: { vi: '← Hộp thư', en: '← Inbox' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  bulkResult: { vi: 'Kết quả', en: 'Result' },
} as const;

export const LEGAL: Record<string, { vi: string; en: string }> = {
  feedback: { vi: 'Phản ánh, kiến nghị', en: 'Feedback / petition' },
  complaint: { vi: 'Khiếu nại', en: 'Complaint' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciation' },
};

/** The officers' pages: the inbox and an item with its actions. No JavaScript. */

/** The reasons for not accepting an item, as officers read them. */
export const REJECT_REASON_LABEL: Record<string, { vi: string; en: string }> = {
  'insufficient-information': { vi: 'Thiếu thông tin', en: 'Not enough information' },
  'not-actionable': { vi: 'Không có nội dung cần giải quyết', en: 'Nothing to act on' },
  'out-of-jurisdiction': { vi: 'Không thuộc địa bàn', en: 'Outside our area' },
  'already-answered': { vi: 'Đã được trả lời trước đây', en: 'Already answered' },
  abusive: { vi: 'Nội dung xúc phạm', en: 'Abusive content' },
};
