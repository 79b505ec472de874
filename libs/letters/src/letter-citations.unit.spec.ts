import { composeLetter } from './letter-content';
import type { SupervisionLetter } from './letter.model';
import { SAMPLE_ACCOUNTABILITY_RECOMMENDATION, SAMPLE_LISTED_SUPERVISION_NOTICE, SAMPLE_REMINDER_LETTER } from './letter.samples';
import { validateLetter } from './letter-validate';

/**
 * A letter names the broken duty by its own article, the supervision measure by art.39/40, and only an
 * accountability recommendation cites an accountability ground (art.43–46). Expected sentences written out by hand.
 */
const text = (l: SupervisionLetter) => composeLetter(l).paragraphsZh.map((p) => p.text).join('\n');
const reminderFor = (deadlineKey: string, stepZh: string, article: string): SupervisionLetter =>
  ({ ...SAMPLE_REMINDER_LETTER, breach: { ...SAMPLE_REMINDER_LETTER.breach, deadlineKey, stepZh, article } });

describe('letters cite the broken duty by its own article', () => {
  it.each([
    ['route', '转送交办', '第二十二条'],
    ['notify', '书面告知信访人', '第二十三条'],
    ['acceptance', '作出受理决定', '第三十一条'],
    ['handling (claim)', '办理并书面答复', '第三十四条'],
    ['handling (suggestion)', '办理并书面答复', '第二十九条'],
    ['handling (report)', '办理并书面答复', '第三十条'],
    ['handling (assignment 交办)', '办理并书面答复', '第二十二条'],
    ['decideReview', '作出复查意见', '第三十五条'],
    ['decideReReview', '作出复核意见', '第三十六条'],
  ])('%s: 依照《信访工作条例》%s… (%s), the measure by art.40, no ground', (key, stepZh, article) => {
    const t = text(reminderFor(key, stepZh, article));
    expect(t).toContain(`由你单位负责办理。依照《信访工作条例》${article}的规定，你单位应当于2026年4月16日前完成${stepZh}。`);
    expect(t).toContain('依照《信访工作条例》第四十条的规定，现予督办提醒。');
    expect(t).not.toMatch(/第四十[三四五六]条/u);
  });

  it('a listed-supervision notice cites the duty and art.39 (a joint-meeting measure), no ground', () => {
    const t = text(SAMPLE_LISTED_SUPERVISION_NOTICE);
    expect(t).toContain('依照《信访工作条例》第三十一条的规定，你单位应当于2026年2月24日前完成作出受理决定并书面告知信访人。');
    expect(t).toContain('依照《信访工作条例》第三十九条的规定，决定对该信访事项实行挂牌督办。');
    expect(t).not.toMatch(/第四十[三四五六]条/u);
  });

  it('an accountability recommendation cites the duty, the ground (art.43–46) and the measure (art.40)', () => {
    const t = text(SAMPLE_ACCOUNTABILITY_RECOMMENDATION);
    expect(t).toContain('依照《信访工作条例》第三十四条的规定，你单位应当于2026年2月27日前完成办理并书面答复信访人。');
    expect(t).toContain('你单位的上述行为属于《信访工作条例》第四十五条规定的情形。依照《信访工作条例》第四十条的规定，现向你单位提出问责建议如下：');
    const route = { ...SAMPLE_ACCOUNTABILITY_RECOMMENDATION, breach: { ...SAMPLE_ACCOUNTABILITY_RECOMMENDATION.breach, deadlineKey: 'route', stepZh: '转送交办', article: '第二十二条' },
      accountabilityGround: { article: '第四十三条' } };
    expect(text(route)).toContain('依照《信访工作条例》第二十二条的规定');
    expect(text(route)).toContain('属于《信访工作条例》第四十三条规定的情形');
  });

  it('a practice limit (receipt) cites the practice policy, not the Regulation', () => {
    const source = '示范市信访工作联席会议《信访事项签收办理工作规程（示例）》第五条';
    const letter: SupervisionLetter = { ...SAMPLE_REMINDER_LETTER, breach: { stepZh: '签收登记', deadlineKey: 'receive', dueAt: SAMPLE_REMINDER_LETTER.breach.dueAt, practiceSourceZh: source } };
    expect(validateLetter(letter)).toEqual([]);
    expect(text(letter)).toContain(`由你单位负责办理。依照${source}的规定，你单位应当于2026年4月16日前完成签收登记。`);
    const rec: SupervisionLetter = { ...SAMPLE_ACCOUNTABILITY_RECOMMENDATION, breach: { ...letter.breach, dueAt: SAMPLE_ACCOUNTABILITY_RECOMMENDATION.breach.dueAt },
      accountabilityGround: { practiceSourceZh: source } };
    expect(text(rec)).toContain(`你单位的上述行为不符合${source}的规定。依照《信访工作条例》第四十条的规定，现向你单位提出问责建议如下：`);
    expect(text(rec)).not.toMatch(/第四十[三四五六]条/u);
  });

  it('refuses a recommendation without a ground, a ground outside art.43–46, a ground on other letters, and both article and source', () => {
    const { accountabilityGround: _g, ...noGround } = SAMPLE_ACCOUNTABILITY_RECOMMENDATION;
    expect(validateLetter(noGround).map((p) => p.path)).toEqual(['accountabilityGround']);
    expect(validateLetter({ ...SAMPLE_ACCOUNTABILITY_RECOMMENDATION, accountabilityGround: { article: '第三十四条' } }).map((p) => p.path)).toEqual(['accountabilityGround.article']);
    expect(validateLetter({ ...SAMPLE_REMINDER_LETTER, accountabilityGround: { article: '第四十五条' } }).map((p) => p.path)).toEqual(['accountabilityGround']);
    expect(validateLetter({ ...SAMPLE_REMINDER_LETTER, breach: { ...SAMPLE_REMINDER_LETTER.breach, practiceSourceZh: '某市规程' } }).map((p) => p.path)).toEqual(['breach.article']);
  });
});
