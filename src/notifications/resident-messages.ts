import { formatDate, formatDateTime } from '../platform/clock';
import { html, type SafeHtml } from '../platform/html';
import type { OutgoingMail } from '../platform/mail';

/**
 * Every message to a resident, in the resident's own language only (the one of
 * the page they submitted from): e-mail (subject, text, HTML) and SMS. Residents
 * are "ông/bà", the sender is the Front committee of their place, named.
 */
export type Lang = 'vi' | 'en';

export interface ResidentMessage {
  subject: string;
  /** Paragraphs; user text inside is plain (escaped in the HTML part). */
  paragraphs: string[];
  /** A quoted block (the agency's answer, the officer's message). */
  quote?: string;
  /** The link to follow, with its words. */
  link: { url: string; text: string };
  /** The SMS: short, with the code and the link. */
  sms: string;
}

export interface Context {
  lang: Lang;
  name?: string;
  code: string;
  title: string;
  /** "Ủy ban MTTQ Việt Nam xã Lai Hưng". */
  committee: string;
  trackUrl: string;
}

const C = {
  vi: {
    dear: (name?: string) => (name ? `Kính gửi ông/bà ${name},` : 'Kính gửi ông/bà,'),
    sign: (committee: string) => `Trân trọng,\nBan Thường trực ${committee}`,
    see: 'Xem tình trạng và quá trình xử lý',
    item: (c: Context) => `“${c.title}” (mã ${c.code})`,
  },
  en: {
    dear: (name?: string) => (name ? `Dear ${name},` : 'Dear Sir or Madam,'),
    sign: (committee: string) => `Yours faithfully,\nThe Standing Committee, ${committee}`,
    see: 'See its status and history',
    item: (c: Context) => `“${c.title}” (code ${c.code})`,
  },
} as const;

export type ReceiptNext =
  | { kind: 'assigned'; agency: string; dueAt: Date; rerouted?: boolean }
  | { kind: 'triage' }
  | { kind: 'sentiment' };

/** The receipt (a petition's comes with its routing), or the news of a (re-)routing. */
export function receiptMessage(c: Context, next: ReceiptNext, isReceipt: boolean): ResidentMessage {
  const vi = c.lang === 'vi';
  const item = C[c.lang].item(c);
  const opening = isReceipt
    ? vi
      ? `Chúng tôi đã tiếp nhận ý kiến ${item} của ông/bà. Xin giữ mã ${c.code} để tra cứu.`
      : `We have received your submission ${item}. Please keep the code ${c.code} to follow it.`
    : '';
  let what: string;
  let sms: string;
  if (next.kind === 'assigned') {
    const due = formatDate(next.dueAt, c.lang);
    what = vi
      ? `${next.rerouted ? 'Kiến nghị đã được chuyển lại' : 'Kiến nghị đã được chuyển'} đến ${next.agency}, cơ quan có thẩm quyền giải quyết. Cơ quan phải trả lời trước ngày ${due}; ông/bà sẽ nhận được thông báo ngay khi có trả lời.`
      : `Your petition ${next.rerouted ? 'was re-routed' : 'was forwarded'} to ${next.agency}, the agency competent to answer it. The answer is due by ${due}; you will be told as soon as it arrives.`;
    sms = vi
      ? `Tieng Dan: ${isReceipt ? 'Da tiep nhan' : 'Kien nghi'} ${c.code}, ${next.rerouted ? 'chuyen lai' : 'da chuyen'} ${next.agency}, han tra loi ${due}. ${c.trackUrl}`
      : `Tieng Dan: ${c.code} ${isReceipt ? 'received and ' : ''}${next.rerouted ? 're-routed' : 'forwarded'} to ${next.agency}, answer due ${due}. ${c.trackUrl}`;
  } else if (next.kind === 'triage') {
    what = vi
      ? `${c.committee} đang xem xét để chuyển kiến nghị đến đúng cơ quan có thẩm quyền, thường trong 3 ngày làm việc. Ông/bà sẽ được báo khi kiến nghị được chuyển đi, kèm hạn trả lời.`
      : `The ${c.committee} is finding the competent agency, usually within 3 working days. You will be told when it is forwarded, with the date the answer is due.`;
    sms = vi
      ? `Tieng Dan: Da tiep nhan kien nghi ${c.code}; Mat tran dang xem xet chuyen co quan co tham quyen. ${c.trackUrl}`
      : `Tieng Dan: ${c.code} received; the Front is finding the competent agency. ${c.trackUrl}`;
  } else {
    what = vi
      ? `Tâm tư, nguyện vọng của ông/bà được ${c.committee} tổng hợp, phản ánh đến cấp có thẩm quyền và báo cáo trong kỳ họp, tiếp xúc cử tri. Ông/bà sẽ được báo khi ý kiến đã được ghi nhận.`
      : `The ${c.committee} gathers your view with others and reports them to the authorities and at voters' meetings. You will be told when it has been taken into account.`;
    sms = vi
      ? `Tieng Dan: Da tiep nhan y kien ${c.code}. ${c.trackUrl}`
      : `Tieng Dan: ${c.code} received. ${c.trackUrl}`;
  }
  const rerouted = next.kind === 'assigned' && next.rerouted;
  const subject = isReceipt
    ? vi
      ? `Đã tiếp nhận ý kiến của ông/bà — mã ${c.code}`
      : `We received your submission — code ${c.code}`
    : vi
      ? `Kiến nghị đã được chuyển ${rerouted ? 'lại cơ quan khác' : 'đến cơ quan có thẩm quyền'} — mã ${c.code}`
      : `Your petition was ${rerouted ? 're-routed' : 'forwarded'} — code ${c.code}`;
  return {
    subject,
    paragraphs: [opening, what].filter(Boolean),
    link: { url: c.trackUrl, text: C[c.lang].see },
    sms,
  };
}

export type Closing = 'rejected' | 'redirected' | 'merged' | 'noted';

/** The item is closed without an agency's answer: why, and what next. */
export function closingMessage(
  c: Context,
  reason: Closing,
  extra: { message?: string; survivorCode?: string },
): ResidentMessage {
  const item = C[c.lang].item(c);
  const kept = extra.survivorCode ?? '';
  const lines: Record<Lang, Record<Closing, [string, string, string]>> = {
    vi: {
      rejected: [
        `Ý kiến không được tiếp nhận — mã ${c.code}`,
        `${c.committee} không tiếp nhận ý kiến ${item}, vì lý do dưới đây.`,
        `Tieng Dan: Y kien ${c.code} khong duoc tiep nhan. Ly do: ${c.trackUrl}`,
      ],
      redirected: [
        `Hướng dẫn gửi theo thủ tục khác — mã ${c.code}`,
        `Nội dung ${item} cần được gửi theo thủ tục khác, như hướng dẫn dưới đây.`,
        `Tieng Dan: ${c.code} can gui theo thu tuc khac. Huong dan: ${c.trackUrl}`,
      ],
      merged: [
        `Ý kiến được gộp với ý kiến trùng — mã ${c.code}`,
        `Ý kiến ${item} trùng nội dung với ý kiến mã ${kept} và đã được gộp vào đó để giải quyết một lần. Ông/bà vẫn dùng mã ${c.code} để tra cứu và sẽ nhận được trả lời.`,
        `Tieng Dan: ${c.code} da gop vao ${kept}. Ong/ba se nhan duoc tra loi. ${c.trackUrl}`,
      ],
      noted: [
        `Ý kiến đã được ghi nhận — mã ${c.code}`,
        `${c.committee} đã ghi nhận ý kiến ${item} và tổng hợp để phản ánh đến cấp có thẩm quyền. Cảm ơn ông/bà đã đóng góp.`,
        `Tieng Dan: Y kien ${c.code} da duoc ghi nhan. Cam on ong/ba. ${c.trackUrl}`,
      ],
    },
    en: {
      rejected: [
        `Your submission was not accepted — code ${c.code}`,
        `The ${c.committee} did not accept your submission ${item}, for the reason below.`,
        `Tieng Dan: ${c.code} was not accepted. Why: ${c.trackUrl}`,
      ],
      redirected: [
        `Where to take your submission — code ${c.code}`,
        `Your submission ${item} must go through another procedure, as explained below.`,
        `Tieng Dan: ${c.code} must go through another procedure. How: ${c.trackUrl}`,
      ],
      merged: [
        `Your submission joined a similar one — code ${c.code}`,
        `Your submission ${item} raises the same issue as ${kept} and was merged into it, to be answered once. Your code ${c.code} still works and you will receive the answer.`,
        `Tieng Dan: ${c.code} merged into ${kept}; you will receive the answer. ${c.trackUrl}`,
      ],
      noted: [
        `Your view was taken into account — code ${c.code}`,
        `The ${c.committee} took your view ${item} into account and reports it to the authorities. Thank you.`,
        `Tieng Dan: your view ${c.code} was taken into account. Thank you. ${c.trackUrl}`,
      ],
    },
  };
  const [subject, lead, sms] = lines[c.lang][reason];
  return {
    subject,
    paragraphs: [lead],
    ...(extra.message ? { quote: extra.message } : {}),
    link: { url: c.trackUrl, text: C[c.lang].see },
    sms,
  };
}

/** The answer, with an invitation to rate it. */
export function answeredMessage(
  c: Context,
  a: { agency: string; responder: string; text: string; at: Date; rateUrl: string },
): ResidentMessage {
  const vi = c.lang === 'vi';
  return {
    subject: vi
      ? `Kiến nghị của ông/bà đã được trả lời — mã ${c.code}`
      : `Your petition was answered — code ${c.code}`,
    paragraphs: vi
      ? [
          `${a.agency} đã trả lời kiến nghị ${C.vi.item(c)} lúc ${formatDateTime(a.at, 'vi')}. Người trả lời: ${a.responder}.`,
          `Ông/bà có hài lòng với trả lời này không? Xin cho biết ý kiến tại đường dẫn dưới đây; nếu chưa hài lòng, kiến nghị sẽ được xem xét lại.`,
        ]
      : [
          `${a.agency} answered your petition ${C.en.item(c)} on ${formatDateTime(a.at, 'en')}. Answered by: ${a.responder}.`,
          `Are you satisfied with this answer? Please tell us through the link below; if you are not, your petition will be looked at again.`,
        ],
    quote: a.text,
    link: { url: a.rateUrl, text: vi ? 'Đánh giá trả lời' : 'Rate the answer' },
    sms: vi
      ? `Tieng Dan: ${a.agency} da tra loi kien nghi ${c.code}. Xem va danh gia: ${a.rateUrl}`
      : `Tieng Dan: ${a.agency} answered ${c.code}. Read and rate it: ${a.rateUrl}`,
  };
}

/** A step taken on the item (the agency acknowledged, reported progress, asked…). */
export function stepMessage(
  c: Context,
  what: string,
  extra: { at: Date; by?: string; note?: string; sms: string },
): ResidentMessage {
  const vi = c.lang === 'vi';
  return {
    subject: `${what} — ${vi ? 'mã' : 'code'} ${c.code}`,
    paragraphs: [
      vi
        ? `${what}: ${C.vi.item(c)}, lúc ${formatDateTime(extra.at, 'vi')}${extra.by ? `, ${extra.by}` : ''}.`
        : `${what}: ${C.en.item(c)}, on ${formatDateTime(extra.at, 'en')}${extra.by ? `, ${extra.by}` : ''}.`,
    ],
    ...(extra.note ? { quote: extra.note } : {}),
    link: { url: c.trackUrl, text: C[c.lang].see },
    sms: `Tieng Dan: ${extra.sms} ${c.code}. ${c.trackUrl}`,
  };
}

/** The e-mail of a message: greeting, paragraphs, quote, link, signature. */
export function asMail(to: string, c: Context, m: ResidentMessage): OutgoingMail {
  const t = C[c.lang];
  const text = [
    t.dear(c.name),
    ...m.paragraphs,
    ...(m.quote ? [m.quote] : []),
    `${m.link.text}: ${m.link.url}`,
    t.sign(c.committee),
  ].join('\n\n');
  const body: SafeHtml = html`<p>${t.dear(c.name)}</p>
    ${m.paragraphs.map((p) => html`<p>${p}</p>`)}
    ${
      m.quote
        ? html`<blockquote
            style="white-space:pre-wrap;border-left:4px solid #1a7f37;padding-left:8px"
          >
            ${m.quote}
          </blockquote>`
        : ''
    }
    <p><a href="${m.link.url}">${m.link.text}</a></p>
    <p style="white-space:pre-wrap">${t.sign(c.committee)}</p>`;
  return {
    to,
    subject: `[Tiếng Dân] ${m.subject}`,
    text,
    html: html`<!doctype html>
      <html lang="${c.lang}">
        <body style="font-family:Arial,sans-serif;line-height:1.5;max-width:40rem">
          ${body}
        </body>
      </html>`.value,
  };
}
