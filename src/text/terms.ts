import { COMPOUND_WORDS, parseList, STOP_WORDS } from './lexicon';
import { foldForMatching, stripDiacritics } from './normalize';

/**
 * Vietnamese is written in syllables separated by spaces; a word is one or more
 * syllables. A text is cut into syllables (`tokenize`), known compound words are
 * put back together by longest match, and stop words are dropped (`terms`).
 *
 * Each token has two forms: `form`, folded but with its diacritics (they carry
 * meaning), and `key`, without them, as in the search key. Residents often type
 * without diacritics ("duong bi ngap"): a text with almost none is matched against
 * the lexicon on keys, any other on forms (so that "cỏ" is not taken for "có").
 */

export interface Token {
  /** Lower case, NFC, one tone placement, look-alikes folded: "đường". */
  form: string;
  /** `form` without diacritics: "duong". */
  key: string;
  /** True when punctuation separates this token from the one before: no compound across it. */
  breakBefore: boolean;
}

export interface Term {
  /** One or more syllables joined by single spaces: "giải phóng mặt bằng". */
  form: string;
  key: string;
  syllables: number;
}

const PUNCTUATION = /[^\p{L}\p{M}\p{N}\s_-]+/u;

/** Cuts a text into syllables (letters and digits), remembering where punctuation broke it. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const chunk of foldForMatching(text).split(PUNCTUATION)) {
    let first = true;
    for (const form of chunk.split(/[\s_-]+/)) {
      if (!form) continue;
      out.push({ form, key: stripDiacritics(form), breakBefore: first && out.length > 0 });
      first = false;
    }
  }
  return out;
}

/** The syllables of a text, folded: what two spellings of the same text share. */
export function syllables(text: string): string[] {
  return tokenize(text).map((t) => t.form);
}

interface Lexicon {
  byForm: Map<string, number>;
  byKey: Map<string, number>;
  stopForms: Set<string>;
  stopKeys: Set<string>;
  longest: number;
}

function fold(entry: string): { form: string; key: string } {
  const form = tokenize(entry)
    .map((t) => t.form)
    .join(' ');
  return { form, key: stripDiacritics(form) };
}

let lexicon: Lexicon | undefined;

function getLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const compounds = [...parseList(COMPOUND_WORDS), ...parseList(STOP_WORDS)]
    .map(fold)
    .filter((c) => c.form.includes(' '));
  const stops = parseList(STOP_WORDS).map(fold);
  lexicon = {
    byForm: new Map(compounds.map((c) => [c.form, c.form.split(' ').length])),
    byKey: new Map(compounds.map((c) => [c.key, c.key.split(' ').length])),
    stopForms: new Set(stops.map((s) => s.form)),
    stopKeys: new Set(stops.map((s) => s.key)),
    longest: Math.max(...compounds.map((c) => c.form.split(' ').length)),
  };
  return lexicon;
}

/** The compound words of the lexicon, folded (for tests and for documentation). */
export function compoundWords(): string[] {
  return [...getLexicon().byForm.keys()];
}

/** True for a stop word (one or more syllables), in any spelling. */
export function isStopWord(word: string): boolean {
  const { form, key } = fold(word);
  const lex = getLexicon();
  return lex.stopForms.has(form) || (form === key && lex.stopKeys.has(key));
}

/** A text written (almost) without diacritics: fewer than one syllable in ten has any. */
function isUnaccented(tokens: Token[]): boolean {
  const letters = tokens.filter((t) => /\p{L}/u.test(t.form));
  if (letters.length === 0) return false;
  const accented = letters.filter((t) => t.form !== t.key).length;
  return accented / letters.length < 0.1;
}

export interface TermOptions {
  /** Keep stop words (default false). */
  keepStopWords?: boolean;
}

/**
 * The words of a text: compounds kept together (longest match first, never
 * across punctuation), stop words, numbers and single letters dropped.
 */
export function terms(text: string, options: TermOptions = {}): Term[] {
  const tokens = tokenize(text);
  const lex = getLexicon();
  const byKey = isUnaccented(tokens);
  const dict = byKey ? lex.byKey : lex.byForm;
  const stop = byKey ? lex.stopKeys : lex.stopForms;
  const side = (t: Token) => (byKey ? t.key : t.form);
  const out: Term[] = [];
  for (let i = 0; i < tokens.length;) {
    let length = 1;
    for (let n = Math.min(lex.longest, tokens.length - i); n >= 2; n -= 1) {
      const span = tokens.slice(i, i + n);
      if (span.slice(1).some((t) => t.breakBefore)) continue;
      if (dict.get(span.map(side).join(' ')) === n) {
        length = n;
        break;
      }
    }
    const span = tokens.slice(i, i + length);
    i += length;
    const form = span.map((t) => t.form).join(' ');
    const key = span.map((t) => t.key).join(' ');
    if (!options.keepStopWords && stop.has(byKey ? key : form)) continue;
    if (length === 1 && (/^\p{N}+$/u.test(form) || [...form].length < 2)) continue;
    out.push({ form, key, syllables: length });
  }
  return out;
}
