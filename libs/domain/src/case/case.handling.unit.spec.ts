import { pendingDeadlines } from './case.deadlines';
import {
  CTX,
  HANDLER,
  LEAD,
  LEADER,
  OTHER_HANDLER,
  OTHER_HEAD,
  REGISTRAR,
  SUPERVISOR,
  SYSTEM,
  T,
  UNIT_HEAD,
  cmd,
  ctxWith,
  ev,
  given,
  upTo,
  stepClocks,
} from './case.testkit';

const EXTENDED = '2026-06-10T16:00:00.000Z';
const APPROVE_REASON = '涉及多部门会商 / several departments must be consulted';

describe('AssignLeader (领导包案, art.18)', () => {
  const at = '2026-03-20T10:00:00+08:00';

  it('a supervisor assigns a leader', () => {
    const state = given(upTo.handling())
      .when(cmd.assignLeader())
      .then([{ type: 'LeaderAssigned', at, actor: SUPERVISOR, leaderId: 'leader-1', previousLeaderId: null }]);
    expect(state.leaderId).toBe('leader-1');
  });

  it('a leader takes charge personally', () => {
    given(upTo.routing())
      .when(cmd.assignLeader({ actor: LEADER }))
      .then([{ type: 'LeaderAssigned', at, actor: LEADER, leaderId: 'leader-1', previousLeaderId: null }]);
  });

  it('a leader cannot assign someone else', () => {
    given(upTo.routing()).when(cmd.assignLeader({ actor: LEADER, leaderId: 'leader-2' })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('replaces the leader and records the previous one', () => {
    const first = { type: 'LeaderAssigned' as const, at, actor: SUPERVISOR, leaderId: 'leader-1', previousLeaderId: null };
    given([...upTo.handling(), first])
      .when(cmd.assignLeader({ leaderId: 'leader-2' }))
      .then([{ type: 'LeaderAssigned', at, actor: SUPERVISOR, leaderId: 'leader-2', previousLeaderId: 'leader-1' }]);
  });

  it('assigning the same leader again is a duplicate', () => {
    const first = { type: 'LeaderAssigned' as const, at, actor: SUPERVISOR, leaderId: 'leader-1', previousLeaderId: null };
    given([...upTo.handling(), first]).when(cmd.assignLeader()).then('CASE_DUPLICATE_COMMAND');
  });

  it('needs a leader id and the right role', () => {
    given(upTo.handling()).when(cmd.assignLeader({ leaderId: '' })).then('CASE_INVALID_INPUT');
    given(upTo.handling()).when(cmd.assignLeader({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
  });
});

describe('RequestExtension (art.34: ≤ 30 days, once, claims only)', () => {
  it('requests 30 more days, counted from the last day of the limit', () => {
    const state = given(upTo.handling()).when(cmd.requestExtension()).then([ev.extensionRequested()]);
    expect(state.extension?.status).toBe('requested');
    // The deadline does not move until the unit head approves.
    expect(state.handling?.dueAt).toBe('2026-05-11T16:00:00.000Z');
  });

  it('rolls an extended deadline ending on National Day', () => {
    // Last day Tue 1 Sep + 30 = 1 Oct (holiday) → Thu 8 Oct.
    const history = [...upTo.acceptance(), ev.notified(), ev.accepted({ handlingDueAt: '2026-09-01T16:00:00.000Z' })];
    const at = '2026-08-20T10:00:00+08:00';
    given(history)
      .when(cmd.requestExtension({ at }))
      .then([ev.extensionRequested({ at, currentDueAt: '2026-09-01T16:00:00.000Z', requestedDueAt: '2026-10-08T16:00:00.000Z' })]);
  });

  it('allows a working-day extension that ends no later than 30 calendar days would', () => {
    // 22 working days after Mon 11 May: 12–15 (4), 18–22 (9), 25–29 (14), 1–5 Jun (19), 8, 9, 10 Jun (22) = the max.
    const extension = { amount: 22, unit: 'working_days' as const };
    given(upTo.handling())
      .when(cmd.requestExtension({ extension }))
      .then([ev.extensionRequested({ extension, requestedDueAt: EXTENDED })]);
  });

  it('rejects 23 working days (ends 11 Jun, after the 30-day maximum)', () => {
    given(upTo.handling())
      .when(cmd.requestExtension({ extension: { amount: 23, unit: 'working_days' } }))
      .then('CASE_EXTENSION_TOO_LONG');
  });

  it('rejects 31 calendar days', () => {
    given(upTo.handling())
      .when(cmd.requestExtension({ extension: { amount: 31, unit: 'calendar_days' } }))
      .then('CASE_EXTENSION_TOO_LONG');
  });

  it('requires a reason', () => {
    given(upTo.handling()).when(cmd.requestExtension({ reason: undefined })).then('CASE_REASON_REQUIRED');
  });

  it('is allowed once: pending, approved or rejected', () => {
    given([...upTo.handling(), ev.extensionRequested()]).when(cmd.requestExtension()).then('CASE_EXTENSION_ALREADY_USED');
    const approved = {
      type: 'ExtensionApproved' as const,
      at: '2026-05-07T10:00:00+08:00',
      actor: UNIT_HEAD,
      reason: APPROVE_REASON,
      extension: { amount: 30, unit: 'calendar_days' as const },
      previousDueAt: '2026-05-11T16:00:00.000Z',
      newDueAt: EXTENDED,
    };
    given([...upTo.handling(), ev.extensionRequested(), approved]).when(cmd.requestExtension()).then('CASE_EXTENSION_ALREADY_USED');
    const rejected = {
      type: 'ExtensionRejected' as const,
      at: '2026-05-07T10:00:00+08:00',
      actor: UNIT_HEAD,
      reason: 'no',
      extension: { amount: 30, unit: 'calendar_days' as const },
    };
    given([...upTo.handling(), ev.extensionRequested(), rejected]).when(cmd.requestExtension()).then('CASE_EXTENSION_ALREADY_USED');
  });

  it('is for claims with a handling deadline only', () => {
    given([ev.registered({ kind: 'suggestion' }), ev.routed(), ev.received(), ev.accepted({ handlingDueAt: null })])
      .when(cmd.requestExtension())
      .then('CASE_EXTENSION_NOT_APPLICABLE');
    const ctx = ctxWith({ limits: { handleReport: { amount: 30, unit: 'calendar_days' } } });
    given([ev.registered({ kind: 'report', policy: ctx.policy }), ev.routed(), ev.received(), ev.accepted()], ctx)
      .when(cmd.requestExtension())
      .then('CASE_EXTENSION_NOT_APPLICABLE');
    const noLimit = ctxWith({ limits: { handleClaim: null } });
    given([ev.registered({ policy: noLimit.policy }), ev.routed(), ev.received(), ev.accepted({ handlingDueAt: null })], noLimit)
      .when(cmd.requestExtension())
      .then('CASE_EXTENSION_NOT_APPLICABLE');
  });

  it('must be asked before the deadline passes', () => {
    given(upTo.handling()).when(cmd.requestExtension({ at: '2026-05-12T00:00:00+08:00' })).then('CASE_EXTENSION_TOO_LATE');
  });

  it('rejects a malformed extension', () => {
    given(upTo.handling()).when(cmd.requestExtension({ extension: { amount: 0, unit: 'calendar_days' } })).then('CASE_INVALID_INPUT');
    given(upTo.handling()).when(cmd.requestExtension({ extension: { amount: 2.5, unit: 'calendar_days' } })).then('CASE_INVALID_INPUT');
    given(upTo.handling()).when(cmd.requestExtension({ extension: { amount: 3, unit: 'weeks' as never } })).then('CASE_INVALID_INPUT');
  });

  it('is asked by the lead unit handler during handling', () => {
    given(upTo.handling()).when(cmd.requestExtension({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.handling()).when(cmd.requestExtension({ actor: UNIT_HEAD })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.acceptance()).when(cmd.requestExtension()).then('CASE_WRONG_STEP');
    given(upTo.routing()).when(cmd.requestExtension()).then('CASE_WRONG_STEP');
  });
});

describe('DecideExtension (unit head of the lead unit)', () => {
  const requested = () => [...upTo.handling(), ev.extensionRequested()];
  const at = '2026-05-07T10:00:00+08:00';

  it('approved: the handling deadline moves and the reason for the petitioner is recorded', () => {
    const state = given(requested())
      .when(cmd.decideExtension())
      .then([
        {
          type: 'ExtensionApproved',
          at,
          actor: UNIT_HEAD,
          reason: APPROVE_REASON,
          extension: { amount: 30, unit: 'calendar_days' },
          previousDueAt: '2026-05-11T16:00:00.000Z',
          newDueAt: EXTENDED,
        },
      ]);
    expect(state.handling?.dueAt).toBe(EXTENDED);
    expect(stepClocks(pendingDeadlines(state, CTX))).toEqual([
      { key: 'handling', step: 'handling', dueAt: EXTENDED, kind: 'breach', article: '第三十四条', unitId: LEAD },
    ]);
  });

  it('rejected: the deadline stays', () => {
    const state = given(requested())
      .when(cmd.decideExtension({ approved: false, reason: '可按期办结 / can finish on time' }))
      .then([
        {
          type: 'ExtensionRejected',
          at,
          actor: UNIT_HEAD,
          reason: '可按期办结 / can finish on time',
          extension: { amount: 30, unit: 'calendar_days' },
        },
      ]);
    expect(state.handling?.dueAt).toBe('2026-05-11T16:00:00.000Z');
    expect(state.extension?.status).toBe('rejected');
  });

  it('an approval after the original deadline was breached reopens the clock; a new breach is recorded once at the new due time', () => {
    const breach = ev.breached({
      at: '2026-05-12T00:00:00+08:00',
      deadlineKey: 'handling',
      dueAt: '2026-05-11T16:00:00.000Z',
      step: 'handling',
      unitId: LEAD,
      article: '第三十四条',
    });
    const approvedAt = '2026-05-12T09:00:00+08:00';
    const approved = {
      type: 'ExtensionApproved' as const,
      at: approvedAt,
      actor: UNIT_HEAD,
      reason: APPROVE_REASON,
      extension: { amount: 30, unit: 'calendar_days' as const },
      previousDueAt: '2026-05-11T16:00:00.000Z',
      newDueAt: EXTENDED,
    };
    given([...requested(), breach]).when(cmd.decideExtension({ at: approvedAt })).then([approved]);
    const history = [...requested(), breach, approved];
    const fire = '2026-06-11T00:00:00+08:00';
    const second = ev.breached({ at: fire, deadlineKey: 'handling', dueAt: EXTENDED, step: 'handling', unitId: LEAD, article: '第三十四条' });
    given(history).when(cmd.reach('handling', fire)).then([second]);
    given([...history, second]).when(cmd.reach('handling', fire)).then('CASE_DUPLICATE_COMMAND');
  });

  it('requires a reason either way', () => {
    given(requested()).when(cmd.decideExtension({ reason: undefined })).then('CASE_REASON_REQUIRED');
    given(requested()).when(cmd.decideExtension({ approved: false, reason: '' })).then('CASE_REASON_REQUIRED');
  });

  it('needs a pending request', () => {
    given(upTo.handling()).when(cmd.decideExtension()).then('CASE_NO_PENDING_EXTENSION');
    const rejected = {
      type: 'ExtensionRejected' as const,
      at,
      actor: UNIT_HEAD,
      reason: 'no',
      extension: { amount: 30, unit: 'calendar_days' as const },
    };
    given([...requested(), rejected]).when(cmd.decideExtension()).then('CASE_NO_PENDING_EXTENSION');
  });

  it('only the lead unit head decides', () => {
    given(requested()).when(cmd.decideExtension({ actor: HANDLER })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(requested()).when(cmd.decideExtension({ actor: SUPERVISOR })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(requested()).when(cmd.decideExtension({ actor: OTHER_HEAD })).then('CASE_NOT_AUTHORIZED_UNIT');
  });

  it('rejects a non-boolean decision and decisions outside handling', () => {
    given(requested()).when(cmd.decideExtension({ approved: 'ok' as never })).then('CASE_INVALID_INPUT');
    given([...requested(), ev.replied()]).when(cmd.decideExtension()).then('CASE_WRONG_STEP');
    given(upTo.routing()).when(cmd.decideExtension()).then('CASE_WRONG_STEP');
  });
});

describe('ReplyToPetitioner (written reply 答复)', () => {
  it('replies on time; the evaluation and review-request windows open (30 days each)', () => {
    const state = given(upTo.handling()).when(cmd.reply()).then([ev.replied()]);
    expect(state.step).toBe('replied');
    expect(state.evaluation).toEqual({ status: 'pending', dueAt: '2026-05-20T16:00:00.000Z', value: null, at: null });
  });

  it('records a procedural closure without claimUpheld', () => {
    given(upTo.handling())
      .when(cmd.reply({ closureType: 'procedural', claimUpheld: undefined }))
      .then([ev.replied({ closureType: 'procedural', claimUpheld: null })]);
  });

  it('records a late reply (due 12 May 00:00 +08)', () => {
    // 13 May + 30 = Fri 12 Jun.
    const at = '2026-05-13T10:00:00+08:00';
    given(upTo.handling())
      .when(cmd.reply({ at }))
      .then([
        ev.replied({ at, onTime: false, evaluationDueAt: '2026-06-12T16:00:00.000Z', requestReviewDueAt: '2026-06-12T16:00:00.000Z' }),
      ]);
  });

  it('judges timeliness against the extended deadline', () => {
    const approved = {
      type: 'ExtensionApproved' as const,
      at: '2026-05-07T10:00:00+08:00',
      actor: UNIT_HEAD,
      reason: APPROVE_REASON,
      extension: { amount: 30, unit: 'calendar_days' as const },
      previousDueAt: '2026-05-11T16:00:00.000Z',
      newDueAt: EXTENDED,
    };
    const at = '2026-05-13T10:00:00+08:00';
    given([...upTo.handling(), ev.extensionRequested(), approved])
      .when(cmd.reply({ at }))
      .then([
        ev.replied({
          at,
          handlingDueAt: EXTENDED,
          onTime: true,
          evaluationDueAt: '2026-06-12T16:00:00.000Z',
          requestReviewDueAt: '2026-06-12T16:00:00.000Z',
        }),
      ]);
  });

  it('a reply without a handling limit (suggestion) is on time', () => {
    given([ev.registered({ kind: 'suggestion' }), ev.routed(), ev.received(), ev.notified(), ev.accepted({ handlingDueAt: null })])
      .when(cmd.reply({ claimUpheld: undefined }))
      .then([ev.replied({ handlingDueAt: null, onTime: true, claimUpheld: null })]);
  });

  it('rolls the petitioner windows ending on National Day', () => {
    // Reply 1 Sep + 30 = 1 Oct (holiday) → Thu 8 Oct.
    const at = '2026-09-01T10:00:00+08:00';
    const history = [...upTo.acceptance(), ev.notified(), ev.accepted({ handlingDueAt: '2026-09-10T16:00:00.000Z' })];
    given(history)
      .when(cmd.reply({ at }))
      .then([
        ev.replied({
          at,
          handlingDueAt: '2026-09-10T16:00:00.000Z',
          evaluationDueAt: '2026-10-08T16:00:00.000Z',
          requestReviewDueAt: '2026-10-08T16:00:00.000Z',
        }),
      ]);
  });

  it('uses the policy evaluation window', () => {
    const ctx = ctxWith({ evaluationWindow: { amount: 7, unit: 'working_days' } });
    const history = [ev.registered({ policy: ctx.policy }), ev.routed(), ev.received(), ev.notified(), ev.accepted()];
    // 7 working days after Mon 20 Apr: 21–24 (4), 27, 28, 29 Apr (7).
    given(history, ctx).when(cmd.reply()).then([ev.replied({ evaluationDueAt: '2026-04-29T16:00:00.000Z' })]);
  });

  it('is given once, during handling, by the lead unit handler', () => {
    given(upTo.replied()).when(cmd.reply()).then('CASE_DUPLICATE_COMMAND');
    given(upTo.acceptance()).when(cmd.reply()).then('CASE_WRONG_STEP');
    given(upTo.routing()).when(cmd.reply()).then('CASE_WRONG_STEP');
    given(upTo.handling()).when(cmd.reply({ actor: OTHER_HANDLER })).then('CASE_NOT_AUTHORIZED_UNIT');
    given(upTo.handling()).when(cmd.reply({ actor: REGISTRAR })).then('CASE_NOT_AUTHORIZED_ROLE');
    given(upTo.handling()).when(cmd.reply({ actor: SYSTEM })).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it('rejects malformed replies', () => {
    given(upTo.handling()).when(cmd.reply({ outcomeRef: '' })).then('CASE_INVALID_INPUT');
    given(upTo.handling()).when(cmd.reply({ closureType: 'final' as never })).then('CASE_INVALID_INPUT');
    given(upTo.handling()).when(cmd.reply({ claimUpheld: 'yes' as never })).then('CASE_INVALID_INPUT');
  });

  it('keeps the reply timestamp and outcome in state', () => {
    const state = given(upTo.handling()).when(cmd.reply()).then([ev.replied()]);
    expect(state.reply).toEqual({
      repliedAt: T.reply,
      closureType: 'substantive',
      outcomeRef: 'reply-1',
      claimUpheld: true,
      onTime: true,
      requestReviewDueAt: '2026-05-20T16:00:00.000Z',
    });
  });
});
