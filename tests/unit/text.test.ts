import { html } from '../../src/platform/html';
import { redactUrl } from '../../src/platform/http';
import { normalizeLine, normalizeText, searchKey } from '../../src/platform/text';

describe('Vietnamese text', () => {
  it('composes decomposed input (NFC)', () => {
    const nfd = 'Tiếng Dân'.normalize('NFD');
    expect(nfd).not.toBe('Tiếng Dân');
    expect(normalizeText(nfd)).toBe('Tiếng Dân'.normalize('NFC'));
  });

  it('drops zero-width characters and collapses a line', () => {
    expect(normalizeLine(' Đường\u200b  ngập\u00ad nước \ufeff')).toBe('Đường ngập nước');
  });

  it('makes a search key without diacritics or case, đ → d', () => {
    expect(searchKey('ĐƯỜNG Đất đỏ')).toBe('duong dat do');
    expect(searchKey('Nước ngập'.normalize('NFD'))).toBe('nuoc ngap');
    expect(searchKey('Cầu-Ông  Lãnh!')).toBe('cau ong lanh');
  });
});

describe('html', () => {
  // An alias, so that Prettier leaves these templates exactly as written.
  const tag = html;

  it('escapes interpolated text but not nested html', () => {
    const user = '<script>alert("x")</script>';
    const out = tag`<p>${user}</p>${tag`<b>ok</b>`}`.value;
    expect(out).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><b>ok</b>');
  });

  it('escapes attributes, and leaves out null, undefined and false', () => {
    expect(tag`<input value="${'" onfocus="x'}">`.value).toBe(
      '<input value="&quot; onfocus=&quot;x">',
    );
    expect(tag`${null}${undefined}${false}${0}`.value).toBe('0');
  });
});

describe('logs', () => {
  it('never carry reply tokens', () => {
    expect(redactUrl('/reply/abcDEF123_-xyz?lang=en')).toBe('/reply/[token]?lang=en');
    expect(redactUrl('/api/v1/replies/abcDEF123_-xyz')).toBe('/api/v1/replies/[token]');
  });
});
