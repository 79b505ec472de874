import { sketchSimilarity } from './content-sketch';

/** A case the read model finds for a probe: same petitioner, or same respondent and category. */
export interface CandidateCase {
  caseId: string;
  status: string;
  closureReason: string | null;
  registeredAt: string | null;
  category: string | null;
  petitionerRef: string | null;
  respondentRef: string | null;
  contentSketch: number[] | null;
}

export interface SuggestionProbe { petitionerRef: string; respondentRef: string; contentSketch: number[] | null }

export type SuggestionReason = 'same_petitioner' | 'same_respondent_and_category' | 'similar_content';
/** What filing with `repeatOf: <caseId>` does: join the open case, open a new linked case, or a new case cited for 不再受理. */
export type FileAs = 'repeat' | 'new_linked_case' | 'new_case_after_final_decision';

export interface Suggestion {
  caseId: string; status: string; closureReason: string | null; registeredAt: string | null;
  score: number; reasons: SuggestionReason[]; contentSimilarity: number; fileAs: FileAs;
}

/** Weights of the score (0 … 1): the petitioner counts most; content separates grievances against one respondent. */
export const SUGGESTION_WEIGHTS = { petitioner: 0.4, respondent: 0.3, content: 0.3 } as const;
/** Content at least this similar is named as a reason. */
export const SIMILAR_CONTENT = 0.25;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Scores one candidate; the registrar decides, this only orders the list and says why. */
export function scoreCandidate(probe: SuggestionProbe, c: CandidateCase): Suggestion {
  const samePetitioner = c.petitionerRef !== null && c.petitionerRef === probe.petitionerRef;
  const sameRespondent = c.respondentRef !== null && c.respondentRef === probe.respondentRef;
  const similarity = sketchSimilarity(probe.contentSketch, c.contentSketch);
  const reasons: SuggestionReason[] = [];
  if (samePetitioner) reasons.push('same_petitioner');
  if (sameRespondent) reasons.push('same_respondent_and_category');
  if (similarity >= SIMILAR_CONTENT) reasons.push('similar_content');
  const score = (samePetitioner ? SUGGESTION_WEIGHTS.petitioner : 0) + (sameRespondent ? SUGGESTION_WEIGHTS.respondent : 0)
    + SUGGESTION_WEIGHTS.content * similarity;
  const fileAs: FileAs = c.status !== 'closed' ? 'repeat' : c.closureReason === 'final_decision' ? 'new_case_after_final_decision' : 'new_linked_case';
  return { caseId: c.caseId, status: c.status, closureReason: c.closureReason, registeredAt: c.registeredAt,
    score: round2(score), reasons, contentSimilarity: round2(similarity), fileAs };
}

/** Best first (score, then the open case, then the latest); at most `limit`. */
export function rankSuggestions(probe: SuggestionProbe, candidates: readonly CandidateCase[], limit = 10): Suggestion[] {
  return candidates.map((c) => scoreCandidate(probe, c))
    .sort((a, b) => b.score - a.score || Number(a.status === 'closed') - Number(b.status === 'closed')
      || (b.registeredAt ?? '').localeCompare(a.registeredAt ?? '') || a.caseId.localeCompare(b.caseId))
    .slice(0, limit);
}
