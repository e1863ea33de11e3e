import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Types } from 'mongoose';

/**
 * The resident's own capability: a 256-bit key in a private link, given at
 * submission (receipt page, API answer, every message to the resident). It alone
 * lets the resident rate the answer, reply to the agency, withdraw, and see,
 * correct or erase their personal data; the tracking code and contact do not.
 *
 * The key is an HMAC of the submission's id under RESIDENT_KEY_SECRET (or a key
 * derived from SESSION_SECRET), so the worker can put it in each message without
 * it being stored; the database keeps only its SHA-256 (`residentKeyHash`), which
 * is what a request is checked against.
 */
export const RESIDENT_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type SecretConfig = { RESIDENT_KEY_SECRET?: string | undefined; SESSION_SECRET: string };

/** Derived once per configuration: it is needed on every intake and every message. */
const derived = new WeakMap<SecretConfig, string>();

export function residentKeySecret(config: SecretConfig): string {
  let secret = derived.get(config);
  if (secret === undefined) {
    secret =
      config.RESIDENT_KEY_SECRET ??
      createHash('sha256').update(`resident-key:${config.SESSION_SECRET}`).digest('hex');
    derived.set(config, secret);
  }
  return secret;
}

export function residentKey(secret: string, submissionId: Types.ObjectId | string): string {
  return createHmac('sha256', secret)
    .update(`resident:${String(submissionId)}`)
    .digest('base64url');
}

export const hashResidentKey = (key: string): string =>
  createHash('sha256').update(key).digest('hex');

/** Whether `given` is the key whose hash is stored (constant time). */
export function residentKeyMatches(storedHash: string | undefined, given: unknown): boolean {
  if (!storedHash || typeof given !== 'string' || !RESIDENT_KEY_PATTERN.test(given)) return false;
  const a = Buffer.from(hashResidentKey(given), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The private link: the resident's own page of their submission. */
export function residentUrl(baseUrl: string, trackingCode: string, key: string): string {
  return `${baseUrl}/track/${trackingCode}/${key}`;
}

/**
 * Where messages to a resident lead: their private page (items from before
 * private links lead to the public tracking page).
 */
export function residentPageUrl(
  config: SecretConfig & { PUBLIC_BASE_URL: string },
  s: { _id: Types.ObjectId; trackingCode: string; residentKeyHash?: string | undefined },
): string {
  if (!s.residentKeyHash) return `${config.PUBLIC_BASE_URL}/track/${s.trackingCode}`;
  const key = residentKey(residentKeySecret(config), s._id);
  return residentUrl(config.PUBLIC_BASE_URL, s.trackingCode, key);
}
