/**
 * Test support (not exported from the package): compact, hand-made case histories as real domain events.
 * Times are Asia/Shanghai; due times are written out so the tests state the facts they check.
 */
import type { Actor, CaseEvent, Respondent } from '@petitions/domain';

export const REGISTRAR: Actor = { id: 'reg-1', role: 'registrar', unitId: 'bureau-3201' };
export const SYSTEM: Actor = { id: 'system', role: 'system' };
export const handler = (unit: string, id = `h-${unit}`): Actor => ({ id, role: 'handler', unitId: unit });

const DAY = 86_400_000;
/** Day `d` of 2026 (d = 1 → 2 Jan) at 10:00 Shanghai, plus `h` hours. */
export const day = (d: number, h = 0): string => new Date(Date.parse('2026-01-01T10:00:00+08:00') + d * DAY + h * 3_600_000).toISOString();

export interface HistorySpec {
  caseId: string;
  start?: number;
  petitionerRef?: string;
  matterRef?: string;
  category?: string;
  channel?: 'letter' | 'visit' | 'phone' | 'online';
  regionCode?: string;
  /** A township (9 digits): the registration records it, and its first 6 digits as regionCode. */
  townshipCode?: string;
  persons?: number;
  unit?: string;
  handlerId?: string;
  /** 被反映人/单位 (default: the unit 某区住建局). */
  respondent?: Respondent;
  mode?: 'forward' | 'assign';
  /** Within-case repeat petitions (each adds 1 person). */
  repeats?: number;
  /** undefined: stop before the decision; 'late': breach then accept late. */
  acceptance?: 'on_time' | 'late' | 'not_accepted' | 'pending';
  /** undefined: no reply yet. */
  reply?: 'on_time' | 'late';
  closure?: 'substantive' | 'procedural';
  evaluation?: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'lapsed';
  review?: boolean;
  /** Close the case when its windows are spent. */
  close?: boolean;
}

/**
 * Registration (day start) → routed (+1) → received (+2, acceptance due +17) → decision (+5, or +20 late) →
 * handling due 60 days after the decision → reply (+30, or +70 late) → evaluation → review / window closure.
 */
export function history(s: HistorySpec): CaseEvent[] {
  const t0 = s.start ?? 0;
  const unit = s.unit ?? 'unit-housing';
  const h = handler(unit, s.handlerId);
  const ev: CaseEvent[] = [];
  ev.push({ type: 'PetitionRegistered', at: day(t0), actor: REGISTRAR, caseId: s.caseId, channel: s.channel ?? 'letter', persons: s.persons ?? 1,
    representatives: null, kind: 'claim', category: s.category ?? 'urban_construction',
    regionCode: s.townshipCode?.slice(0, 6) ?? s.regionCode ?? '320102', ...(s.townshipCode ? { townshipCode: s.townshipCode } : {}),
    respondent: s.respondent ?? { type: 'unit', description: '某区住建局' }, matterRef: s.matterRef ?? `m-${s.caseId}`, petitionerRef: s.petitionerRef ?? `p-${s.caseId}`,
    nameAndAddressKnown: true, level: 'county', priorFinalDecision: null, policyId: 'cn-national-2022', policyVersion: 1,
    bureauUnitId: 'bureau-3201', routeDueAt: day(t0 + 15, 14) });
  for (let i = 1; i <= (s.repeats ?? 0); i++) {
    ev.push({ type: 'RepeatPetitionRecorded', at: day(t0, i), actor: REGISTRAR, channel: 'visit', persons: 1, representatives: null, level: 'county', repeatNumber: i });
  }
  ev.push({ type: 'PetitionRouted', at: day(t0 + 1), actor: REGISTRAR, mode: s.mode ?? 'forward', leadUnitId: unit, coUnitIds: [],
    handlingDeadline: null, handlingLimit: null, round: 1, onTime: true });
  const accDue = day(t0 + 17, 14);
  ev.push({ type: 'CaseReceived', at: day(t0 + 2), actor: h, unitId: unit, notifyDueAt: day(t0 + 17, 14), objectionDueAt: day(t0 + 9, 14), acceptanceDueAt: accDue });
  if (s.acceptance === undefined || s.acceptance === 'pending') return ev;
  ev.push({ type: 'PetitionerNotified', at: day(t0 + 3), actor: h, unitId: unit, noticeRef: null, onTime: true });
  const late = s.acceptance === 'late';
  if (late) ev.push({ type: 'DeadlineBreached', at: accDue, actor: SYSTEM, deadlineKey: 'acceptance', step: 'acceptance', unitId: unit, article: '第三十一条', dueAt: accDue });
  const decidedDay = t0 + (late ? 20 : 5);
  if (s.acceptance === 'not_accepted') {
    ev.push({ type: 'CaseNotAccepted', at: day(decidedDay), actor: h, unitId: unit, onTime: true, reason: '不属于受理范围' });
    ev.push({ type: 'CaseClosed', at: day(decidedDay), actor: h, closureReason: 'not_accepted', step: 'acceptance' });
    return ev;
  }
  const handlingDue = day(decidedDay + 60, 14);
  ev.push({ type: 'CaseAccepted', at: day(decidedDay), actor: h, unitId: unit, onTime: !late, handlingDueAt: handlingDue });
  if (!s.reply) return ev;
  const replyLate = s.reply === 'late';
  if (replyLate) ev.push({ type: 'DeadlineBreached', at: handlingDue, actor: SYSTEM, deadlineKey: 'handling', step: 'handling', unitId: unit, article: '第三十四条', dueAt: handlingDue });
  const replyDay = decidedDay + (replyLate ? 70 : 30);
  const windowDue = day(replyDay + 30, 14);
  ev.push({ type: 'PetitionerReplied', at: day(replyDay), actor: h, unitId: unit, closureType: s.closure ?? 'substantive', outcomeRef: 'DOC-1',
    claimUpheld: true, handlingDueAt: handlingDue, onTime: !replyLate, evaluationDueAt: windowDue, requestReviewDueAt: windowDue });
  if (s.evaluation && s.evaluation !== 'lapsed') {
    ev.push({ type: 'SatisfactionEvaluated', at: day(replyDay + 3), actor: REGISTRAR, value: s.evaluation });
  }
  if (s.review) {
    ev.push({ type: 'ReviewRequested', at: day(replyDay + 10), actor: REGISTRAR, reviewUnitId: 'gov-3201', decideReviewDueAt: day(replyDay + 40, 14) });
  }
  if (s.evaluation === 'lapsed') ev.push({ type: 'EvaluationLapsed', at: windowDue, actor: SYSTEM, dueAt: windowDue });
  if (s.close && !s.review) {
    ev.push({ type: 'RequestWindowLapsed', at: windowDue, actor: SYSTEM, deadlineKey: 'requestReview', dueAt: windowDue });
    ev.push({ type: 'CaseClosed', at: windowDue, actor: SYSTEM, closureReason: 'windows_lapsed', step: 'replied' });
  }
  return ev;
}

export const numbered = (events: readonly CaseEvent[]) => events.map((event, i) => ({ seq: i + 1, event }));
