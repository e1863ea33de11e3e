/**
 * Vietnamese text, normalised. Three forms:
 *
 * - `normalizeText` / `normalizeLine`: the text as stored and shown. Unicode NFC
 *   (a keyboard or a phone may send decomposed diacritics), invisible characters
 *   removed, line ends unified. Nothing a resident wrote is otherwise changed.
 * - `foldForMatching`: the form that tokens are made of. On top of the above:
 *   full-width and other compatibility forms made plain (NFKC, on those ranges
 *   only), look-alike letters from other scripts turned into the Latin letters
 *   they imitate, lower case, and the tone mark moved to one fixed vowel of each
 *   syllable ("hoà" and "hòa", "thuý" and "thúy" become the same).
 * - `searchKey`: the folded text without any diacritics (đ → d) and with single
 *   spaces between words, so that "duong" finds "Đường".
 */

/** Zero-width characters, the soft hyphen, the BOM and other invisible format characters. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function removeInvisible(input: string): string {
  return input.replace(INVISIBLE, '');
}

export function normalizeText(input: string): string {
  return removeInvisible(input.normalize('NFC')).replace(/\r\n?/g, '\n').trim();
}

/** A one-line form for titles and names: inner whitespace collapsed. */
export function normalizeLine(input: string): string {
  return normalizeText(input).replace(/\s+/g, ' ');
}

/**
 * Compatibility forms that are safe to flatten: full-width ASCII and the
 * ideographic space, Latin ligatures (ﬁ), mathematical bold/italic letters and
 * digits (used for "bold" text on social networks), circled and enclosed letters.
 * NFKC on the whole text would also rewrite superscripts, fractions and the like.
 */
const COMPATIBILITY = /[\u3000\uFF01-\uFF5E\uFB00-\uFB06\u{1D400}-\u{1D7FF}\u2460-\u24FF]/gu;

/**
 * Letters of other scripts that look like Latin ones (homoglyphs), and the Latin
 * letter each imitates, position by position. Also the Icelandic eth (Ð) that is
 * often typed for Đ, and the dotless i.
 */
const LOOKALIKE_FROM = 'аеорсухіјѕԁһԛԝɡАВЕКМНОРСТХУІЈЅԀҺԚԜαεικνορυχγΑΒΕΖΗΙΚΜΝΟΡΤΥΧÐðıɑ';
const LOOKALIKE_TO = 'aeopcyxijsdhqwgABEKMHOPCTXYIJSDHQWaeikvopuxyABEZHIKMNOPTYXĐđia';
const LOOKALIKES: Record<string, string> = Object.fromEntries(
  [...LOOKALIKE_FROM].map((c, i) => [c, [...LOOKALIKE_TO][i]!]),
);
const CONFUSABLE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'u');
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/**
 * Replaces look-alike letters by the Latin letters they imitate, word by word:
 * in a word that mixes scripts ("ngập" typed with a Cyrillic "р"), or a word made
 * only of look-alikes. A genuinely Russian or Greek word (with letters that have
 * no Latin twin) is left alone.
 */
export function foldLookalikes(input: string): string {
  if (!CONFUSABLE.test(input)) return input;
  return input.replace(WORD, (word) => {
    if (!CONFUSABLE.test(word)) return word;
    const chars = [...word];
    const mixed = LATIN.test(word) && OTHER_SCRIPT.test(word);
    const allLookalike = chars.every((c) => LOOKALIKES[c] !== undefined || /\p{M}/u.test(c));
    const latinOnly = !OTHER_SCRIPT.test(word);
    if (!mixed && !allLookalike && !latinOnly) return word;
    return chars.map((c) => LOOKALIKES[c] ?? c).join('');
  });
}

/** Compatibility forms flattened, look-alikes folded, invisible characters gone, NFC. */
function plain(input: string): string {
  const flat = removeInvisible(input).replace(COMPATIBILITY, (c) => c.normalize('NFKC'));
  return foldLookalikes(flat.normalize('NFC')).normalize('NFC');
}

// ---------------------------------------------------------------------------
// Tone marks
// ---------------------------------------------------------------------------

/** The five tone marks, as combining characters: grave, acute, tilde, hook above, dot below. */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = new Set([...'aăâeêioôơuưy']);
/** Vowels that carry a quality mark (breve, circumflex, horn): the tone goes there. */
const MARKED = new Set([...'ăâêôơư']);
const SYLLABLE = /^([bcdđghklmnpqrstvx]*)([aăâeêioôơuưy]+)([cghmnpt]*)$/;

/**
 * Where the tone mark goes in one syllable (lower case, NFC, tone removed), as
 * an index into `letters`; the "old" placement (hòa, khỏe, thủy), which most
 * keyboards default to. Returns -1 when the word is not a Vietnamese syllable.
 */
function tonePosition(letters: string[]): number {
  const m = SYLLABLE.exec(letters.join(''));
  if (!m) return -1;
  let onset = [...m[1]!].length;
  let nucleus = [...m[2]!];
  const coda = m[3]!;
  // "qu" and "gi" before another vowel belong to the onset: quả, giữa.
  if ((m[1] === 'q' || m[1] === 'g') && nucleus.length > 1 && /^[ui]/.test(nucleus[0]!)) {
    if ((m[1] === 'q' && nucleus[0] === 'u') || (m[1] === 'g' && nucleus[0] === 'i')) {
      onset += 1;
      nucleus = nucleus.slice(1);
    }
  }
  if (nucleus.length === 1) return onset;
  const horn = nucleus.lastIndexOf('ơ');
  if (horn >= 0) return onset + horn;
  const marked = nucleus.findIndex((v) => MARKED.has(v));
  if (marked >= 0) return onset + marked;
  if (coda) return onset + nucleus.length - 1;
  if (nucleus.length >= 3) return onset + 1;
  return onset;
}

/**
 * Puts the tone mark of each syllable on one fixed vowel, so that "hoà" and
 * "hòa", "thuý" and "thúy", "khoẻ" and "khỏe" are one word. The input is lower
 * case NFC; words that are not Vietnamese syllables are returned unchanged.
 */
export function normalizeTonePlacement(word: string): string {
  const decomposed = word.normalize('NFD');
  let tone: string | undefined;
  let bare = '';
  for (const c of decomposed) {
    if (TONES.has(c)) tone ??= c;
    else bare += c;
  }
  if (!tone) return word;
  const letters = [...bare.normalize('NFC')];
  if (!letters.some((l) => VOWELS.has(l))) return word;
  const at = tonePosition(letters);
  if (at < 0) return word;
  letters[at] = letters[at] + tone;
  return letters.join('').normalize('NFC');
}

/**
 * The text as tokens are made of: plain, lower case, one tone placement. Keeps
 * diacritics (they carry meaning: "đường" road, "dương" ocean) and punctuation.
 */
export function foldForMatching(input: string): string {
  return plain(input)
    .toLowerCase()
    .replace(WORD, (w) => normalizeTonePlacement(w));
}

/** Removes every diacritic and turns đ into d: "Đường sá" → "Duong sa". */
export function stripDiacritics(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * The diacritics-free, lower-case search key of some texts: words separated by
 * single spaces. Stored with each submission and applied to search queries, so
 * both sides are folded alike (decomposed input, case, đ/Đ, zero-width characters,
 * look-alike letters, full-width forms, either tone placement).
 */
export function searchKey(...parts: string[]): string {
  return stripDiacritics(plain(parts.join(' ')).toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
