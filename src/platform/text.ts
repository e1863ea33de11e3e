/**
 * Kept for existing imports: Vietnamese text processing lives in `src/text`.
 * normalizeText: NFC, invisible characters removed; normalizeLine: one line;
 * searchKey: diacritics-free, lower case, so that "duong" finds "Đường".
 */
export { normalizeLine, normalizeText, searchKey } from '../text';
