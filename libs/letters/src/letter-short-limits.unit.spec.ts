import { composeLetter } from './letter-content';
import { validateLetter } from './letter-validate';
import { SAMPLE_LISTED_SUPERVISION_NOTICE, SAMPLE_REMINDER_LETTER } from './letter.samples';

/**
 * A supervision office may set limits in hours or minutes (a pilot, a drill, the demo city). Letters then name the
 * exact time, and their rules compare instants: a listed-supervision notice still goes out only after the breach.
 */
const breach = { ...SAMPLE_REMINDER_LETTER.breach, dueAt: '2026-12-01T03:17:49.981Z' }; // 11:17 Shanghai
const reminder = { ...SAMPLE_REMINDER_LETTER, letterNo: '沪徐信督〔2026〕101号', breach, issuedAt: '2026-12-01T03:17:50.105Z', feedbackDueAt: '2026-12-01T03:22:50.105Z' };
const text = (l: Parameters<typeof composeLetter>[0]) => composeLetter(l).paragraphsZh.map((p) => p.text).join('\n');

describe('letters for limits shorter than a day', () => {
  it('are valid when the feedback is due minutes after the issue, and name the times', () => {
    expect(validateLetter(reminder)).toEqual([]);
    const t = text(reminder);
    expect(t).toContain('应当于2026年12月1日11时17分前完成');
    expect(t).toContain('截至2026年12月1日11时17分，你单位仍未完成');
    expect(t).toContain('已超过规定期限（2026年12月1日11时17分）');
    expect(t).toContain('请于2026年12月1日11时22分前将办理情况书面反馈');
    expect(composeLetter(reminder).titleZh).toContain('办理逾期');
  });

  it('refuse a feedback time not after the issue, and a listed-supervision notice before the breach', () => {
    expect(validateLetter({ ...reminder, feedbackDueAt: '2026-12-01T03:17:50.105Z' }).map((p) => p.path)).toEqual(['feedbackDueAt']);
    const listed = { ...SAMPLE_LISTED_SUPERVISION_NOTICE, letterNo: '沪徐信督〔2026〕102号', breach, feedbackDueAt: '2026-12-01T03:30:00.000Z' };
    expect(validateLetter({ ...listed, issuedAt: '2026-12-01T03:19:50.000Z' })).toEqual([]);
    expect(validateLetter({ ...listed, issuedAt: '2026-12-01T03:17:00.000Z' }).map((p) => p.path)).toEqual(['issuedAt']);
  });

  it('keep day limits written as days (no time), as before', () => {
    const t = text(SAMPLE_REMINDER_LETTER);
    expect(t).toContain('应当于2026年4月16日前完成');
    expect(t).not.toMatch(/\d+时\d+分/);
  });
});
