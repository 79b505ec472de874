import type { EscalationRaised } from './case.events';
import { DEADLINE_ARTICLES, runningDeadlines } from './case.running';
import type { CaseState } from './case.state';

/** The accountability grounds of the Regulation (art.43–46): before groundArticle existed, EscalationRaised.article held one. */
const GROUND_ARTICLES: ReadonlySet<string> = new Set(['第四十三条', '第四十四条', '第四十五条', '第四十六条']);

/**
 * What a supervision letter cites for an escalation: the broken duty (its own article, or a practice policy's
 * source) and, for an accountability recommendation only, the ground (art.43–46). An event recorded before
 * groundArticle existed held the ground in `article` (an article no duty has): the duty is then taken from the
 * clock still running (the ladder runs only while the step does), the feedback duty from art.40.
 */
export function letterCitations(
  e: Pick<EscalationRaised, 'deadlineKey' | 'rung' | 'article' | 'groundArticle'>,
  state: CaseState,
): { article: string; groundArticle: string | null } {
  const recommendation = e.rung === 'accountability_recommendation';
  if (e.groundArticle !== undefined || !GROUND_ARTICLES.has(e.article)) {
    return { article: e.article, groundArticle: recommendation ? e.groundArticle ?? null : null };
  }
  const duty = e.deadlineKey.startsWith('feedback:')
    ? DEADLINE_ARTICLES.letterFeedback
    : runningDeadlines(state).find((d) => d.key === e.deadlineKey)?.article ?? e.article;
  return { article: duty, groundArticle: recommendation ? e.article : null };
}
