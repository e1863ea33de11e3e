import type { ParsedMail } from 'mailparser';

export interface Bounce {
  /** The addresses that failed (Final-Recipient). */
  recipients: string[];
  /** The enhanced status code, e.g. 5.1.1. */
  status?: string;
  diagnostic?: string;
}

/**
 * A delivery status notification (RFC 3464): a multipart/report with
 * report-type=delivery-status whose recipients have `Action: failed`. Delays
 * (`Action: delayed`) and anything else are not bounces.
 */
export function readBounce(mail: ParsedMail, raw: Buffer): Bounce | null {
  const ct = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | string | undefined;
  const value = typeof ct === 'string' ? ct : (ct?.value ?? '');
  const reportType = typeof ct === 'object' ? (ct?.params?.['report-type'] ?? '') : '';
  if (value.toLowerCase() !== 'multipart/report' || reportType.toLowerCase() !== 'delivery-status')
    return null;
  const status = statusPart(mail, raw);
  if (!status) return null;
  // Per-recipient groups are separated by blank lines; the first is per-message.
  const groups = status.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const failed = groups.filter((g) => /^Action:\s*failed\s*$/im.test(g));
  if (failed.length === 0) return null;
  const field = (g: string, name: string) =>
    new RegExp(`^${name}:\\s*(.+(?:\\n[ \\t].+)*)`, 'im').exec(g)?.[1]?.replace(/\s+/g, ' ').trim();
  const recipients = failed
    .map((g) => field(g, 'Final-Recipient')?.replace(/^rfc822;\s*/i, ''))
    .filter((r): r is string => Boolean(r));
  const status0 = field(failed[0]!, 'Status');
  const diagnostic = field(failed[0]!, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '');
  return {
    recipients,
    ...(status0 ? { status: status0 } : {}),
    ...(diagnostic ? { diagnostic: diagnostic.slice(0, 300) } : {}),
  };
}

/** The message/delivery-status part, as mailparser gave it, or found in the raw message. */
function statusPart(mail: ParsedMail, raw: Buffer): string | null {
  const part = mail.attachments.find((a) =>
    /^message\/(global-)?delivery-status$/i.test(a.contentType),
  );
  if (part) return part.content.toString('utf8');
  const text = raw.toString('utf8');
  const at = text.search(/^Content-Type:\s*message\/(global-)?delivery-status/im);
  return at >= 0 ? text.slice(at) : null;
}

/**
 * The Message-IDs a report quotes (the returned message or its headers), other
 * than the report's own: a genuine report about our notice quotes the notice's.
 */
export function quotedMessageIds(mail: ParsedMail, raw: Buffer): string[] {
  const ids = new Set<string>();
  for (const m of raw
    .toString('utf8')
    .matchAll(/^Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^>\s]{1,250}>)/gim))
    ids.add(m[1]!);
  if (mail.messageId) ids.delete(mail.messageId);
  return [...ids];
}
