import type { PriorFinalDecision } from './case.commands';
import type { CaseRejection } from './case.rejections';
import { rejection } from './case.rejections';
import { ACTOR_ROLES, type Actor, type Channel, type Respondent } from './case.types';
import { isInstant } from './case.time';

/** art.20: a group visit sends at most this many representatives. */
export const MAX_VISIT_REPRESENTATIVES = 5;

export function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export function invalid(field: string): CaseRejection {
  return rejection('CASE_INVALID_INPUT', { field });
}

export function checkActor(actor: unknown): CaseRejection | null {
  if (typeof actor !== 'object' || actor === null) return invalid('actor');
  const a = actor as Partial<Actor>;
  if (!nonEmpty(a.id)) return invalid('actor.id');
  if (!isOneOf(ACTOR_ROLES, a.role)) return invalid('actor.role');
  if (a.unitId !== undefined && !nonEmpty(a.unitId)) return invalid('actor.unitId');
  return null;
}

export function checkRespondent(r: unknown): CaseRejection | null {
  if (typeof r !== 'object' || r === null) return invalid('respondent');
  const v = r as Partial<Respondent>;
  if (v.type !== 'unit' && v.type !== 'person') return invalid('respondent.type');
  return nonEmpty(v.description) ? null : invalid('respondent.description');
}

export function checkPriorFinalDecision(p: PriorFinalDecision | undefined): CaseRejection | null {
  if (p === undefined) return null;
  if (typeof p !== 'object' || p === null || !nonEmpty(p.caseId)) return invalid('priorFinalDecision.caseId');
  return isInstant(p.decidedAt) ? null : invalid('priorFinalDecision.decidedAt');
}

/** The pseudonymous suggestion facts: an opaque reference and at most 64 whole numbers (a sketch, no text). */
export function checkSuggestionFacts(respondentRef: unknown, sketch: unknown): CaseRejection | null {
  if (respondentRef !== undefined && !nonEmpty(respondentRef)) return invalid('respondentRef');
  if (sketch === undefined) return null;
  const ok = Array.isArray(sketch) && sketch.length <= 64 && sketch.every((n) => Number.isInteger(n) && n >= 0);
  return ok ? null : invalid('contentSketch');
}

/** Persons and representatives; the ≤ 5 representatives rule applies to visits (art.20). */
export function checkGroup(channel: Channel, persons: unknown, representatives: unknown): CaseRejection | null {
  if (typeof persons !== 'number' || !Number.isInteger(persons) || persons < 1) {
    return rejection('CASE_INVALID_PERSONS', { persons });
  }
  if (representatives !== undefined) {
    if (typeof representatives !== 'number' || !Number.isInteger(representatives) || representatives < 1) {
      return rejection('CASE_INVALID_PERSONS', { representatives });
    }
    if (representatives > persons || (channel === 'visit' && representatives > MAX_VISIT_REPRESENTATIVES)) {
      return rejection('CASE_TOO_MANY_REPRESENTATIVES', { persons, representatives, max: MAX_VISIT_REPRESENTATIVES });
    }
  } else if (channel === 'visit' && persons > MAX_VISIT_REPRESENTATIVES) {
    return rejection('CASE_REPRESENTATIVES_REQUIRED', { persons, max: MAX_VISIT_REPRESENTATIVES });
  }
  return null;
}
