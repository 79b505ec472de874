import type { CaseEvent } from '@petitions/domain';

/** The `cases` row as plain data; `evolveCaseRow` folds domain events into it, with no I/O. */
export interface CaseRow {
  caseId: string;
  status: string;
  step: string;
  channel: string | null;
  kind: string | null;
  category: string | null;
  regionCode: string | null;
  level: string | null;
  persons: number;
  leadUnitId: string | null;
  coUnitIds: string[];
  leaderId: string | null;
  registeredAt: string | null;
  routedAt: string | null;
  routingMode: string | null;
  receivedAt: string | null;
  notifiedAt: string | null;
  acceptedAt: string | null;
  acceptanceOutcome: string | null;
  repliedAt: string | null;
  closureType: string | null;
  closedAt: string | null;
  closureReason: string | null;
  satisfaction: string | null;
  repeatCount: number;
  breachCount: number;
  nextDeadlineKey: string | null;
  nextDeadlineAt: string | null;
  policyId: string | null;
  policyVersion: number | null;
  lastSeq: number;
  updatedAt: string;
}

export function emptyCaseRow(caseId: string): CaseRow {
  return {
    caseId, status: 'unregistered', step: 'unregistered', channel: null, kind: null, category: null, regionCode: null,
    level: null, persons: 0, leadUnitId: null, coUnitIds: [], leaderId: null, registeredAt: null, routedAt: null,
    routingMode: null, receivedAt: null, notifiedAt: null, acceptedAt: null, acceptanceOutcome: null, repliedAt: null,
    closureType: null, closedAt: null, closureReason: null, satisfaction: null, repeatCount: 0, breachCount: 0,
    nextDeadlineKey: null, nextDeadlineAt: null, policyId: null, policyVersion: null, lastSeq: 0, updatedAt: '1970-01-01T00:00:00.000Z',
  };
}

/** Applies event number `seq`; the caller guarantees seq === row.lastSeq + 1. */
export function evolveCaseRow(row: CaseRow, seq: number, e: CaseEvent): CaseRow {
  const r: CaseRow = { ...row, lastSeq: seq, updatedAt: e.at };
  switch (e.type) {
    case 'PetitionRegistered':
      return { ...r, status: 'open', step: 'routing', channel: e.channel, kind: e.kind, category: e.category,
        regionCode: e.regionCode, level: e.level, persons: e.persons, registeredAt: e.at,
        policyId: e.policyId, policyVersion: e.policyVersion };
    case 'RepeatPetitionRecorded':
      return { ...r, repeatCount: r.repeatCount + 1, persons: r.persons + e.persons };
    case 'HigherLevelPetitionNotAccepted':
      return r;
    case 'PetitionRouted':
      return { ...r, step: 'receipt', leadUnitId: e.leadUnitId, coUnitIds: e.coUnitIds, routedAt: e.at, routingMode: e.mode,
        receivedAt: null, notifiedAt: null };
    case 'CaseReceived':
      return { ...r, step: 'acceptance', receivedAt: e.at };
    case 'PetitionerNotified':
      return { ...r, notifiedAt: e.at };
    case 'ObjectionRaised':
      return { ...r, step: 'objection' };
    case 'ObjectionApproved':
      return { ...r, step: 'routing', leadUnitId: null, coUnitIds: [] };
    case 'ObjectionRejected':
      return { ...r, step: 'acceptance' };
    case 'CaseAccepted':
      return { ...r, step: 'handling', acceptedAt: e.at, acceptanceOutcome: 'accepted' };
    case 'CaseNotAccepted':
      return { ...r, acceptedAt: e.at, acceptanceOutcome: 'not_accepted' };
    case 'CaseDiverted':
      return { ...r, acceptedAt: e.at, acceptanceOutcome: 'diverted' };
    case 'CaseNotAcceptedAgain':
      return { ...r, acceptedAt: e.at, acceptanceOutcome: 'not_accepted_again' };
    case 'LeaderAssigned':
      return { ...r, leaderId: e.leaderId };
    case 'ExtensionRequested':
    case 'ExtensionApproved':
    case 'ExtensionRejected':
      return r;
    case 'PetitionerReplied':
      return { ...r, step: 'replied', repliedAt: e.at, closureType: e.closureType };
    case 'SatisfactionEvaluated':
      return { ...r, satisfaction: e.value };
    case 'EvaluationLapsed':
      return { ...r, satisfaction: r.satisfaction ?? 'lapsed' };
    case 'RequestWindowLapsed':
      return r;
    case 'ReviewRequested':
      return { ...r, step: 'review' };
    case 'ReviewDecided':
      return { ...r, step: 'review_decided' };
    case 'ReReviewRequested':
      return { ...r, step: 're_review' };
    case 'HearingStarted':
    case 'HearingEnded':
    case 'ReReviewDecided':
      return r;
    case 'PetitionWithdrawn':
      return r;
    case 'DeadlineBreached':
      return { ...r, breachCount: r.breachCount + 1 };
    case 'CaseClosed':
      return { ...r, status: 'closed', step: 'closed', closedAt: e.at, closureReason: e.closureReason };
    default: {
      const never: never = e;
      throw new Error(`unknown event ${(never as { type: string }).type}`);
    }
  }
}
