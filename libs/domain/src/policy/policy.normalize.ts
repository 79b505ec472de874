import type { DeadlineKey } from '../case/case.types';
import { cloneJson, isPlainObject } from './json.util';
import { DEFAULT_LETTER_FEEDBACK_LIMIT, DEFAULT_LETTERS_REQUIRING_FEEDBACK } from './policy.national';
import type { CasePolicy } from './policy.types';
import {
  type BreachDeadlineKey,
  type LetterKind,
  type PauseReason,
  type SupervisionPolicy,
  type WarningRule,
  HEARING_PAUSE_REASON,
} from './supervision-policy.types';

/** effectiveFrom given to a policy that predates supervision documents: it has always applied. */
export const LEGACY_EFFECTIVE_FROM = '1970-01-01T00:00:00Z';

/**
 * A supervision document from any CasePolicy. A document that is already complete is copied as is.
 * A limits-only policy (workflow inputs recorded before supervision policies existed) gets an
 * empty scope, no warnings and no escalation: adding alarms to it would change the timers of running
 * and replayed cases. Only the feedback limit, which nothing uses without a letter, gets its default.
 */
export function asSupervisionPolicy(policy: CasePolicy): SupervisionPolicy {
  const p = cloneJson(policy) as CasePolicy & Partial<SupervisionPolicy>;
  return {
    ...p,
    scope: isPlainObject(p.scope) ? p.scope : {},
    effectiveFrom: typeof p.effectiveFrom === 'string' ? p.effectiveFrom : LEGACY_EFFECTIVE_FROM,
    warnings: Array.isArray(p.warnings) ? p.warnings : [],
    escalation: Array.isArray(p.escalation) ? p.escalation : [],
    letterFeedbackLimit: p.letterFeedbackLimit ?? cloneJson(DEFAULT_LETTER_FEEDBACK_LIMIT),
    pauseReasons: Array.isArray(p.pauseReasons) ? p.pauseReasons : [],
  };
}

/** The configured pause reasons plus the built-in hearing (art.36) when the document does not list it. */
export function effectivePauseReasons(policy: SupervisionPolicy): PauseReason[] {
  const listed = policy.pauseReasons ?? [];
  return listed.some((r) => r.code === HEARING_PAUSE_REASON.code) ? listed : [...listed, HEARING_PAUSE_REASON];
}

/** The pause reason with this code when it applies to this deadline, else null. */
export function pauseReasonFor(policy: SupervisionPolicy, code: string, key: DeadlineKey): PauseReason | null {
  return effectivePauseReasons(policy).find((r) => r.code === code && r.appliesTo.includes(key)) ?? null;
}

/** The warning rules of one deadline: its override when present, else the global list. */
export function warningRulesFor(policy: SupervisionPolicy, key: BreachDeadlineKey): WarningRule[] {
  return policy.warningOverrides?.[key] ?? policy.warnings ?? [];
}

export function lettersRequiringFeedback(policy: SupervisionPolicy): readonly LetterKind[] {
  return policy.lettersRequiringFeedback ?? DEFAULT_LETTERS_REQUIRING_FEEDBACK;
}

export function policyPriority(policy: SupervisionPolicy): number {
  return policy.priority ?? 0;
}
