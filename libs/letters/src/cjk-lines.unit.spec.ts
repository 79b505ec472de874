import { breakUnits, layoutCjkParagraph } from './cjk-lines';

// A monospace stand-in for a font: full-width characters are 1 wide, ASCII 0.5.
const measure = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) < 128 ? 0.5 : 1), 0);

describe('breakUnits', () => {
  it('keeps Latin and number runs whole, breaking codes only after - or /', () => {
    expect(breakUnits('编号XF-2026-01，2026年')).toEqual(['编', '号', 'XF-', '2026-', '01', '，', '2026', '年']);
  });
});

describe('layoutCjkParagraph', () => {
  it('fills lines to the width and justifies all but the last', () => {
    const lines = layoutCjkParagraph('一二三四五六七八九十甲乙丙', measure, 5, { indent: 2 });
    expect(lines.map((l) => l.text)).toEqual(['一二三', '四五六七八', '九十甲乙丙']);
    expect(lines.map((l) => l.indent)).toEqual([2, 0, 0]);
    expect(lines.every((l) => l.characterSpacing === 0)).toBe(true); // all exactly full, last unjustified
  });

  it('never starts a line with closing punctuation: the last character is pushed down with it', () => {
    const lines = layoutCjkParagraph('一二三四五，六七', measure, 5);
    expect(lines.map((l) => l.text)).toEqual(['一二三四', '五，六七']);
    expect(lines[0].characterSpacing).toBeCloseTo(1 / 3);
    expect(lines[1].characterSpacing).toBe(0);
  });

  it('never ends a line with opening punctuation', () => {
    const lines = layoutCjkParagraph('一二三四《五六》', measure, 5);
    expect(lines.map((l) => l.text)).toEqual(['一二三四', '《五六》']);
  });

  it('moves a whole code to the next line rather than splitting it', () => {
    const lines = layoutCjkParagraph('一二三ABCDEF', measure, 5);
    expect(lines.map((l) => l.text)).toEqual(['一二三', 'ABCDEF']);
    // Spreading 2 units over 2 gaps exceeds maxSpacing, so that line stays ragged.
    expect(layoutCjkParagraph('一二三ABCDEF', measure, 5, { maxSpacing: 0.5 })[0].characterSpacing).toBe(0);
  });

  it('splits a code longer than a line as a last resort', () => {
    const lines = layoutCjkParagraph('ABCDEFGHIJKLMN', measure, 5);
    expect(lines.map((l) => l.text).join('')).toBe('ABCDEFGHIJKLMN');
    expect(lines.every((l) => measure(l.text) <= 5)).toBe(true);
  });
});
