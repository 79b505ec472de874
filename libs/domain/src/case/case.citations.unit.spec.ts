import { letterCitations } from './case.citations';
import { evolveAll } from './case.evolve';
import { ev, upTo } from './case.testkit';

describe('letterCitations: what a letter cites for an escalation', () => {
  const breached = evolveAll([...upTo.handling(), ev.handlingBreached()]);

  it('new events: the duty as recorded; the ground on the recommendation only', () => {
    expect(letterCitations(ev.escalated(), breached)).toEqual({ article: '第三十四条', groundArticle: null });
    const rec = ev.escalated({ rung: 'accountability_recommendation', escalationKey: 'handling:esc:accountability_recommendation', groundArticle: '第四十五条' });
    expect(letterCitations(rec, breached)).toEqual({ article: '第三十四条', groundArticle: '第四十五条' });
  });

  it('events recorded before groundArticle (the ground in article): the duty from the running clock, the ground kept for the recommendation', () => {
    expect(letterCitations(ev.escalated({ article: '第四十五条' }), breached)).toEqual({ article: '第三十四条', groundArticle: null });
    const rec = ev.escalated({ rung: 'accountability_recommendation', article: '第四十五条' });
    expect(letterCitations(rec, breached)).toEqual({ article: '第三十四条', groundArticle: '第四十五条' });
    const feedback = ev.escalated({ rung: 'accountability_recommendation', deadlineKey: 'feedback:1', article: '第四十五条' });
    expect(letterCitations(feedback, breached)).toEqual({ article: '第四十条', groundArticle: '第四十五条' });
  });
});
