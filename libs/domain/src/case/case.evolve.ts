import { evolveBreachWithdrawn } from './case.calendar-withdrawal';
import { clockDueAt, clockStartedAt, withClockDue } from './case.clocks';
import type { CaseEvent } from './case.events';
import { OBJECTION_PAUSE_REASON } from '../policy/supervision-policy.types';
import { type AcceptanceState, type Assignment, type CaseState, type ClockPauseRecord, initialState, upgradeCaseState } from './case.state';
import { toMs } from './case.time';
import { evolveLetter, letterFromIssued } from './case.letters.state';
import { evolveUnitSucceeded } from './case.succession';
import { type DeadlineKey, DEADLINE_KEYS, assertNever } from './case.types';

const isDeadlineKey = (k: string): k is DeadlineKey => (DEADLINE_KEYS as readonly string[]).includes(k);

/** Applies one event. Total: it trusts the event (decide validated it) and never rejects. */
export function evolve(given: CaseState, event: CaseEvent): CaseState {
  const state = upgradeCaseState(given);
  const s = trackProvisional(state, apply(state, event), event);
  return { ...s, lastEventAt: event.at, eventCount: state.eventCount + 1 };
}

/**
 * Provisional due times: an event's `provisional` entries are recorded; a clock whose due time the event moved without
 * an entry is final again (or gone). Untouched for events without the field that move no clock (old histories).
 */
function trackProvisional(before: CaseState, after: CaseState, event: CaseEvent): CaseState {
  const current = after.provisional ?? {};
  let next: Record<string, number[]> | null = null;
  for (const key of Object.keys(current)) {
    const moved = isDeadlineKey(key) && clockDueAt(before, key) !== clockDueAt(after, key);
    if (moved && !(event.provisional && key in event.provisional)) {
      next ??= { ...current };
      delete next[key];
    }
  }
  if (event.provisional) {
    next ??= { ...current };
    for (const [key, years] of Object.entries(event.provisional)) {
      if (years.length > 0) next[key] = [...years];
      else delete next[key];
    }
  }
  return next === null ? after : { ...after, provisional: next };
}

/** A pause of the current clock of `key` starts. */
function pauseStarted(state: CaseState, key: DeadlineKey, pauseReason: string, at: string, approverId?: string): CaseState {
  const clockStart = clockStartedAt(state, key);
  if (clockStart === null) return state;
  const record: ClockPauseRecord = { deadlineKey: key, pauseReason, clockStartedAt: clockStart, startedAt: at, endedAt: null, pausedMs: null,
    ...(approverId !== undefined ? { approverId } : {}) };
  return { ...state, pauses: [...state.pauses, record] };
}

/** The pause in progress of `key` ends after pausedMs. */
function pauseEnded(state: CaseState, key: DeadlineKey, at: string, pausedMs: number): CaseState {
  const start = clockStartedAt(state, key);
  return {
    ...state,
    pauses: state.pauses.map((p) =>
      p.deadlineKey === key && p.endedAt === null && start !== null && toMs(p.clockStartedAt) === toMs(start) ? { ...p, endedAt: at, pausedMs } : p,
    ),
  };
}

/** Pauses for an objection still in progress end (the objection was approved: the clocks end). */
function endObjectionPauses(state: CaseState, at: string): CaseState {
  if (!state.pauses.some((p) => p.pauseReason === OBJECTION_PAUSE_REASON && p.endedAt === null)) return state;
  return {
    ...state,
    pauses: state.pauses.map((p) =>
      p.pauseReason === OBJECTION_PAUSE_REASON && p.endedAt === null ? { ...p, endedAt: at, pausedMs: toMs(at) - toMs(p.startedAt) } : p,
    ),
  };
}

/** Not accepted / diverted: with a notice clock (newer policies) the case waits for the written notice. */
function decided(state: CaseState, acceptance: AcceptanceState, noticeDueAt: string | undefined): CaseState {
  if (noticeDueAt === undefined) return withAssignment(state, { acceptance });
  return { ...withAssignment(state, { acceptance: { ...acceptance, noticeDueAt } }), step: 'decision_notice' };
}

/** Folds a history from the initial state (replay). */
export function evolveAll(events: readonly CaseEvent[], from: CaseState = initialState()): CaseState {
  return events.reduce(evolve, from);
}

function withAssignment(state: CaseState, patch: Partial<Assignment>): CaseState {
  // Events that patch the assignment are only emitted while one exists.
  return state.assignment ? { ...state, assignment: { ...state.assignment, ...patch } } : state;
}

function apply(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'PetitionRegistered':
      return {
        ...state,
        caseId: event.caseId,
        status: 'open',
        step: 'routing',
        policyId: event.policyId,
        policyVersion: event.policyVersion,
        policy: event.policy ?? null,
        petition: {
          channel: event.channel,
          persons: event.persons,
          representatives: event.representatives,
          kind: event.kind,
          category: event.category,
          regionCode: event.regionCode,
          ...(event.townshipCode ? { townshipCode: event.townshipCode } : {}),
          respondent: event.respondent,
          matterRef: event.matterRef,
          petitionerRef: event.petitionerRef,
          nameAndAddressKnown: event.nameAndAddressKnown,
          level: event.level,
          priorFinalDecision: event.priorFinalDecision,
          registeredAt: event.at,
          bureauUnitId: event.bureauUnitId,
        },
        routeClock: { startedAt: event.at, dueAt: event.routeDueAt },
        ...(event.relatedCase
          ? { relatedCases: [{ caseId: event.relatedCase.caseId, matterRef: event.relatedCase.matterRef, linkedAt: event.at, via: 'registration' as const }] }
          : {}),
      };
    case 'RepeatPetitionRecorded':
      return { ...state, repeatCount: event.repeatNumber };
    case 'RelatedCaseLinked':
      return { ...state, relatedCases: [...(state.relatedCases ?? []),
        { caseId: event.relatedCaseId, matterRef: event.matterRef, linkedAt: event.at, via: 'registrar' }] };
    case 'RelatedCaseUnlinked':
      return { ...state, relatedCases: (state.relatedCases ?? []).filter((l) => l.caseId !== event.relatedCaseId) };
    case 'HigherLevelPetitionNotAccepted':
      return { ...state, higherLevelNotAcceptedCount: state.higherLevelNotAcceptedCount + 1 };
    case 'PetitionRouted':
      return {
        ...state,
        step: 'receipt',
        routingRounds: event.round,
        assignment: {
          round: event.round,
          mode: event.mode,
          leadUnitId: event.leadUnitId,
          coUnitIds: [...event.coUnitIds],
          routedAt: event.at,
          receiveDueAt: event.receiveDueAt ?? null,
          handlingDeadline: event.handlingDeadline,
          handlingLimit: event.handlingLimit,
          receivedAt: null,
          notifyDueAt: null,
          objectionDueAt: null,
          acceptanceDueAt: null,
          notifiedAt: null,
          objection: null,
          acceptance: null,
        },
      };
    case 'CaseReceived':
      return {
        ...withAssignment(state, {
          receivedAt: event.at,
          notifyDueAt: event.notifyDueAt,
          objectionDueAt: event.objectionDueAt,
          acceptanceDueAt: event.acceptanceDueAt,
        }),
        step: 'acceptance',
      };
    case 'PetitionerNotified':
      return withAssignment(state, { notifiedAt: event.at });
    case 'ObjectionRaised': {
      const clock = event.decideDueAt === undefined ? {} : { decideDueAt: event.decideDueAt };
      return {
        ...withAssignment(state, { objection: { raisedAt: event.at, decision: null, decidedAt: null, ...clock } }),
        step: 'objection',
      };
    }
    case 'ObjectionApproved':
      // The unit is released; the bureau routes again on a fresh route clock. The unit's clocks end with
      // the assignment: their objection pauses end here.
      return {
        ...endObjectionPauses(state, event.at),
        step: 'routing',
        assignment: null,
        routeClock: { startedAt: event.at, dueAt: event.routeDueAt },
      };
    case 'ObjectionRejected': {
      const objection = state.assignment?.objection;
      return {
        ...withAssignment(state, {
          objection: objection ? { ...objection, decision: 'rejected', decidedAt: event.at } : null,
        }),
        step: 'acceptance',
      };
    }
    case 'CaseAccepted':
      return {
        ...withAssignment(state, { acceptance: { outcome: 'accepted', decidedAt: event.at, divertTo: null } }),
        step: 'handling',
        handling: { acceptedAt: event.at, dueAt: event.handlingDueAt },
      };
    case 'CaseNotAccepted':
      return decided(state, { outcome: 'not_accepted', decidedAt: event.at, divertTo: null }, event.noticeDueAt);
    case 'CaseDiverted':
      return decided(state, { outcome: 'diverted', decidedAt: event.at, divertTo: event.divertTo }, event.noticeDueAt);
    case 'DecisionNotified':
      // CaseClosed follows.
      return state;
    case 'CaseNotAcceptedAgain':
      return withAssignment(state, { acceptance: { outcome: 'not_accepted_again', decidedAt: event.at, divertTo: null } });
    case 'LeaderAssigned':
      return { ...state, leaderId: event.leaderId };
    case 'ExtensionRequested':
      return {
        ...state,
        extension: {
          status: 'requested',
          extension: event.extension,
          requestedAt: event.at,
          requestedDueAt: event.requestedDueAt,
          decidedAt: null,
        },
      };
    case 'ExtensionApproved':
      return {
        ...state,
        extension: state.extension ? { ...state.extension, status: 'approved', decidedAt: event.at } : null,
        handling: state.handling ? { ...state.handling, dueAt: event.newDueAt } : null,
      };
    case 'ExtensionRejected':
      return { ...state, extension: state.extension ? { ...state.extension, status: 'rejected', decidedAt: event.at } : null };
    case 'PetitionerReplied':
      return {
        ...state,
        step: 'replied',
        reply: {
          repliedAt: event.at,
          closureType: event.closureType,
          outcomeRef: event.outcomeRef,
          claimUpheld: event.claimUpheld,
          onTime: event.onTime,
          requestReviewDueAt: event.requestReviewDueAt,
        },
        evaluation: { status: 'pending', dueAt: event.evaluationDueAt, value: null, at: null },
      };
    case 'SatisfactionEvaluated':
      return { ...state, evaluation: { ...state.evaluation, status: 'evaluated', value: event.value, at: event.at } };
    case 'EvaluationLapsed':
      return { ...state, evaluation: { ...state.evaluation, status: 'lapsed', at: event.at } };
    case 'RequestWindowLapsed':
      return { ...state, lapsedWindows: [...state.lapsedWindows, event.deadlineKey] };
    case 'ReviewRequested':
      return {
        ...state,
        step: 'review',
        review: {
          unitId: event.reviewUnitId,
          requestedAt: event.at,
          dueAt: event.decideReviewDueAt,
          decision: null,
          outcomeRef: null,
          decidedAt: null,
          onTime: null,
          requestReReviewDueAt: null,
        },
      };
    case 'ReviewDecided':
      return {
        ...state,
        step: 'review_decided',
        review: state.review
          ? {
              ...state.review,
              decision: event.decision,
              outcomeRef: event.outcomeRef,
              decidedAt: event.at,
              onTime: event.onTime,
              requestReReviewDueAt: event.requestReReviewDueAt,
            }
          : null,
      };
    case 'ReReviewRequested':
      return {
        ...state,
        step: 're_review',
        reReview: {
          unitId: event.reReviewUnitId,
          requestedAt: event.at,
          dueAt: event.decideReReviewDueAt,
          pausedMs: 0,
          pauseStartedAt: null,
          hearings: 0,
          decision: null,
          outcomeRef: null,
          decidedAt: null,
          onTime: null,
        },
      };
    case 'HearingStarted':
      return {
        ...pauseStarted(state, 'decideReReview', 'hearing', event.at),
        reReview: state.reReview
          ? { ...state.reReview, pauseStartedAt: event.at, hearings: state.reReview.hearings + 1 }
          : null,
      };
    case 'HearingEnded':
      return {
        ...pauseEnded(state, 'decideReReview', event.at, event.pausedMs),
        reReview: state.reReview
          ? {
              ...state.reReview,
              pauseStartedAt: null,
              pausedMs: state.reReview.pausedMs + event.pausedMs,
              dueAt: event.decideReReviewDueAt,
            }
          : null,
      };
    case 'ClockPaused':
      return pauseStarted(state, event.deadlineKey, event.pauseReason, event.at, event.approverId);
    case 'ClockResumed':
      return withClockDue(pauseEnded(state, event.deadlineKey, event.at, event.pausedMs), event.deadlineKey, event.dueAt);
    case 'DeadlineWarningRaised':
      return {
        ...state,
        warnings: [
          ...state.warnings,
          { warningKey: event.warningKey, deadlineKey: event.deadlineKey, rule: event.rule, clockStartedAt: event.clockStartedAt, at: event.at },
        ],
      };
    case 'EscalationRaised':
      return {
        ...state,
        escalations: [
          ...state.escalations,
          {
            escalationNo: event.escalationNo,
            escalationKey: event.escalationKey,
            deadlineKey: event.deadlineKey,
            rung: event.rung,
            breachDueAt: event.breachDueAt,
            unitId: event.unitId,
            letterKind: event.letterKind,
            at: event.at,
          },
        ],
      };
    case 'LetterIssued':
      return { ...state, letters: [...state.letters, letterFromIssued(event)] };
    case 'LetterFeedbackRecorded':
    case 'LetterFeedbackAccepted':
    case 'LetterFeedbackReturned':
    case 'LetterAdoptionRecorded':
      return { ...state, letters: state.letters.map((l) => (l.letterNo === event.letterNo ? evolveLetter(l, event) : l)) };
    case 'PolicyAdopted':
      return event.rearmed.reduce<CaseState>((s, r) => withClockDue(s, r.key, r.newDueAt), {
        ...state,
        policy: event.policy,
        policyId: event.toId,
        policyVersion: event.toVersion,
      });
    case 'UnitSucceeded':
      return evolveUnitSucceeded(state, event);
    case 'CalendarAdopted': {
      const years = new Map((state.calendarYears ?? []).map((y) => [y.year, y]));
      for (const y of event.years) years.set(y.year, y);
      return event.rearmed.reduce<CaseState>((s, r) => withClockDue(s, r.key, r.newDueAt), {
        ...state,
        calendarYears: [...years.values()].sort((a, b) => a.year - b.year),
      });
    }
    case 'BreachWithdrawn':
      return evolveBreachWithdrawn(state, event);
    case 'ReReviewDecided':
      return {
        ...state,
        reReview: state.reReview
          ? { ...state.reReview, decision: event.decision, outcomeRef: event.outcomeRef, decidedAt: event.at, onTime: event.onTime }
          : null,
      };
    case 'PetitionWithdrawn':
      return { ...state, withdrawnAt: event.at };
    case 'DeadlineBreached':
      return {
        ...state,
        breaches: [...state.breaches, { deadlineKey: event.deadlineKey, dueAt: event.dueAt, at: event.at, unitId: event.unitId }],
      };
    case 'CaseClosed':
      return {
        ...state,
        status: 'closed',
        step: 'closed',
        closure: { reason: event.closureReason, at: event.at, fromStep: event.step },
      };
    default:
      return assertNever(event);
  }
}
