import { composeLetter } from './letter-content';
import { SAMPLE_ACCOUNTABILITY_RECOMMENDATION } from './letter.samples';
import { renderLetterHtml } from './render-html';

/** A recommendation addressed to the failing unit's superior (policy.accountability), the unit in copy (抄送). */
describe('accountability recommendation to the superior', () => {
  const toSuperior = {
    ...SAMPLE_ACCOUNTABILITY_RECOMMENDATION,
    recipientUnit: { id: 'xh-gov', nameZh: '徐汇区人民政府' },
    failingUnit: { id: 'unit-xh-street-a', nameZh: '徐汇区人民政府示例街道办事处' },
    ccZh: ['徐汇区人民政府示例街道办事处'],
  };

  it('is addressed to the superior, names the failing unit in the facts, and copies the unit', () => {
    const c = composeLetter(toSuperior);
    expect(c.salutationZh).toBe('徐汇区人民政府：');
    const facts = c.paragraphsZh.find((p) => p.role === 'facts')!.text;
    const status = c.paragraphsZh.find((p) => p.role === 'status')!.text;
    expect(facts).toContain('由徐汇区人民政府示例街道办事处负责办理');
    expect(facts).not.toContain('你单位');
    expect(status).toContain('徐汇区人民政府示例街道办事处仍未完成');
    expect(c.ccLineZh).toBe('抄送：徐汇区人民政府示例街道办事处。');
    expect(renderLetterHtml(toSuperior)).toContain('抄送：徐汇区人民政府示例街道办事处。');
  });

  it('without a failing unit the recipient is the unit itself (你单位), as before', () => {
    const facts = composeLetter(SAMPLE_ACCOUNTABILITY_RECOMMENDATION).paragraphsZh.find((p) => p.role === 'facts')!.text;
    expect(facts).toContain('由你单位负责办理');
  });
});
