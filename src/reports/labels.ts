/** Labels of the reports, Vietnamese first with the English alongside. */
export type Label = { vi: string; en: string };

export const L = {
  monthly: { vi: 'Báo cáo tháng', en: 'Monthly report' },
  wholeTree: { vi: 'Toàn hệ thống', en: 'Whole tree' },
  month: { vi: 'Tháng', en: 'Month' },
  jurisdiction: { vi: 'Địa bàn', en: 'Jurisdiction' },
  show: { vi: 'Xem', en: 'Show' },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  petitions: { vi: 'Kiến nghị', en: 'Petitions' },
  sentiments: { vi: 'Tâm tư, nguyện vọng', en: 'Sentiments' },
  routed: { vi: 'Đã chuyển cơ quan', en: 'Routed to agencies' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  onTime: { vi: 'Trả lời đúng hạn', en: 'Answered on time' },
  late: { vi: 'Trả lời quá hạn', en: 'Answered late' },
  onTimeShare: { vi: 'Tỷ lệ đúng hạn', en: 'On-time share' },
  medianDays: { vi: 'Trung vị số ngày trả lời (xấp xỉ)', en: 'Median days to answer (approx.)' },
  meanDays: { vi: 'Số ngày trả lời trung bình', en: 'Mean days to answer' },
  reopened: { vi: 'Mở lại (chưa hài lòng)', en: 'Reopened (not satisfied)' },
  reopenShare: { vi: 'Tỷ lệ mở lại', en: 'Reopen share' },
  rated: { vi: 'Được đánh giá', en: 'Rated' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  satisfactionShare: { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction share' },
  assigned: { vi: 'Được giao', en: 'Assigned' },
  openNow: { vi: 'Đang mở (hiện tại)', en: 'Open now' },
  overdueNow: { vi: 'Quá hạn (hiện tại)', en: 'Overdue now' },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  legalType: { vi: 'Loại pháp lý', en: 'Legal type' },
  channel: { vi: 'Kênh tiếp nhận', en: 'Channel' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  scorecard: { vi: 'Kết quả trả lời của các cơ quan', en: 'Agency scorecard' },
  topics: { vi: 'Chủ đề dư luận', en: 'Public-opinion topics' },
  topTopics: { vi: 'Chủ đề nhiều nhất', en: 'Top topics' },
  rising: { vi: 'Chủ đề tăng', en: 'Rising topics' },
  previous: { vi: 'Tháng trước', en: 'Previous month' },
  count: { vi: 'Số lượng', en: 'Count' },
  total: { vi: 'Tổng', en: 'Total' },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên', en: 'Name' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  status: { vi: 'Tình trạng', en: 'Status' },
  receivedAt: { vi: 'Ngày nhận', en: 'Received' },
  ageDays: { vi: 'Số ngày', en: 'Age (days)' },
  due: { vi: 'Hạn', en: 'Due' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  openList: { vi: 'Kiến nghị đang mở, cũ nhất trước', en: 'Petitions still open, oldest first' },
  none: { vi: 'Không có.', en: 'None.' },
  download: { vi: 'Tải về', en: 'Download' },
  notes: { vi: 'Cách tính', en: 'How it is counted' },
  measure: { vi: 'Chỉ tiêu', en: 'Measure' },
  value: { vi: 'Giá trị', en: 'Value' },
  section: { vi: 'Phần', en: 'Section' },
  chartCategory: { vi: 'Tiếp nhận theo lĩnh vực', en: 'Received by category' },
  chartOnTime: { vi: 'Tỷ lệ trả lời đúng hạn theo cơ quan', en: 'On-time share by agency' },
  byStatus: { vi: 'Theo tình trạng', en: 'By status' },
  topicsDetails: {
    vi: 'Chi tiết xu hướng: /api/v1/officer/trends',
    en: 'Trend details: /api/v1/officer/trends',
  },
  published: { vi: 'Câu trả lời được công khai', en: 'Published answers' },
  transparency: { vi: 'Công khai kết quả trả lời', en: 'Public transparency' },
  period: { vi: 'Thời kỳ', en: 'Period' },
  answeredOn: { vi: 'Ngày trả lời', en: 'Answered on' },
} satisfies Record<string, Label>;

export const LEGAL_LABELS: Record<string, Label> = {
  feedback: { vi: 'Phản ánh, kiến nghị', en: 'Feedback / petition' },
  complaint: { vi: 'Khiếu nại', en: 'Complaint' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciation' },
  unclassified: { vi: 'Chưa phân loại', en: 'Not classified' },
};

export const CHANNEL_LABELS: Record<string, Label> = {
  web: { vi: 'Trang web', en: 'Web' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
};

/** "Vietnamese (English)", for files. */
export function both(l: Label): string {
  return `${l.vi} (${l.en})`;
}

export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 1000) / 10}%`;
}
