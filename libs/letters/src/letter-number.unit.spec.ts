import { LetterError, type LetterErrorCode } from './letter-error';
import { formatLetterNo, isLetterNo, type LetterNoParts, parseLetterNo } from './letter-number';
import { thrown } from '../../../tools/test/thrown';

function codeOf(fn: () => unknown): LetterErrorCode {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(LetterError);
  const err = e as LetterError;
  expect(err.messageZh.length).toBeGreaterThan(0);
  expect(err.messageEn.length).toBeGreaterThan(0);
  return err.code;
}

describe('formatLetterNo', () => {
  it('writes 机关代字〔年份〕序号号 with 六角括号 and no padding', () => {
    expect(formatLetterNo({ bodyAbbrev: '徐信督', year: 2026, seq: 17 })).toBe('徐信督〔2026〕17号');
    expect(formatLetterNo({ bodyAbbrev: '沪徐信督', year: 2026, seq: 1 })).toBe('沪徐信督〔2026〕1号');
    expect(formatLetterNo({ bodyAbbrev: '国信督', year: 2025, seq: 120 })).toBe('国信督〔2025〕120号');
  });

  it('trims the abbreviation', () => {
    expect(formatLetterNo({ bodyAbbrev: ' 徐信督 ', year: 2026, seq: 3 })).toBe('徐信督〔2026〕3号');
  });

  it.each<[string, LetterNoParts, LetterErrorCode]>([
    ['empty abbreviation', { bodyAbbrev: '', year: 2026, seq: 1 }, 'LETTER_NO_INVALID_ABBREV'],
    ['Latin abbreviation', { bodyAbbrev: 'XHXD', year: 2026, seq: 1 }, 'LETTER_NO_INVALID_ABBREV'],
    ['brackets in abbreviation', { bodyAbbrev: '徐信督〔', year: 2026, seq: 1 }, 'LETTER_NO_INVALID_ABBREV'],
    ['abbreviation ending in 号', { bodyAbbrev: '徐信督号', year: 2026, seq: 1 }, 'LETTER_NO_INVALID_ABBREV'],
    ['over-long abbreviation', { bodyAbbrev: '徐'.repeat(17), year: 2026, seq: 1 }, 'LETTER_NO_INVALID_ABBREV'],
    ['two-digit year', { bodyAbbrev: '徐信督', year: 26, seq: 1 }, 'LETTER_NO_INVALID_YEAR'],
    ['fractional year', { bodyAbbrev: '徐信督', year: 2026.5, seq: 1 }, 'LETTER_NO_INVALID_YEAR'],
    ['five-digit year', { bodyAbbrev: '徐信督', year: 20260, seq: 1 }, 'LETTER_NO_INVALID_YEAR'],
    ['zero sequence', { bodyAbbrev: '徐信督', year: 2026, seq: 0 }, 'LETTER_NO_INVALID_SEQ'],
    ['negative sequence', { bodyAbbrev: '徐信督', year: 2026, seq: -3 }, 'LETTER_NO_INVALID_SEQ'],
    ['fractional sequence', { bodyAbbrev: '徐信督', year: 2026, seq: 1.5 }, 'LETTER_NO_INVALID_SEQ'],
    ['NaN sequence', { bodyAbbrev: '徐信督', year: 2026, seq: Number.NaN }, 'LETTER_NO_INVALID_SEQ'],
    ['huge sequence', { bodyAbbrev: '徐信督', year: 2026, seq: 10_000_000 }, 'LETTER_NO_INVALID_SEQ'],
  ])('rejects %s with a typed error', (_label, parts, code) => {
    expect(codeOf(() => formatLetterNo(parts))).toBe(code);
  });

  it('reports the offending field in problems', () => {
    const e = thrown(() => formatLetterNo({ bodyAbbrev: '徐信督', year: 2026, seq: 0 }));
    expect((e as LetterError).problems).toEqual([{ path: 'seq', message: expect.any(String) }]);
  });
});

describe('parseLetterNo', () => {
  it('parses the example from the brief', () => {
    expect(parseLetterNo('沪徐信督〔2026〕17号')).toEqual({ bodyAbbrev: '沪徐信督', year: 2026, seq: 17 });
  });

  it('round-trips with formatLetterNo', () => {
    const cases: LetterNoParts[] = [
      { bodyAbbrev: '徐信督', year: 2026, seq: 17 },
      { bodyAbbrev: '浙信联办', year: 2024, seq: 1 },
      { bodyAbbrev: '国信办督', year: 1999, seq: 999_999 },
    ];
    for (const parts of cases) {
      const text = formatLetterNo(parts);
      expect(parseLetterNo(text)).toEqual(parts);
      expect(formatLetterNo(parseLetterNo(text))).toBe(text);
    }
  });

  it.each([
    ['徐信督[2026]17号', '六角括号'],
    ['徐信督（2026）17号', '六角括号'],
    ['徐信督【2026】17号', '六角括号'],
    ['徐信督〔2026〕017号', '虚位'],
    ['徐信督〔2026〕第17号', '格式'],
    ['徐信督〔2026〕17', '格式'],
    ['〔2026〕17号', '格式'],
    ['徐信督〔26〕17号', '格式'],
    [' 徐信督〔2026〕17号', '格式'],
    ['', '格式'],
  ])('rejects %j (hint: %s)', (text, hint) => {
    const e = thrown(() => parseLetterNo(text));
    const err = e as LetterError;
    expect(err).toBeInstanceOf(LetterError);
    expect(err.code).toBe('LETTER_NO_UNPARSEABLE');
    expect(err.messageZh).toContain(hint);
    expect(err.problems[0].path).toBe('letterNo');
  });

  it('rejects a year out of range even when the shape is right', () => {
    expect(codeOf(() => parseLetterNo('徐信督〔1900〕1号'))).toBe('LETTER_NO_INVALID_YEAR');
  });

  it('isLetterNo answers without throwing', () => {
    expect(isLetterNo('徐信督〔2026〕17号')).toBe(true);
    expect(isLetterNo('徐信督(2026)17号')).toBe(false);
  });
});
