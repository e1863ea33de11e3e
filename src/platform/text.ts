/**
 * Vietnamese text as stored: Unicode NFC (a keyboard may send decomposed
 * diacritics), no zero-width characters, single spaces; and a search key without
 * diacritics or case so that "duong" finds "Đường".
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function normalizeText(input: string): string {
  return input.normalize('NFC').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').trim();
}

/** A one-line form for titles and names: inner whitespace collapsed. */
export function normalizeLine(input: string): string {
  return normalizeText(input).replace(/\s+/g, ' ');
}

export function searchKey(...parts: string[]): string {
  return parts
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
