import { randomInt } from 'node:crypto';

// Crockford's base 32: no I, L, O or U, so a code read over the phone survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code such as TD-7K4M-9QXP: 40 random bits. */
export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 8; i += 1) s += ALPHABET[randomInt(32)];
  return `TD-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Accepts what people type: lower case, spaces, missing dashes, O for 0, I/L for 1. */
export function canonicalTrackingCode(input: string): string | null {
  const raw = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const body = raw.length === 10 && raw.startsWith('TD') ? raw.slice(2) : raw;
  if (body.length !== 8 || [...body].some((c) => !ALPHABET.includes(c))) return null;
  return `TD-${body.slice(0, 4)}-${body.slice(4)}`;
}
