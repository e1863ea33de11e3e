import { csvCell } from '../../src/reports/export';

describe('CSV cells (finding 3: formula injection where `;` separates lists)', () => {
  it('quotes every text cell, so `;` cannot start a new cell', () => {
    expect(csvCell('x;=2+5')).toBe('"x;=2+5"');
    expect(csvCell('Bàu Bàng')).toBe('"Bàu Bàng"');
    expect(csvCell('a "quoted" word')).toBe('"a ""quoted"" word"');
  });
  it('keeps the prefix rule for text that starts like a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    for (const start of ['+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
  });
  it('writes numbers bare and nothing for missing values', () => {
    expect(csvCell(12)).toBe('12');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});
