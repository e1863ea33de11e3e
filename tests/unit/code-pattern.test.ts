import { codePattern } from '../../src/triage/inbox';

describe('codePattern (inbox search by tracking code)', () => {
  const finds = (query: string, code: string) => {
    const p = codePattern(query);
    return p !== null && new RegExp(p).test(code);
  };

  it('finds a code from any part of it: whole, with or without dashes, any case', () => {
    expect(finds('TD-7K4M-9QXP', 'TD-7K4M-9QXP')).toBe(true);
    expect(finds('7k4m9q', 'TD-7K4M-9QXP')).toBe(true);
    expect(finds('9qxp', 'TD-7K4M-9QXP')).toBe(true);
  });

  it('finds a part made of letters only (the browser journey once drew "amtxtx")', () => {
    expect(finds('amtxtx', 'TD-AMTX-TXBT')).toBe(true);
    expect(finds('rtwkjq', 'TD-RTWK-JQ6V')).toBe(true);
  });

  it('leaves ordinary words and short queries to the word search', () => {
    expect(codePattern('duong')).toBeNull(); // O and U are not in the codes' alphabet
    expect(codePattern('điện')).toBeNull();
    expect(codePattern('abc')).toBeNull();
    expect(codePattern('cột điện nghiêng')).toBeNull();
  });
});
