import { testArrangement2027 } from '../calendar/calendar.testkit';
/**
 * Test support for the decider (not exported from the package). Every due time below is derived by
 * hand from the 2026 State Council arrangement (国办发明电〔2025〕7号): start day not counted, the
 * deadline instant is 00:00 Asia/Shanghai after the last day (= 16:00Z of the last day).
 */
import { CN_CALENDAR } from '../calendar';
import { type CasePolicy, type SupervisionPolicy, HEARING_PAUSE_REASON, nationalDefaultPolicy } from '../policy';
import type { DecideContext } from './case.context';
import type * as C from './case.commands';
import { decide } from './case.decide';
import { nextDeadline, pendingDeadlines } from './case.deadlines';
import type * as E from './case.events';
import { evolve, evolveAll } from './case.evolve';
import { CASE_REJECTION_MESSAGES, type CaseRejectionCode } from './case.rejections';
import type { CaseState } from './case.state';
import type { Actor } from './case.types';

/**
 * The policy the decider tests run under: the national (statutory) limits plus a practice receipt limit
 * (签收, 3 working days from routing) as a local practice policy sets it (see practiceExamplePolicy). The
 * national policy itself sets no receipt limit (version 2): the Regulation has none.
 */
export const TEST_POLICY: SupervisionPolicy = {
  ...nationalDefaultPolicy,
  id: 'test-practice',
  version: 1,
  name: '测试实务政策（条例期限＋签收时限）/ Test practice policy (Regulation limits + receipt limit)',
  source: '测试市《信访事项签收规程（测试）》第三条 / Test city receipt rules (test), art.3: receipt in 3 working days (not the Regulation)',
  limits: { ...nationalDefaultPolicy.limits, receive: { amount: 3, unit: 'working_days' } },
};

export const CTX: DecideContext = { policy: TEST_POLICY, calendar: CN_CALENDAR };

/** What the receipt clock (a practice limit) cites under the test policy: the policy's own source. */
export const RECEIPT_CITATION: string = TEST_POLICY.source!;

export function ctxWith(
  policy: Partial<Omit<SupervisionPolicy, 'limits'>> & { limits?: Partial<CasePolicy['limits']> },
): DecideContext & { policy: SupervisionPolicy } {
  return {
    calendar: CN_CALENDAR,
    policy: {
      ...TEST_POLICY,
      id: 'test-policy',
      ...policy,
      limits: { ...TEST_POLICY.limits, ...policy.limits },
    },
  };
}

// ── actors ───────────────────────────────────────────────────────────────────
export const BUREAU = 'bureau-county';
export const LEAD = 'unit-housing';
export const REVIEW_BODY = 'gov-city';
export const RE_REVIEW_BODY = 'gov-province';

export const REGISTRAR: Actor = { id: 'reg-1', role: 'registrar', unitId: BUREAU };
export const SUPERVISOR: Actor = { id: 'sup-1', role: 'supervisor', unitId: 'joint-office' };
export const HANDLER: Actor = { id: 'h-1', role: 'handler', unitId: LEAD };
export const UNIT_HEAD: Actor = { id: 'head-1', role: 'unit_head', unitId: LEAD };
export const OTHER_HANDLER: Actor = { id: 'h-9', role: 'handler', unitId: 'unit-other' };
export const OTHER_HEAD: Actor = { id: 'head-9', role: 'unit_head', unitId: 'unit-other' };
export const REVIEWER: Actor = { id: 'rv-1', role: 'handler', unitId: REVIEW_BODY };
export const RE_REVIEWER: Actor = { id: 'rr-1', role: 'handler', unitId: RE_REVIEW_BODY };
export const LEADER: Actor = { id: 'leader-1', role: 'leader', unitId: 'county-gov' };
export const AUDITOR: Actor = { id: 'aud-1', role: 'auditor' };
export const ADMIN: Actor = { id: 'adm-1', role: 'admin' };
export const SYSTEM: Actor = { id: 'system', role: 'system' };

// ── the base timeline (2026, no holiday inside the spring limits) ───────────────
export const T = {
  reg: '2026-03-02T09:00:00+08:00', // Mon
  route: '2026-03-05T10:00:00+08:00', // Thu
  recv: '2026-03-09T09:30:00+08:00', // Mon
  notify: '2026-03-10T15:00:00+08:00',
  accept: '2026-03-12T11:00:00+08:00', // Thu
  reply: '2026-04-20T10:00:00+08:00', // Mon
  evaluate: '2026-04-25T10:00:00+08:00',
  reviewReq: '2026-05-06T09:00:00+08:00', // Wed
  reviewDec: '2026-06-01T14:00:00+08:00', // Mon
  reReviewReq: '2026-06-10T09:00:00+08:00', // Wed
  hearingStart: '2026-06-22T09:00:00+08:00',
  hearingEnd: '2026-06-24T17:00:00+08:00', // 2 d 8 h = 56 h later
  reReviewDec: '2026-07-05T10:00:00+08:00',
} as const;

export const DUE = {
  /** 2 Mar + 15 = 17 Mar (Tue, working). */
  route: '2026-03-17T16:00:00.000Z',
  /** Routed Thu 5 Mar + 3 working days (policy default): Fri 6, Mon 9, Tue 10 Mar → 11 Mar 00:00 (+08). */
  receive: '2026-03-10T16:00:00.000Z',
  /** 9 Mar + 15 = 24 Mar (Tue). */
  notify: '2026-03-24T16:00:00.000Z',
  /** 5 working days after Mon 9 Mar: 10, 11, 12, 13, 16 Mar. */
  objection: '2026-03-16T16:00:00.000Z',
  acceptance: '2026-03-24T16:00:00.000Z',
  /** 12 Mar + 60: 19 days to 31 Mar, 30 in April, 11 → 11 May (Mon, working). */
  handling: '2026-05-11T16:00:00.000Z',
  /** 20 Apr + 30 = 20 May (Wed). */
  evaluation: '2026-05-20T16:00:00.000Z',
  requestReview: '2026-05-20T16:00:00.000Z',
  /** 6 May + 30 = 5 Jun (Fri). */
  decideReview: '2026-06-05T16:00:00.000Z',
  /** 1 Jun + 30 = 1 Jul (Wed). */
  requestReReview: '2026-07-01T16:00:00.000Z',
  /** 10 Jun + 30 = 10 Jul (Fri). */
  decideReReview: '2026-07-10T16:00:00.000Z',
} as const;

export const CASE_ID = 'case-2026-0001';

/**
 * The handling clock of the base timeline under the national ladder: due Tue 12 May 00:00 (+08),
 * breached then; the reminder letter is due at the breach; a letter issued 12 May 10:00 (+08) must be
 * answered within 30 days: 12 May + 30 = Thu 11 Jun (working) → due 12 Jun 00:00 (+08).
 */
export const SUP = {
  breach: '2026-05-12T00:00:00+08:00',
  letter: '2026-05-12T10:00:00+08:00',
  feedback: '2026-05-20T10:00:00+08:00',
  feedbackDue: '2026-06-11T16:00:00.000Z',
} as const;
export const LETTER_NO = '某信督〔2026〕12号';
export const ISSUING_BODY = '某市信访工作联席会议办公室';

/**
 * The test policy as recorded before the objection pause and the written notice of not accepted /
 * diverted existed (no 'decideObjection', no 'notifyDecision'): older histories run under it.
 */
export const NATIONAL_BEFORE_NOTICE: SupervisionPolicy = (() => {
  const { decideObjection: _o, notifyDecision: _n, ...limits } = TEST_POLICY.limits;
  return { ...TEST_POLICY, limits };
})();

/** The same history, registered under `policy` (the first event must be PetitionRegistered). */
export function registeredUnder(policy: SupervisionPolicy, history: E.CaseEvent[]): E.CaseEvent[] {
  const [first, ...rest] = history;
  if (first?.type !== 'PetitionRegistered') throw new Error('the history must start with PetitionRegistered');
  return [{ ...first, policy }, ...rest];
}

/** The test policy, version 2, in force from 2026: what a supervisor adopts in tests. */
export const TEST_POLICY_V2: SupervisionPolicy = { ...TEST_POLICY, version: 2, effectiveFrom: '2026-01-01T00:00:00+08:00' };

/**
 * A policy with the configurable pause reason 鉴定 for handling (as the Zhejiang example has), written before
 * pause approval existed: no pauseApproval, so the handler stops the clock alone (the older behaviour).
 */
const { pauseApproval: _approval, ...NATIONAL_WITHOUT_APPROVAL } = TEST_POLICY;
export const APPRAISAL_POLICY: SupervisionPolicy = {
  ...NATIONAL_WITHOUT_APPROVAL,
  id: 'test-appraisal',
  pauseReasons: [
    HEARING_PAUSE_REASON,
    { code: 'expert_appraisal', nameZh: '鉴定', nameEn: 'Expert appraisal', appliesTo: ['handling', 'acceptance'] },
  ],
};

/** Only the step deadlines of a pending list (warnings, rungs and feedback clocks left out). */
export function stepClocks<T extends { kind: string }>(list: T[]): T[] {
  return list.filter((d) => d.kind === 'breach' || d.kind === 'lapse');
}

// ── commands ─────────────────────────────────────────────────────────────────
export const cmd = {
  register: (o: Partial<C.RegisterPetition> = {}): C.RegisterPetition => ({
    type: 'RegisterPetition',
    actor: REGISTRAR,
    at: T.reg,
    caseId: CASE_ID,
    channel: 'letter',
    persons: 1,
    kind: 'claim',
    category: 'urban_construction',
    regionCode: '330102',
    respondent: { type: 'unit', description: '某区住房和城乡建设局' },
    matterRef: 'matter-81c2',
    petitionerRef: 'pp-7f3a',
    nameAndAddressKnown: true,
    level: 'county',
    ...o,
  }),
  repeat: (o: Partial<C.RecordRepeatPetition> = {}): C.RecordRepeatPetition => ({
    type: 'RecordRepeatPetition',
    actor: REGISTRAR,
    at: '2026-03-04T10:00:00+08:00',
    channel: 'visit',
    persons: 1,
    level: 'city',
    ...o,
  }),
  route: (o: Partial<C.RoutePetition> = {}): C.RoutePetition => ({
    type: 'RoutePetition',
    actor: REGISTRAR,
    at: T.route,
    mode: 'forward',
    leadUnitId: LEAD,
    ...o,
  }),
  receive: (o: Partial<C.ReceiveCase> = {}): C.ReceiveCase => ({ type: 'ReceiveCase', actor: HANDLER, at: T.recv, ...o }),
  notify: (o: Partial<C.NotifyPetitioner> = {}): C.NotifyPetitioner => ({
    type: 'NotifyPetitioner',
    actor: HANDLER,
    at: T.notify,
    noticeRef: 'notice-1',
    ...o,
  }),
  raiseObjection: (o: Partial<C.RaiseObjection> = {}): C.RaiseObjection => ({
    type: 'RaiseObjection',
    actor: HANDLER,
    at: '2026-03-11T10:00:00+08:00',
    reason: '不属于本单位职责 / not within our remit',
    ...o,
  }),
  decideObjection: (o: Partial<C.DecideObjection> = {}): C.DecideObjection => ({
    type: 'DecideObjection',
    actor: REGISTRAR,
    at: '2026-03-13T10:00:00+08:00',
    approved: true,
    ...o,
  }),
  accept: (o: Partial<C.DecideAcceptance> = {}): C.DecideAcceptance => ({
    type: 'DecideAcceptance',
    actor: HANDLER,
    at: T.accept,
    outcome: 'accepted',
    ...o,
  }),
  assignLeader: (o: Partial<C.AssignLeader> = {}): C.AssignLeader => ({
    type: 'AssignLeader',
    actor: SUPERVISOR,
    at: '2026-03-20T10:00:00+08:00',
    leaderId: 'leader-1',
    ...o,
  }),
  requestExtension: (o: Partial<C.RequestExtension> = {}): C.RequestExtension => ({
    type: 'RequestExtension',
    actor: HANDLER,
    at: '2026-05-06T10:00:00+08:00',
    extension: { amount: 30, unit: 'calendar_days' },
    reason: '需现场勘查 / site survey needed',
    ...o,
  }),
  decideExtension: (o: Partial<C.DecideExtension> = {}): C.DecideExtension => ({
    type: 'DecideExtension',
    actor: UNIT_HEAD,
    at: '2026-05-07T10:00:00+08:00',
    approved: true,
    reason: '涉及多部门会商 / several departments must be consulted',
    ...o,
  }),
  reply: (o: Partial<C.ReplyToPetitioner> = {}): C.ReplyToPetitioner => ({
    type: 'ReplyToPetitioner',
    actor: HANDLER,
    at: T.reply,
    closureType: 'substantive',
    outcomeRef: 'reply-1',
    claimUpheld: true,
    ...o,
  }),
  evaluate: (o: Partial<C.EvaluateSatisfaction> = {}): C.EvaluateSatisfaction => ({
    type: 'EvaluateSatisfaction',
    actor: REGISTRAR,
    at: T.evaluate,
    value: 'basically_satisfied',
    ...o,
  }),
  requestReview: (o: Partial<C.RequestReview> = {}): C.RequestReview => ({
    type: 'RequestReview',
    actor: REGISTRAR,
    at: T.reviewReq,
    reviewUnitId: REVIEW_BODY,
    ...o,
  }),
  decideReview: (o: Partial<C.DecideReview> = {}): C.DecideReview => ({
    type: 'DecideReview',
    actor: REVIEWER,
    at: T.reviewDec,
    decision: 'upheld',
    outcomeRef: 'review-1',
    ...o,
  }),
  requestReReview: (o: Partial<C.RequestReReview> = {}): C.RequestReReview => ({
    type: 'RequestReReview',
    actor: REGISTRAR,
    at: T.reReviewReq,
    reReviewUnitId: RE_REVIEW_BODY,
    ...o,
  }),
  startHearing: (o: Partial<C.StartHearing> = {}): C.StartHearing => ({
    type: 'StartHearing',
    actor: RE_REVIEWER,
    at: T.hearingStart,
    ...o,
  }),
  endHearing: (o: Partial<C.EndHearing> = {}): C.EndHearing => ({ type: 'EndHearing', actor: RE_REVIEWER, at: T.hearingEnd, ...o }),
  decideReReview: (o: Partial<C.DecideReReview> = {}): C.DecideReReview => ({
    type: 'DecideReReview',
    actor: RE_REVIEWER,
    at: T.reReviewDec,
    decision: 'upheld',
    outcomeRef: 're-review-1',
    ...o,
  }),
  withdraw: (o: Partial<C.WithdrawPetition> = {}): C.WithdrawPetition => ({
    type: 'WithdrawPetition',
    actor: REGISTRAR,
    at: '2026-03-20T10:00:00+08:00',
    reason: '信访人申请撤回 / petitioner asked to withdraw',
    ...o,
  }),
  link: (o: Partial<C.LinkRelatedCase> = {}): C.LinkRelatedCase => ({
    type: 'LinkRelatedCase',
    actor: REGISTRAR,
    at: '2026-03-05T10:00:00+08:00',
    relatedCaseId: 'petition-earlier000000000000',
    relatedMatterRef: 'matter-earlier',
    reason: '同一信访人同一事项 / same petitioner, same matter',
    ...o,
  }),
  unlink: (o: Partial<C.UnlinkRelatedCase> = {}): C.UnlinkRelatedCase => ({
    type: 'UnlinkRelatedCase',
    actor: REGISTRAR,
    at: '2026-03-06T10:00:00+08:00',
    relatedCaseId: 'petition-earlier000000000000',
    reason: '诉求不同 / a different grievance',
    ...o,
  }),
  reach: (deadlineKey: string, at: string, o: Partial<C.ReachDeadline> = {}): C.ReachDeadline => ({
    type: 'ReachDeadline',
    actor: SYSTEM,
    at,
    deadlineKey,
    ...o,
  }),
  pauseClock: (o: Partial<C.PauseClock> = {}): C.PauseClock => ({
    type: 'PauseClock',
    actor: HANDLER,
    at: '2026-04-01T10:00:00+08:00',
    deadlineKey: 'handling',
    pauseReason: 'expert_appraisal',
    reason: '委托房屋安全鉴定 / building safety appraisal commissioned',
    ...o,
  }),
  resumeClock: (o: Partial<C.ResumeClock> = {}): C.ResumeClock => ({
    type: 'ResumeClock',
    actor: HANDLER,
    at: '2026-04-11T10:00:00+08:00',
    deadlineKey: 'handling',
    ...o,
  }),
  letterIssued: (o: Partial<C.RecordLetterIssued> = {}): C.RecordLetterIssued => ({
    type: 'RecordLetterIssued',
    actor: SYSTEM,
    at: SUP.letter,
    escalationKey: 'handling:esc:reminder_letter',
    letterNo: LETTER_NO,
    issuingBody: ISSUING_BODY,
    ...o,
  }),
  letterFeedback: (o: Partial<C.RecordLetterFeedback> = {}): C.RecordLetterFeedback => ({
    type: 'RecordLetterFeedback',
    actor: UNIT_HEAD,
    at: SUP.feedback,
    letterNo: LETTER_NO,
    feedbackRef: 'feedback-1',
    ...o,
  }),
  adoptPolicy: (policy: SupervisionPolicy, o: Partial<C.AdoptPolicy> = {}): C.AdoptPolicy => ({
    type: 'AdoptPolicy',
    actor: SUPERVISOR,
    at: '2026-04-01T10:00:00+08:00',
    policy,
    ...o,
  }),
  adoptCalendar: (o: Partial<C.AdoptCalendar> = {}): C.AdoptCalendar => ({
    type: 'AdoptCalendar',
    actor: SYSTEM,
    at: '2026-04-01T10:00:00+08:00',
    years: [testArrangement2027()],
    documentNo: 'TEST-2027 (测试用，非官方)',
    ...o,
  }),
  transferToSuccessor: (o: Partial<C.TransferToSuccessor> = {}): C.TransferToSuccessor => ({
    type: 'TransferToSuccessor',
    actor: SYSTEM,
    at: '2026-04-01T10:00:00+08:00',
    fromUnitId: LEAD,
    toUnitId: 'unit-housing-merged',
    reorganizationId: 'reorg-1',
    reason: '机构改革：住建局并入新局',
    ...o,
  }),
};

// ── events as the decider must produce them (written out by hand) ──────────────
export const ev = {
  /** The policy document travels in the event; policyId/policyVersion follow `o.policy` when given. */
  registered: (o: Partial<E.PetitionRegistered> = {}): E.PetitionRegistered => ({
    type: 'PetitionRegistered',
    at: T.reg,
    actor: REGISTRAR,
    caseId: CASE_ID,
    channel: 'letter',
    persons: 1,
    representatives: null,
    kind: 'claim',
    category: 'urban_construction',
    regionCode: '330102',
    respondent: { type: 'unit', description: '某区住房和城乡建设局' },
    matterRef: 'matter-81c2',
    petitionerRef: 'pp-7f3a',
    nameAndAddressKnown: true,
    level: 'county',
    priorFinalDecision: null,
    policyId: (o.policy ?? TEST_POLICY).id,
    policyVersion: (o.policy ?? TEST_POLICY).version,
    policy: TEST_POLICY,
    bureauUnitId: BUREAU,
    routeDueAt: DUE.route,
    ...o,
  }),
  repeatRecorded: (o: Partial<E.RepeatPetitionRecorded> = {}): E.RepeatPetitionRecorded => ({
    type: 'RepeatPetitionRecorded',
    at: '2026-03-04T10:00:00+08:00',
    actor: REGISTRAR,
    channel: 'visit',
    persons: 1,
    representatives: null,
    level: 'city',
    repeatNumber: 1,
    ...o,
  }),
  routed: (o: Partial<E.PetitionRouted> = {}): E.PetitionRouted => ({
    type: 'PetitionRouted',
    at: T.route,
    actor: REGISTRAR,
    mode: 'forward',
    leadUnitId: LEAD,
    coUnitIds: [],
    handlingDeadline: null,
    handlingLimit: null,
    round: 1,
    onTime: true,
    receiveDueAt: DUE.receive,
    ...o,
  }),
  received: (o: Partial<E.CaseReceived> = {}): E.CaseReceived => ({
    type: 'CaseReceived',
    at: T.recv,
    actor: HANDLER,
    unitId: LEAD,
    notifyDueAt: DUE.notify,
    objectionDueAt: DUE.objection,
    acceptanceDueAt: DUE.acceptance,
    ...o,
  }),
  notified: (o: Partial<E.PetitionerNotified> = {}): E.PetitionerNotified => ({
    type: 'PetitionerNotified',
    at: T.notify,
    actor: HANDLER,
    unitId: LEAD,
    noticeRef: 'notice-1',
    onTime: true,
    ...o,
  }),
  objectionRaised: (o: Partial<E.ObjectionRaised> = {}): E.ObjectionRaised => ({
    type: 'ObjectionRaised',
    at: '2026-03-11T10:00:00+08:00',
    actor: HANDLER,
    reason: '不属于本单位职责 / not within our remit',
    unitId: LEAD,
    ...o,
  }),
  objectionRejected: (o: Partial<E.ObjectionRejected> = {}): E.ObjectionRejected => ({
    type: 'ObjectionRejected',
    at: '2026-03-13T10:00:00+08:00',
    actor: REGISTRAR,
    unitId: LEAD,
    ...o,
  }),
  objectionApproved: (o: Partial<E.ObjectionApproved> = {}): E.ObjectionApproved => ({
    type: 'ObjectionApproved',
    at: '2026-03-13T10:00:00+08:00',
    actor: REGISTRAR,
    previousLeadUnitId: LEAD,
    /** 13 Mar + 15 = 28 Mar (Sat) → Mon 30 Mar. */
    routeDueAt: '2026-03-30T16:00:00.000Z',
    ...o,
  }),
  accepted: (o: Partial<E.CaseAccepted> = {}): E.CaseAccepted => ({
    type: 'CaseAccepted',
    at: T.accept,
    actor: HANDLER,
    unitId: LEAD,
    onTime: true,
    handlingDueAt: DUE.handling,
    ...o,
  }),
  extensionRequested: (o: Partial<E.ExtensionRequested> = {}): E.ExtensionRequested => ({
    type: 'ExtensionRequested',
    at: '2026-05-06T10:00:00+08:00',
    actor: HANDLER,
    reason: '需现场勘查 / site survey needed',
    extension: { amount: 30, unit: 'calendar_days' },
    currentDueAt: DUE.handling,
    /** Last day 11 May + 30 = 10 Jun (Wed). */
    requestedDueAt: '2026-06-10T16:00:00.000Z',
    ...o,
  }),
  replied: (o: Partial<E.PetitionerReplied> = {}): E.PetitionerReplied => ({
    type: 'PetitionerReplied',
    at: T.reply,
    actor: HANDLER,
    unitId: LEAD,
    closureType: 'substantive',
    outcomeRef: 'reply-1',
    claimUpheld: true,
    handlingDueAt: DUE.handling,
    onTime: true,
    evaluationDueAt: DUE.evaluation,
    requestReviewDueAt: DUE.requestReview,
    ...o,
  }),
  evaluated: (o: Partial<E.SatisfactionEvaluated> = {}): E.SatisfactionEvaluated => ({
    type: 'SatisfactionEvaluated',
    at: T.evaluate,
    actor: REGISTRAR,
    value: 'basically_satisfied',
    ...o,
  }),
  reviewRequested: (o: Partial<E.ReviewRequested> = {}): E.ReviewRequested => ({
    type: 'ReviewRequested',
    at: T.reviewReq,
    actor: REGISTRAR,
    reviewUnitId: REVIEW_BODY,
    decideReviewDueAt: DUE.decideReview,
    ...o,
  }),
  reviewDecided: (o: Partial<E.ReviewDecided> = {}): E.ReviewDecided => ({
    type: 'ReviewDecided',
    at: T.reviewDec,
    actor: REVIEWER,
    unitId: REVIEW_BODY,
    decision: 'upheld',
    outcomeRef: 'review-1',
    onTime: true,
    requestReReviewDueAt: DUE.requestReReview,
    ...o,
  }),
  reReviewRequested: (o: Partial<E.ReReviewRequested> = {}): E.ReReviewRequested => ({
    type: 'ReReviewRequested',
    at: T.reReviewReq,
    actor: REGISTRAR,
    reReviewUnitId: RE_REVIEW_BODY,
    decideReReviewDueAt: DUE.decideReReview,
    ...o,
  }),
  hearingStarted: (o: Partial<E.HearingStarted> = {}): E.HearingStarted => ({
    type: 'HearingStarted',
    at: T.hearingStart,
    actor: RE_REVIEWER,
    unitId: RE_REVIEW_BODY,
    /** 22 Jun 09:00 → 11 Jul 00:00 (+08) = 18 d 15 h = 447 h. */
    remainingMs: 447 * 3_600_000,
    ...o,
  }),
  hearingEnded: (o: Partial<E.HearingEnded> = {}): E.HearingEnded => ({
    type: 'HearingEnded',
    at: T.hearingEnd,
    actor: RE_REVIEWER,
    unitId: RE_REVIEW_BODY,
    pausedMs: 56 * 3_600_000,
    /** 10 Jul 16:00Z + 56 h = 13 Jul 00:00Z. */
    decideReReviewDueAt: '2026-07-13T00:00:00.000Z',
    ...o,
  }),
  breached: (o: Partial<E.DeadlineBreached> & Pick<E.DeadlineBreached, 'deadlineKey' | 'dueAt' | 'at'>): E.DeadlineBreached => ({
    type: 'DeadlineBreached',
    actor: SYSTEM,
    step: 'routing',
    unitId: null,
    article: '',
    ...o,
  }),
  linked: (o: Partial<E.RelatedCaseLinked> = {}): E.RelatedCaseLinked => ({
    type: 'RelatedCaseLinked',
    at: '2026-03-05T10:00:00+08:00',
    actor: REGISTRAR,
    reason: '同一信访人同一事项 / same petitioner, same matter',
    relatedCaseId: 'petition-earlier000000000000',
    matterRef: 'matter-earlier',
    ...o,
  }),
  unlinked: (o: Partial<E.RelatedCaseUnlinked> = {}): E.RelatedCaseUnlinked => ({
    type: 'RelatedCaseUnlinked',
    at: '2026-03-06T10:00:00+08:00',
    actor: REGISTRAR,
    reason: '诉求不同 / a different grievance',
    relatedCaseId: 'petition-earlier000000000000',
    matterRef: 'matter-81c2',
    ...o,
  }),
  closed: (o: Partial<E.CaseClosed> & Pick<E.CaseClosed, 'closureReason' | 'step' | 'at' | 'actor'>): E.CaseClosed => ({
    type: 'CaseClosed',
    ...o,
  }),
  /** A registration recorded before policy documents were kept in the case. */
  legacyRegistered: (o: Partial<E.PetitionRegistered> = {}): E.PetitionRegistered => {
    const { policy: _dropped, ...legacy } = ev.registered(o);
    return legacy;
  },
  handlingBreached: (o: Partial<E.DeadlineBreached> = {}): E.DeadlineBreached =>
    ev.breached({ at: SUP.breach, deadlineKey: 'handling', dueAt: DUE.handling, step: 'handling', unitId: LEAD, article: '第三十四条', ...o }),
  escalated: (o: Partial<E.EscalationRaised> = {}): E.EscalationRaised => ({
    type: 'EscalationRaised',
    at: SUP.breach,
    actor: SYSTEM,
    escalationKey: 'handling:esc:reminder_letter',
    escalationNo: 1,
    deadlineKey: 'handling',
    rung: 'reminder_letter',
    step: 'handling',
    unitId: LEAD,
    article: '第三十四条', // the broken duty (handling a claim, art.34)
    breachDueAt: DUE.handling,
    dueAt: DUE.handling,
    letterKind: 'reminder_letter',
    ...o,
  }),
  letterIssued: (o: Partial<E.LetterIssued> = {}): E.LetterIssued => ({
    type: 'LetterIssued',
    at: SUP.letter,
    actor: SYSTEM,
    escalationKey: 'handling:esc:reminder_letter',
    escalationNo: 1,
    letterKind: 'reminder_letter',
    letterNo: LETTER_NO,
    issuingBody: ISSUING_BODY,
    unitId: LEAD,
    feedbackKey: 'feedback:handling:reminder_letter#1',
    feedbackDueAt: SUP.feedbackDue,
    ...o,
  }),
  clockPaused: (o: Partial<E.ClockPaused> = {}): E.ClockPaused => ({
    type: 'ClockPaused',
    at: '2026-04-01T10:00:00+08:00',
    actor: HANDLER,
    reason: '委托房屋安全鉴定 / building safety appraisal commissioned',
    deadlineKey: 'handling',
    pauseReason: 'expert_appraisal',
    unitId: LEAD,
    // 1 Apr 10:00 (+08) → 12 May 00:00 (+08) = 40 d 14 h = 974 h.
    remainingMs: 974 * 3_600_000,
    ...o,
  }),
};

/** Histories that leave the case at each step. */
export const upTo = {
  routing: (): E.CaseEvent[] => [ev.registered()],
  receipt: (): E.CaseEvent[] => [...upTo.routing(), ev.routed()],
  acceptance: (): E.CaseEvent[] => [...upTo.receipt(), ev.received()],
  objection: (): E.CaseEvent[] => [...upTo.acceptance(), ev.objectionRaised()],
  handling: (): E.CaseEvent[] => [...upTo.acceptance(), ev.notified(), ev.accepted()],
  replied: (): E.CaseEvent[] => [...upTo.handling(), ev.replied()],
  review: (): E.CaseEvent[] => [...upTo.replied(), ev.evaluated(), ev.reviewRequested()],
  reviewDecided: (): E.CaseEvent[] => [...upTo.review(), ev.reviewDecided()],
  reReview: (): E.CaseEvent[] => [...upTo.reviewDecided(), ev.reReviewRequested()],
  hearing: (): E.CaseEvent[] => [...upTo.reReview(), ev.hearingStarted()],
  /** Handling breached and the first rung (reminder letter) raised. */
  escalated: (): E.CaseEvent[] => [...upTo.handling(), ev.handlingBreached(), ev.escalated()],
  /** … and its letter issued: the feedback clock runs. */
  lettered: (): E.CaseEvent[] => [...upTo.escalated(), ev.letterIssued()],
  /** A history registered under `policy` (due times of the base timeline). */
  handlingUnder: (policy: SupervisionPolicy): E.CaseEvent[] => [ev.registered({ policy }), ...upTo.handling().slice(1)],
};

// ── given / when / then ──────────────────────────────────────────────────────
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export interface Then {
  /** Expected events (exactly, in order) or the expected rejection code. Returns the resulting state. */
  then(expected: E.CaseEvent[] | CaseRejectionCode): CaseState;
}

/** given(history).when(command).then(events | rejectionCode), against the real CN calendar. */
export function given(history: E.CaseEvent[], ctx: DecideContext = CTX) {
  const state = deepFreeze(evolveAll(history));
  return {
    state,
    when(command: C.CaseCommand): Then {
      // Frozen inputs prove decide neither mutates the state nor the command.
      const result = decide(state, deepFreeze(command), ctx);
      return {
        then(expected) {
          if (typeof expected === 'string') {
            if (result.ok) throw new Error(`expected ${expected}, got events ${JSON.stringify(result.events.map((e) => e.type))}`);
            expect(result.rejection.code).toBe(expected);
            expect(result.rejection.messageZh).toBe(CASE_REJECTION_MESSAGES[expected].zh);
            expect(result.rejection.messageEn).toBe(CASE_REJECTION_MESSAGES[expected].en);
            return state;
          }
          if (!result.ok) throw new Error(`expected events, got ${result.rejection.code} ${JSON.stringify(result.rejection.details)}`);
          expect(result.events).toEqual(expected);
          return evolveAll(result.events, state);
        },
      };
    },
  };
}

/**
 * The workflow's timer loop, as petition-case.workflow.ts runs it: wait for nextDeadline, then send
 * ReachDeadline for every pending, unpaused item due by then, in list order, each against the state
 * left by the previous one.
 */
export function runTimers(start: CaseState, ctx: DecideContext, until: string): { state: CaseState; events: E.CaseEvent[]; rejections: string[] } {
  let state = start;
  const events: E.CaseEvent[] = [];
  const rejections: string[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const next = nextDeadline(state, ctx);
    if (!next || Date.parse(next.dueAt) > Date.parse(until)) break;
    const at = new Date(Math.max(Date.parse(next.dueAt), Date.parse(state.lastEventAt ?? next.dueAt))).toISOString();
    const due = pendingDeadlines(state, ctx).filter((p) => !p.paused && Date.parse(p.dueAt) <= Date.parse(at));
    let fired = 0;
    for (const d of due) {
      const r = decide(state, cmd.reach(d.key, at), ctx);
      if (!r.ok) {
        rejections.push(`${d.key}: ${r.rejection.code}`);
        continue;
      }
      for (const e of r.events) {
        state = evolve(state, e);
        events.push(e);
      }
      fired++;
    }
    if (fired === 0) throw new Error(`the decider declined every due item at ${at}: ${rejections.join(', ')}`);
  }
  return { state, events, rejections };
}
