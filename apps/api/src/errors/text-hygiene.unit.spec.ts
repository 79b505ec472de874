import { ApiError } from './api-error';
import { checkRequestText, findInvalidText, firstInvalidCharacter } from './text-hygiene';

const refusal = (req: { path: string; query?: unknown; body?: unknown }) => {
  try { checkRequestText(req); } catch (e) { if (e instanceof ApiError) return e; throw e; }
  return undefined;
};

describe('the text rule at the edge', () => {
  it('accepts Chinese, emoji (surrogate pairs), tab, newline and CR', () => {
    for (const s of ['某区住房和城乡建设委员会', '😀 家里漏水\t三个月\r\n仍未修复', 'plain', '', '\u202e', '\u00a0中文\u3000']) {
      expect(firstInvalidCharacter(s)).toBeUndefined();
    }
  });

  it('refuses NUL, other C0 and C1 controls, DEL and unpaired surrogates, naming the code point', () => {
    const cases: [string, number, string][] = [
      ['a\u0000b', 1, 'U+0000'], ['\u0007', 0, 'U+0007'], ['x\u000b', 1, 'U+000B'], ['\u001b[31m', 0, 'U+001B'],
      ['del\u007f', 3, 'U+007F'], ['c1\u0085', 2, 'U+0085'], ['lone\ud800', 4, 'U+D800'], ['\udc00tail', 0, 'U+DC00'],
      // a low surrogate before its high one is two unpaired halves
      ['\ude00\ud83d', 0, 'U+DE00'],
      ['ok😀\ud83d', 4, 'U+D83D'],
    ];
    for (const [s, index, codePoint] of cases) expect(firstInvalidCharacter(s)).toEqual({ index, codePoint });
  });

  it('names the field path in nested bodies, arrays and keys', () => {
    expect(findInvalidText({ respondent: { type: 'unit', description: '某\u0000镇' } })).toMatchObject({ path: 'respondent.description', codePoint: 'U+0000' });
    expect(findInvalidText({ document: { rules: [{ name: 'ok' }, { name: '\ud800' }] } })).toMatchObject({ path: 'document.rules.1.name' });
    expect(findInvalidText({ petitioner: { ['na\u0000me']: 'x' } })).toMatchObject({ path: 'petitioner.(key)' });
    expect(findInvalidText('\u0001')).toMatchObject({ path: '(body)' });
    expect(findInvalidText({ a: 1, b: [true, null, 2.5], c: '正常' })).toBeUndefined();
  });

  it('refuses with 400 TEXT_INVALID_CHARACTERS in zh-CN and English, checking path, query and body', () => {
    const e = refusal({ path: '/petitions', body: { summary: '摘要\u0000' } })!;
    expect([e.status, e.code]).toEqual([400, 'TEXT_INVALID_CHARACTERS']);
    expect(e.messageZh).toMatch(/字段 summary 含有不允许的字符/);
    expect(e.messageEn).toMatch(/Field summary .*U\+0000/);
    expect(e.details).toEqual({ problems: [{ path: 'summary', message: 'invalid character U+0000 at index 2' }] });
    expect(refusal({ path: '/policies/a%00b/versions' })?.details).toMatchObject({ problems: [{ path: '(path)' }] });
    expect(refusal({ path: '/supervision/overdue', query: { unit: 'u\u0000' } })?.details).toMatchObject({ problems: [{ path: 'query.unit' }] });
    // A malformed escape is the router's business; the rest of the request is still checked.
    expect(refusal({ path: '/a%E0%A4%A', body: {} })).toBeUndefined();
    expect(refusal({ path: '/petitions', query: {}, body: { summary: '正常摘要\n第二行' } })).toBeUndefined();
  });
});
