import { pendingDeadlines } from './case.deadlines';
import type { CaseEvent } from './case.events';
import type { CaseStep } from './case.types';
import { CTX, HANDLER, REGISTRAR, SUPERVISOR, cmd, ev, given, upTo } from './case.testkit';

const at = '2026-07-05T10:00:00+08:00';
const reason = '信访人申请撤回 / petitioner asked to withdraw';

const openSteps: Array<[string, () => CaseEvent[], CaseStep]> = [
  ['routing', upTo.routing, 'routing'],
  ['receipt', upTo.receipt, 'receipt'],
  ['acceptance', upTo.acceptance, 'acceptance'],
  ['objection', upTo.objection, 'objection'],
  ['handling', upTo.handling, 'handling'],
  ['handling with a pending extension', () => [...upTo.handling(), ev.extensionRequested()], 'handling'],
  ['replied', upTo.replied, 'replied'],
  ['review', upTo.review, 'review'],
  ['review decided', upTo.reviewDecided, 'review_decided'],
  ['re-review', upTo.reReview, 're_review'],
  ['re-review during a hearing', upTo.hearing, 're_review'],
];

describe('WithdrawPetition (on the petitioner request, any open step)', () => {
  it.each(openSteps)('at %s: withdrawn and closed, no clock left', (_label, history, step) => {
    const state = given(history())
      .when(cmd.withdraw({ at }))
      .then([
        { type: 'PetitionWithdrawn', at, actor: REGISTRAR, reason, step },
        { type: 'CaseClosed', at, actor: REGISTRAR, reason, closureReason: 'withdrawn', step },
      ]);
    expect(state.status).toBe('closed');
    expect(state.step).toBe('closed');
    expect(state.withdrawnAt).toBe(at);
    expect(state.closure).toEqual({ reason: 'withdrawn', at, fromStep: step });
    expect(pendingDeadlines(state, CTX)).toEqual([]);
  });

  it('records no reason when none is given', () => {
    given(upTo.routing())
      .when(cmd.withdraw({ at, reason: undefined }))
      .then([
        { type: 'PetitionWithdrawn', at, actor: REGISTRAR, step: 'routing' },
        { type: 'CaseClosed', at, actor: REGISTRAR, closureReason: 'withdrawn', step: 'routing' },
      ]);
  });

  it('is recorded by a registrar only', () => {
    given(upTo.handling()).when(cmd.withdraw({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.handling()).when(cmd.withdraw({ actor: SUPERVISOR })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('cannot withdraw a closed case or one never registered', () => {
    const withdrawn = [
      ...upTo.handling(),
      { type: 'PetitionWithdrawn' as const, at, actor: REGISTRAR, step: 'handling' as const },
      { type: 'CaseClosed' as const, at, actor: REGISTRAR, closureReason: 'withdrawn' as const, step: 'handling' as const },
    ];
    given(withdrawn).when(cmd.withdraw()).then('CASE_CLOSED');
    given([]).when(cmd.withdraw()).then('CASE_NOT_REGISTERED');
  });
});
