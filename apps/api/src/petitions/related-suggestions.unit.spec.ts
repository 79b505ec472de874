import { contentSketch, sketchSimilarity } from './content-sketch';
import { type CandidateCase, rankSuggestions, scoreCandidate } from './related-suggestions';

const secret = 'unit-test-secret-0123456789';
const elevator = '小区加装电梯工程停工半年，请求督促复工。';
const probe = { petitionerRef: 'p-1', respondentRef: 'm-1', contentSketch: contentSketch(secret, elevator) };
const base: CandidateCase = {
  caseId: 'petition-aaaaaaaaaaaaaaaaaaaa', status: 'open', closureReason: null, registeredAt: '2026-03-01T00:00:00.000Z',
  category: 'urban_construction', petitionerRef: 'p-1', respondentRef: 'm-1', contentSketch: contentSketch(secret, elevator),
};

describe('content sketch', () => {
  it('is the same for the same text whatever spacing and punctuation, and holds no text', () => {
    const a = contentSketch(secret, elevator)!;
    expect(contentSketch(secret, ' 小区加装电梯工程停工半年 请求督促复工 ')).toEqual(a);
    expect(a).toHaveLength(16);
    expect(a.every((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 31)).toBe(true);
    expect(contentSketch(secret, '，。 ')).toBeNull();
  });

  it('estimates similarity: identical 1, unrelated text low, keyed by the secret', () => {
    const a = contentSketch(secret, elevator);
    expect(sketchSimilarity(a, contentSketch(secret, elevator))).toBe(1);
    expect(sketchSimilarity(a, contentSketch(secret, '拖欠农民工工资三个月，要求支付。'))).toBeLessThan(0.25);
    expect(sketchSimilarity(a, contentSketch('another-secret-0123456789', elevator))).toBeLessThan(0.25);
    expect(sketchSimilarity(a, null)).toBe(0);
  });
});

describe('related-case suggestions', () => {
  it('scores petitioner 0.4 + respondent and category 0.3 + content 0.3 × similarity, naming each reason', () => {
    expect(scoreCandidate(probe, base)).toMatchObject({ score: 1, reasons: ['same_petitioner', 'same_respondent_and_category', 'similar_content'], fileAs: 'repeat' });
    const other = { ...base, petitionerRef: 'p-2', contentSketch: contentSketch(secret, '拖欠农民工工资三个月，要求支付。') };
    const s = scoreCandidate(probe, other);
    expect(s.reasons).toEqual(['same_respondent_and_category']);
    expect(s.score).toBeCloseTo(0.3 + 0.3 * s.contentSimilarity, 2);
  });

  it('says what filing as a repeat of a closed case does', () => {
    expect(scoreCandidate(probe, { ...base, status: 'closed', closureReason: 'withdrawn' }).fileAs).toBe('new_linked_case');
    expect(scoreCandidate(probe, { ...base, status: 'closed', closureReason: 'final_decision' }).fileAs).toBe('new_case_after_final_decision');
  });

  it('ranks by score, then open before closed', () => {
    const closed = { ...base, caseId: 'petition-bbbbbbbbbbbbbbbbbbbb', status: 'closed', closureReason: 'withdrawn' };
    const weak = { ...base, caseId: 'petition-cccccccccccccccccccc', petitionerRef: 'p-9', contentSketch: null };
    expect(rankSuggestions(probe, [weak, closed, base]).map((s) => s.caseId)).toEqual([base.caseId, closed.caseId, weak.caseId]);
    expect(rankSuggestions(probe, [weak, closed, base], 1)).toHaveLength(1);
  });
});
