/**
 * Clock pauses with a reason and an approver (national policy: pauseApproval { approverRole: 'unit_head' }).
 * The handler asks; the head of the unit answerable for the clock approves by issuing PauseClock himself,
 * naming himself as approverId and writing why. A policy document without pauseApproval keeps the older
 * rule (the handler stops the clock alone): see case.pause.unit.spec.ts.
 * Base: the handling clock of the base timeline under the national policy, due 12 May 2026 00:00 (+08).
 */
import { nationalDefaultPolicy, validatePolicyDocument } from '../policy';
import { nextDeadline, pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import { evolveAll } from './case.evolve';
import { CTX, DUE, HANDLER, LEAD, OTHER_HEAD, REVIEW_BODY, UNIT_HEAD, cmd, ev, given, stepClocks, upTo } from './case.testkit';

const H = 3_600_000;
const WHY = '委托房屋安全鉴定，鉴定期间不计入办理期限 / building safety appraisal commissioned';
const approved = (o = {}) => cmd.pauseClock({ actor: UNIT_HEAD, approverId: UNIT_HEAD.id, requestedBy: HANDLER.id, pauseReason: 'appraisal', reason: WHY, ...o });

describe('PauseClock under a policy with pause approval (national)', () => {
  it('is refused without an approver, by someone else than the approver, or without a written reason', () => {
    // The handler alone: no approver named.
    given(upTo.handling()).when(cmd.pauseClock({ pauseReason: 'appraisal' })).then('CASE_PAUSE_APPROVER_REQUIRED');
    // The handler naming his head: the head must approve himself.
    given(upTo.handling()).when(cmd.pauseClock({ pauseReason: 'appraisal', approverId: UNIT_HEAD.id })).then('CASE_PAUSE_NOT_APPROVER');
    // The head naming another approver.
    given(upTo.handling()).when(approved({ approverId: 'head-2' })).then('CASE_PAUSE_NOT_APPROVER');
    // The head without the why.
    given(upTo.handling()).when(approved({ reason: undefined })).then('CASE_REASON_REQUIRED');
    given(upTo.handling()).when(approved({ reason: '   ' })).then('CASE_REASON_REQUIRED');
    // The head of another unit.
    given(upTo.handling()).when(approved({ actor: OTHER_HEAD, approverId: OTHER_HEAD.id })).then('CASE_NOT_AUTHORIZED_UNIT');
    // A reason the policy does not configure for this clock is refused before the approval is looked at.
    given(upTo.handling()).when(approved({ pauseReason: 'expert_appraisal' })).then('CASE_PAUSE_REASON_UNKNOWN');
  });

  it('the approved pause records reason, why, approver and requester; the clock stops with the time left', () => {
    const state = given(upTo.handling())
      .when(approved())
      .then([
        {
          type: 'ClockPaused',
          at: '2026-04-01T10:00:00+08:00',
          actor: UNIT_HEAD,
          reason: WHY,
          deadlineKey: 'handling',
          pauseReason: 'appraisal',
          unitId: LEAD,
          // 1 Apr 10:00 (+08) → 12 May 00:00 (+08) = 40 d 14 h = 974 h.
          remainingMs: 974 * H,
          approverId: UNIT_HEAD.id,
          requestedBy: HANDLER.id,
        },
      ]);
    expect(stepClocks(pendingDeadlines(state, CTX)).map((d) => [d.key, d.paused ?? false])).toEqual([['handling', true]]);
    expect(nextDeadline(state, CTX)).toBeNull();
  });

  it('the handler resumes it (no approval needed to restart a clock); the deadline moves by the time stopped', () => {
    const paused: CaseEvent = { type: 'ClockPaused', at: '2026-04-01T10:00:00+08:00', actor: UNIT_HEAD, reason: WHY, deadlineKey: 'handling',
      pauseReason: 'appraisal', unitId: LEAD, remainingMs: 974 * H, approverId: UNIT_HEAD.id };
    // 1 Apr 10:00 → 15 Apr 10:00 (+08) = 14 days; 12 May 00:00 + 14 d = 26 May 00:00 (+08) = 25 May 16:00Z.
    const state = given([...upTo.handling(), paused])
      .when(cmd.resumeClock({ at: '2026-04-15T10:00:00+08:00' }))
      .then([{ type: 'ClockResumed', at: '2026-04-15T10:00:00+08:00', actor: HANDLER, deadlineKey: 'handling', pauseReason: 'appraisal',
        unitId: LEAD, pausedMs: 14 * 24 * H, dueAt: '2026-05-25T16:00:00.000Z' }]);
    expect(DUE.handling).toBe('2026-05-11T16:00:00.000Z');
    expect(state.handling?.dueAt).toBe('2026-05-25T16:00:00.000Z');
    expect(evolveAll([...upTo.handling(), paused]).pauses[0]?.endedAt).toBeNull();
    expect(state.pauses[0]).toMatchObject({ pauseReason: 'appraisal', endedAt: '2026-04-15T10:00:00+08:00', pausedMs: 14 * 24 * H });
  });

  it('waiting for another authority stops the review clock too, approved by the review body head', () => {
    const reviewHead = { id: 'rv-head', role: 'unit_head' as const, unitId: REVIEW_BODY };
    const at = '2026-05-10T10:00:00+08:00';
    given(upTo.review())
      .when(cmd.pauseClock({ actor: reviewHead, approverId: reviewHead.id, deadlineKey: 'decideReview', pauseReason: 'awaiting_authority', at, reason: '等待规划部门认定' }))
      .then([{ type: 'ClockPaused', at, actor: reviewHead, reason: '等待规划部门认定', deadlineKey: 'decideReview', pauseReason: 'awaiting_authority',
        unitId: REVIEW_BODY, remainingMs: Date.parse(DUE.decideReview) - Date.parse(at), approverId: reviewHead.id }]);
    // Appraisal is configured for handling only.
    given(upTo.review())
      .when(cmd.pauseClock({ actor: reviewHead, approverId: reviewHead.id, deadlineKey: 'decideReview', pauseReason: 'appraisal', at, reason: 'x' }))
      .then('CASE_PAUSE_REASON_UNKNOWN');
  });

  it('the hearing of art.36 stays the re-review handler\'s own act (no approval)', () => {
    given(upTo.reReview()).when(cmd.startHearing()).then([ev.hearingStarted()]);
  });
});

describe('pauseApproval in a policy document', () => {
  it('the national document validates; an unknown approver role or field is a problem at its path', () => {
    expect(validatePolicyDocument(nationalDefaultPolicy).ok).toBe(true);
    const bad = validatePolicyDocument({ ...nationalDefaultPolicy, pauseApproval: { approverRole: 'handler', who: 1 } });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path).sort()).toEqual(['pauseApproval.approverRole', 'pauseApproval.who']);
    const notObject = validatePolicyDocument({ ...nationalDefaultPolicy, pauseApproval: 'unit_head' });
    expect(notObject.ok ? [] : notObject.problems.map((p) => p.path)).toEqual(['pauseApproval']);
  });
});
