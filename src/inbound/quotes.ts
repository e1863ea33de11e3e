import EmailReplyParser from 'email-reply-parser';

/**
 * The new text of an e-mailed answer: without the quoted notice below it and
 * without the signature. email-reply-parser knows the quote headers of many mail
 * programs (English, French, German… "On … wrote:", "-----Original Message-----",
 * "From: … <…>", "Sent from my iPhone", "> " lines), but no Vietnamese ones;
 * those are cut first here: Gmail's "Vào … đã viết:", Outlook's "Từ: … / Đã gửi:"
 * block, "Gửi từ iPhone của tôi". Headers may be wrapped over two lines.
 */
export function stripQuoted(raw: string): string {
  const lines = raw.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  const cut = firstCut(lines);
  const kept = (cut === -1 ? lines : lines.slice(0, cut)).join('\n');
  const visible = new EmailReplyParser().read(`${kept}\n`).getVisibleText();
  return visible.replace(/[ \t]+$/gm, '').trim();
}

const WROTE = [
  // Gmail in Vietnamese: "Vào Th 2, 3 thg 3, 2025 vào lúc 10:00 Tên <a@b> đã viết:"
  /^\s*Vào\s[\s\S]{0,400}?đã\s+viết\s*:?\s*$/i,
  // Gmail, Apple Mail, Thunderbird in English.
  /^\s*On\s[\s\S]{0,400}?wrote\s*:\s*$/i,
  // Thunderbird in Vietnamese: "Ngày 03/03/2025 10:00, Tên viết:"
  /^\s*(Ngày|Vào ngày)\s[\s\S]{0,400}?\sviết\s*:\s*$/i,
];
const FROM_LINE = /^\s*\*?(Từ|From|Người gửi)\s*\*?\s*:\s*\S/i;
const SENT_LINE = /^\s*\*?(Đã gửi|Gửi lúc|Sent|Date|Ngày)\s*\*?\s*:\s*\S/i;
const MARKERS = [
  /^\s*-{2,}\s*(Original Message|Thư gốc|Tin nhắn gốc|Forwarded message|Thư được chuyển tiếp)\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/,
  /^-- $/,
  /^\s*(Gửi từ|Được gửi từ|Sent from)\s.{1,60}$/i,
];

function firstCut(lines: string[]): number {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const two = `${line}\n${lines[i + 1] ?? ''}`;
    if (WROTE.some((re) => re.test(line) || re.test(two))) return i;
    if (MARKERS.some((re) => re.test(line))) return i;
    if (FROM_LINE.test(line) && lines.slice(i + 1, i + 5).some((l) => SENT_LINE.test(l))) return i;
  }
  return -1;
}
