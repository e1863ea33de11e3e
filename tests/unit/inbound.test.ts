import { simpleParser } from 'mailparser';
import { safeFileName, sniffType } from '../../src/attachments/files';
import { inboundAddress, tokenFromAddress } from '../../src/inbound/address';
import { readBounce } from '../../src/inbound/dsn';
import { stripQuoted } from '../../src/inbound/quotes';

describe('stripQuoted', () => {
  const answer =
    'Chúng tôi đã kiểm tra và sẽ sửa đường trước ngày 15/7.\n\nTrân trọng,\nNguyễn Văn A';
  it.each([
    [
      'Gmail in Vietnamese, header wrapped',
      `${answer}\n\nVào Th 2, 3 thg 3, 2025 vào lúc 10:00 Tiếng Dân <reply+abc@in.example>\nđã viết:\n> Kính gửi UBND xã,\n> Kiến nghị ...`,
    ],
    [
      'Gmail in Vietnamese, one line, CRLF',
      `${answer}\r\n\r\nVào Th 2, 3 thg 3, 2025 lúc 10:00 Tiếng Dân <x@y> đã viết:\r\n> abc`,
    ],
    [
      'Gmail in English',
      `${answer}\n\nOn Mon, Mar 3, 2025 at 10:00 AM Tiếng Dân <x@y>\nwrote:\n> Dear`,
    ],
    [
      'Outlook in Vietnamese',
      `${answer}\n\nTừ: Tiếng Dân <no-reply@tiengdan.local>\nĐã gửi: Thứ Hai, 3 tháng 3, 2025 10:00\nĐến: ubnd@example.vn\nChủ đề: Kiến nghị\n\nKính gửi ...`,
    ],
    [
      'Outlook in English with its rule',
      `${answer}\n\n________________________________\nFrom: Tiếng Dân <no-reply@tiengdan.local>\nSent: Monday, March 3, 2025 10:00\nTo: x\nSubject: y\n\nDear`,
    ],
    ['Original Message marker', `${answer}\n\n-----Original Message-----\nFrom: a\nquoted`],
    ['signature delimiter', `${answer}\n-- \nPhòng Kinh tế\nĐT 0274 123 456`],
    ['sent from a phone (vi)', `${answer}\n\nGửi từ iPhone của tôi\n\n> quoted`],
    ['sent from a phone (en)', `${answer}\n\nSent from my iPhone`],
  ])('%s', (_name, raw) => {
    expect(stripQuoted(raw)).toBe(answer);
  });

  it('leaves text without quotes alone', () => {
    const text = 'Một câu trả lời.\nDòng hai nói về "Từ: đâu" ở giữa câu, và ngày 3/3.';
    expect(stripQuoted(text)).toBe(text);
  });
});

describe('inbound addresses', () => {
  const token = 'Ab_-'.repeat(10) + 'xyz';
  it('round-trips a token and refuses anything else', () => {
    const a = inboundAddress('in.example', token);
    expect(tokenFromAddress(a, 'in.example')).toBe(token);
    expect(tokenFromAddress(a.replace('in.example', 'IN.example'), 'in.example')).toBe(token);
    expect(tokenFromAddress(a, 'other.example')).toBeNull();
    expect(tokenFromAddress(`reply+short@in.example`, 'in.example')).toBeNull();
    expect(tokenFromAddress(`postmaster@in.example`, 'in.example')).toBeNull();
  });
});

describe('files', () => {
  it('knows PDF, PNG and JPEG by their bytes only', () => {
    expect(sniffType(Buffer.from('%PDF-1.7 ...'))?.type).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.type).toBe('image/jpeg');
    expect(sniffType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffType(Buffer.from('GIF89a'))).toBeNull();
  });
  it('makes names safe and gives them the real extension', () => {
    expect(safeFileName('../../etc/Công văn.pdf', 'pdf')).toBe('Công văn.pdf');
    expect(safeFileName('C:\\tmp\\scan.PDF', 'pdf')).toBe('scan.pdf');
    expect(safeFileName('ảnh.exe', 'png')).toBe('ảnh.png');
    expect(safeFileName('photo.jpeg', 'jpg')).toBe('photo.jpeg');
    expect(safeFileName('"a<b>"?.pdf', 'pdf')).toBe('ab.pdf');
    expect(safeFileName('', 'pdf')).toBe('tep-dinh-kem.pdf');
  });
});

describe('delivery reports', () => {
  const dsn = (action: string) =>
    Buffer.from(
      [
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'x',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; a@agency.example',
        `Action: ${action}`,
        'Status: 5.2.2',
        'Diagnostic-Code: smtp; 552 mailbox full',
        '',
        '--b--',
        '',
      ].join('\r\n'),
    );
  it('reads a failure', async () => {
    const raw = dsn('failed');
    expect(readBounce(await simpleParser(raw), raw)).toEqual({
      recipients: ['a@agency.example'],
      status: '5.2.2',
      diagnostic: '552 mailbox full',
    });
  });
  it('ignores a delay and an ordinary message', async () => {
    const raw = dsn('delayed');
    expect(readBounce(await simpleParser(raw), raw)).toBeNull();
    const plain = Buffer.from('Subject: hi\r\n\r\nAction: failed\r\n');
    expect(readBounce(await simpleParser(plain), plain)).toBeNull();
  });
});
