/** The texts of the resident's pages (form, receipt, tracking), Vietnamese and English. */
export const T = {
  formTitle: { vi: 'Gửi kiến nghị, phản ánh', en: 'Submit a petition or a sentiment' },
  intro: {
    vi: 'Kiến nghị sẽ được chuyển đến cơ quan có thẩm quyền để trả lời. Tâm tư, nguyện vọng giúp Mặt trận nắm bắt dư luận và có thể gửi ẩn danh.',
    en: 'A petition is forwarded to the competent agency for an answer. A sentiment helps the Front follow public opinion and may be anonymous.',
  },
  errors: {
    vi: 'Chưa gửi được. Vui lòng sửa các mục sau:',
    en: 'Not sent yet. Please correct the following:',
  },
  send: { vi: 'Gửi', en: 'Send' },
  contactHint: {
    vi: 'Kiến nghị cần họ tên và thư điện tử hoặc số điện thoại. Thông tin liên hệ không được công khai.',
    en: 'A petition needs a name and an e-mail or phone. Contact details are never published.',
  },
  share: {
    vi: 'Đồng ý cho cơ quan trả lời xem thông tin liên hệ của tôi',
    en: 'Let the answering agency see my contact details',
  },
  notifyBy: { vi: 'Nhận thông báo qua', en: 'Keep me informed by' },
  byEmail: { vi: 'Qua thư điện tử', en: 'By e-mail' },
  bySms: { vi: 'Qua tin nhắn SMS', en: 'By text message (SMS)' },
  byNone: { vi: 'Không nhận thông báo', en: 'No messages' },
  notifyHint: {
    vi: 'Nếu không chọn: gửi qua thư điện tử nếu có, nếu không thì qua SMS.',
    en: 'If you choose nothing: by e-mail when given, otherwise by SMS.',
  },
  titleHint: { vi: 'Từ 5 đến 200 ký tự.', en: '5 to 200 characters.' },
  bodyHint: {
    vi: 'Từ 10 đến {max} ký tự. Xin ghi rõ sự việc, địa điểm, thời gian.',
    en: '10 to {max} characters. Please say what happened, where and when.',
  },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  thanks: { vi: 'Đã tiếp nhận ý kiến của ông/bà', en: 'We have received your submission' },
  keepCode: {
    vi: 'Xin giữ mã tra cứu này để theo dõi kết quả:',
    en: 'Keep this tracking code to follow what happens:',
  },
  nextTitle: { vi: 'Các bước tiếp theo', en: 'What happens next' },
  nextPetition: {
    vi: 'Kiến nghị được chuyển ngay đến cơ quan có thẩm quyền; nếu chưa rõ cơ quan nào, Ủy ban Mặt trận Tổ quốc xem xét và chuyển trong vòng 3 ngày làm việc.',
    en: 'The petition goes straight to the competent agency; when it is not clear which one, the Fatherland Front committee decides within 3 working days.',
  },
  dueBy: {
    vi: 'Cơ quan phải trả lời trong {days} ngày làm việc, dự kiến trước ngày {date}.',
    en: 'The agency must answer within {days} working days: expected by {date}.',
  },
  nextSentiment: {
    vi: 'Ý kiến được Ủy ban Mặt trận Tổ quốc tổng hợp, phản ánh đến cấp có thẩm quyền và báo cáo tại các kỳ tiếp xúc cử tri.',
    en: 'The Fatherland Front committee gathers it with others, passes it on to the authorities and reports it at voters’ meetings.',
  },
  toldBy: {
    email: {
      vi: 'Ông/bà sẽ nhận thông báo qua thư điện tử ở mỗi bước.',
      en: 'You will be told of every step by e-mail.',
    },
    sms: {
      vi: 'Ông/bà sẽ nhận thông báo qua tin nhắn SMS ở mỗi bước.',
      en: 'You will be told of every step by text message.',
    },
    none: {
      vi: 'Ông/bà đã chọn không nhận thông báo: hãy tra cứu bằng mã trên.',
      en: 'You chose no messages: follow it with the code above.',
    },
  },
  trackIt: { vi: 'Xem tình trạng', en: 'See its status' },
  privateLinkHint: {
    vi: 'Đường liên kết riêng của ông/bà: chỉ đường liên kết này cho phép đánh giá câu trả lời, bổ sung thông tin, rút kiến nghị, xem, sửa hoặc xoá thông tin cá nhân. Hãy giữ kín; chúng tôi cũng gửi nó trong thư báo.',
    en: 'Your private link: only this link lets you rate the answer, reply to the agency, withdraw, and see, correct or erase your personal data. Keep it private; we also send it in our messages.',
  },
  lookupTitle: { vi: 'Tra cứu kết quả', en: 'Track a submission' },
  codeLabel: { vi: 'Mã tra cứu', en: 'Tracking code' },
  codeHint: {
    vi: 'Mã có dạng TD-XXXX-XXXX, in trên giấy biên nhận và trong thông báo.',
    en: 'It looks like TD-XXXX-XXXX, on your receipt and in our messages.',
  },
  notFound: {
    vi: 'Không tìm thấy mã tra cứu này. Hãy kiểm tra lại mã (ví dụ TD-7K4M-9QXP).',
    en: 'No submission has this tracking code. Check the code (e.g. TD-7K4M-9QXP).',
  },
  find: { vi: 'Tra cứu', en: 'Find' },
  status: { vi: 'Tình trạng', en: 'Status' },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  place: { vi: 'Địa bàn', en: 'Place' },
  submitted: { vi: 'Ngày gửi', en: 'Submitted' },
  agency: { vi: 'Cơ quan giải quyết', en: 'Answering agency' },
  due: { vi: 'Hạn trả lời', en: 'Answer due by' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  history: { vi: 'Quá trình xử lý', en: 'History' },
  when: { vi: 'Thời gian', en: 'When' },
  what: { vi: 'Nội dung', en: 'What' },
  by: { vi: 'Bởi', en: 'By' },
} as const;
