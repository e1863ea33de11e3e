/**
 * Vietnamese text processing, in one place: normalisation (what is stored and
 * what is searched), syllables and words (compounds, stop words), keywords.
 * `src/platform/text.ts` re-exports the three functions intake and search use.
 */
export {
  foldForMatching,
  foldLookalikes,
  normalizeLine,
  normalizeText,
  normalizeTonePlacement,
  removeInvisible,
  searchKey,
  stripDiacritics,
} from './normalize';
export {
  compoundWords,
  isStopWord,
  syllables,
  terms,
  tokenize,
  type Term,
  type TermOptions,
  type Token,
} from './terms';
export {
  documentFrequencies,
  keywords,
  rankTerms,
  type DocumentFrequencies,
  type Keyword,
  type KeywordOptions,
} from './keywords';
