/**
 * Text messages to residents who gave a phone number. One interface, one real
 * adapter: an HTTP API gateway (most Vietnamese SMS brandname providers take a
 * JSON POST), configured by SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN. The local run
 * and the tests point it at the SMS sink (scripts/sms-sink.ts), which speaks the
 * same protocol and shows what it got on a web page.
 *
 * The protocol: `POST <url>` with `{"to": "+84912345678", "text": "…", "from": "<SMS_SENDER>"}`
 * and `Authorization: Bearer <token>` when a token is set; any 2xx answer is
 * accepted, its JSON `id` (or `messageId`) is the provider's message id.
 */
export interface OutgoingSms {
  to: string;
  text: string;
}

export interface SmsSender {
  /** False when no gateway is configured: messages for phones are then not sent. */
  readonly enabled: boolean;
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
}

export interface SmsGatewayOptions {
  url?: string | undefined;
  token?: string | undefined;
  sender: string;
  timeoutMs?: number;
}

export class SmsNotConfigured extends Error {
  constructor() {
    super('no SMS gateway is configured (SMS_GATEWAY_URL)');
  }
}

/** Vietnamese numbers in the international form the gateways expect: 0912… → +84912…. */
export function internationalPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('84')) return `+${digits}`;
  if (digits.startsWith('0')) return `+84${digits.slice(1)}`;
  return digits;
}

export function createSmsSender(opts: SmsGatewayOptions): SmsSender {
  const { url, token, sender } = opts;
  if (!url)
    return {
      enabled: false,
      send: () => Promise.reject(new SmsNotConfigured()),
    };
  return {
    enabled: true,
    async send(sms) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: internationalPhone(sms.to), text: sms.text, from: sender }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: unknown; messageId?: unknown };
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      return { messageId: String(body.id ?? body.messageId ?? '') };
    },
  };
}
