import {
  compoundWords,
  documentFrequencies,
  foldForMatching,
  isStopWord,
  keywords,
  normalizeLine,
  normalizeText,
  normalizeTonePlacement,
  searchKey,
  stripDiacritics,
  syllables,
  terms,
} from '../../src/text';
import * as platform from '../../src/platform/text';
import { keywordMatches, proposeTopics } from '../../src/topics/match';
import { rankTerms } from '../../src/text';
import { loadReferenceData } from '../../config/reference';

const forms = (text: string) => terms(text).map((t) => t.form);

describe('normalisation', () => {
  const canonical = 'Đường vào ấp bị ngập, nước sạch thiếu';
  /** The same words, spelled in the ways a keyboard, a phone or a copy-paste may send them. */
  const variants = {
    decomposed: canonical.normalize('NFD'),
    upper: canonical.toUpperCase(),
    mixedCase: 'đƯỜNG VÀO ẤP bị NgẬp, NƯỚC sạch THIẾU',
    zeroWidth: 'Đư\u200bờng vào\u00ad ấp bị ng\u200dập, nư\ufeffớc sạch thiếu',
    eth: 'Ðường vào ấp bị ngập, nước sạch thiếu',
    cyrillic: 'Đường vàо ấр bị ngập, nước sạсh thiếu', // о, р, с are Cyrillic
    fullWidth: 'Đường　vào ấp bị ｎｇập, nước sạch thiếu',
  };

  it.each(Object.entries(variants))('%s input has the same search key and tokens', (_, text) => {
    expect(text).not.toBe(canonical);
    expect(searchKey(text)).toBe('duong vao ap bi ngap nuoc sach thieu');
    expect(syllables(text)).toEqual(syllables(canonical));
    expect(terms(text)).toEqual(terms(canonical));
  });

  it('puts the tone mark in one place: old and new placement are one word', () => {
    const pairs = [
      ['hòa', 'hoà'],
      ['thủy', 'thuỷ'],
      ['khỏe', 'khoẻ'],
      ['thúy', 'thuý'],
      ['lòa', 'loà'],
      ['Hòa Bình', 'Hoà Bình'],
    ];
    for (const [oldStyle, newStyle] of pairs) {
      expect(foldForMatching(newStyle!)).toBe(foldForMatching(oldStyle!));
      expect(syllables(newStyle!)).toEqual(syllables(oldStyle!));
      expect(searchKey(newStyle!)).toBe(searchKey(oldStyle!));
    }
    // A decomposed text with the mark on the "wrong" vowel, too.
    expect(foldForMatching('thu\u0079\u0301'.normalize('NFD'))).toBe('thúy');
  });

  it('places tones where Vietnamese puts them, and leaves other words alone', () => {
    const right = ['giữa', 'quả', 'quyển', 'người', 'rượu', 'khuỷu', 'ngoài', 'xoáy', 'hoạch'];
    for (const w of right) expect(normalizeTonePlacement(w)).toBe(w);
    expect(normalizeTonePlacement('hoàn')).toBe('hoàn');
    expect(normalizeTonePlacement('café')).toBe('café');
    expect(normalizeTonePlacement('email')).toBe('email');
  });

  it('leaves words of other scripts alone when they are not look-alikes', () => {
    expect(syllables('Привет, ngập')).toEqual(['привет', 'ngập']);
  });

  it('turns đ/Đ into d and strips every diacritic', () => {
    expect(stripDiacritics('Đường đất đỏ')).toBe('Duong dat do');
    expect(searchKey('ĐƯỜNG Đất đỏ')).toBe('duong dat do');
  });

  it('keeps the search key of existing data unchanged', () => {
    expect(searchKey('Cầu-Ông  Lãnh!')).toBe('cau ong lanh');
    expect(searchKey('Nước ngập'.normalize('NFD'))).toBe('nuoc ngap');
    expect(
      searchKey('Đường ngập nước', 'Nước ngập đến đầu gối, đi lại khó.'.normalize('NFD')),
    ).toBe('duong ngap nuoc nuoc ngap den dau goi di lai kho');
  });

  it('stores text in NFC without invisible characters, but otherwise as written', () => {
    expect(normalizeText('Tiếng Dân'.normalize('NFD'))).toBe('Tiếng Dân'.normalize('NFC'));
    expect(normalizeLine(' Đường\u200b  ngập\u00ad nước \ufeff')).toBe('Đường ngập nước');
    // Look-alikes and tone placement are folded for matching only, never in what is stored.
    expect(normalizeText('hoà')).toBe('hoà');
  });

  it('is re-exported from src/platform/text for existing imports', () => {
    expect(platform.searchKey).toBe(searchKey);
    expect(platform.normalizeText).toBe(normalizeText);
    expect(platform.normalizeLine).toBe(normalizeLine);
  });
});

describe('words', () => {
  it('keeps compound words together, longest first, never across punctuation', () => {
    expect(forms('Đường sá xuống cấp, giải phóng mặt bằng chậm')).toEqual([
      'đường sá',
      'xuống cấp',
      'giải phóng mặt bằng',
      'chậm',
    ]);
    expect(forms('Ô nhiễm môi trường do rác thải')).toEqual(['ô nhiễm', 'môi trường', 'rác thải']);
    expect(forms('hộ nghèo; chính sách y tế, giáo dục')).toEqual([
      'hộ nghèo',
      'chính sách',
      'y tế',
      'giáo dục',
    ]);
    // "đường" then "sá" across a comma are two words.
    expect(forms('con đường, sá')).toEqual(['con', 'đường', 'sá']);
    expect(compoundWords()).toEqual(expect.arrayContaining(['an ninh', 'trật tự', 'đền bù']));
  });

  it('drops stop words, single letters and numbers', () => {
    expect(forms('Bà con và người dân của xã đã có ý kiến 3 lần về việc ngập')).toEqual(['ngập']);
    for (const w of ['và', 'của', 'là', 'thì', 'các', 'những', 'được', 'cho', 'với', 'này'])
      expect(isStopWord(w)).toBe(true);
    for (const w of ['đã', 'đang', 'sẽ', 'có', 'không', 'một', 'người', 'bà con'])
      expect(isStopWord(w)).toBe(true);
    expect(isStopWord('BÀ CON'.normalize('NFD'))).toBe(true);
    expect(isStopWord('đường')).toBe(false);
    // With diacritics, "cỏ" (grass) is not "có".
    expect(forms('cỏ mọc có nhiều')).toEqual(['cỏ', 'mọc']);
  });

  it('reads a text typed without diacritics against the lexicon without them', () => {
    expect(forms('Ba con phan anh duong sa xuong cap, mua lon thi ngap ung')).toEqual([
      'duong sa',
      'xuong cap',
      'mua lon',
      'ngap ung',
    ]);
  });
});

describe('keywords', () => {
  const petition =
    'Kính gửi Ủy ban nhân dân xã. Bà con ấp chúng tôi phản ánh: đường sá xuống cấp, ' +
    'mỗi khi mưa lớn thì ngập úng kéo dài, học sinh đi lại khó khăn. Đường ngập úng ' +
    'nhiều ngày, nước ngập vào nhà. Đề nghị các cơ quan chức năng sớm sửa chữa đường ' +
    'và làm cống thoát nước.';

  it('ranks the terms of a petition by frequency without a corpus', () => {
    const top = keywords(petition, { limit: 3 });
    // Two terms occur twice; on a tie the compound comes first.
    expect(top[0]).toMatchObject({ term: 'ngập úng', count: 2 });
    expect(top[1]).toMatchObject({ term: 'đường', count: 2 });
    expect(top.map((k) => k.term)).not.toContain('bà con');
  });

  it('weights terms by TF-IDF against a corpus: words in every document count less', () => {
    const corpus = documentFrequencies([
      'Đường liên xã xuống cấp, đề nghị sửa chữa đường',
      'Đường vào trường học hư hỏng',
      'Mất điện thường xuyên, đường dây cũ',
      petition,
    ]);
    const ranked = keywords(petition, { corpus, limit: 20 });
    const score = (term: string) => ranked.find((k) => k.term === term)!.score;
    // "đường" and "ngập úng" occur twice here; "đường" is in every document of the corpus.
    expect(score('ngập úng')).toBeGreaterThan(score('đường'));
    expect(ranked[0]!.term).toBe('ngập úng');
  });

  it('gives the same keywords to a decomposed, upper-case copy', () => {
    const variant = petition.normalize('NFD').toUpperCase();
    expect(keywords(variant).map((k) => k.key)).toEqual(keywords(petition).map((k) => k.key));
  });

  it('proposes topics from the keywords', () => {
    const { topics } = loadReferenceData();
    const proposals = proposeTopics(rankTerms(terms(petition), { limit: Infinity }), topics);
    expect(proposals[0]!.code).toBe('flooding');
    expect(proposals.map((p) => p.code)).toEqual(expect.arrayContaining(['roads']));
    expect(proposals[0]!.matched).toEqual(expect.arrayContaining(['ngập úng', 'mưa lớn']));
    expect(keywordMatches('ngap ung', 'ngap')).toBe(true);
    expect(keywordMatches('mat dien', 'dien')).toBe(false);
  });
});
