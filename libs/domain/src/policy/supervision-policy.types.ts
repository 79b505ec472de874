import type { Limit } from '../calendar';
import type { Channel, DeadlineKey, PetitionKind } from '../case/case.types';
import type { CasePolicy } from './policy.types';

/**
 * A supervision policy document (督查政策): the step limits of CasePolicy plus where it applies, when
 * it takes effect, how units are warned before a breach and how a breach escalates. Plain JSON: it is
 * published by the supervision office, travels in workflow inputs and is recorded in the case's events.
 */

/** Deadlines on the bureau or a unit: the only ones that are breached, warned, escalated and paused. */
export const BREACH_DEADLINE_KEYS = [
  'route',
  'receive',
  'notify',
  'acceptance',
  'decideObjection',
  'notifyDecision',
  'handling',
  'decideReview',
  'decideReReview',
] as const;
export type BreachDeadlineKey = (typeof BREACH_DEADLINE_KEYS)[number];

/** The petitioner's windows: they lapse, nobody is warned or held to account. */
export const LAPSE_DEADLINE_KEYS = ['evaluation', 'requestReview', 'requestReReview'] as const;
export type LapseDeadlineKey = (typeof LAPSE_DEADLINE_KEYS)[number];

export function isBreachDeadlineKey(key: unknown): key is BreachDeadlineKey {
  return typeof key === 'string' && (BREACH_DEADLINE_KEYS as readonly string[]).includes(key);
}

/**
 * Where a policy applies. Every listed dimension must match; an absent dimension matches anything.
 * regionPrefixes are administrative division code prefixes: 2 digits = province ('33' Zhejiang),
 * 4 = city ('3301' Hangzhou), 6 = county ('330102').
 */
export interface PolicyScope {
  regionPrefixes?: string[];
  categories?: string[];
  channels?: Channel[];
  kinds?: PetitionKind[];
}

/**
 * 预警. `before`: when this much time is left before the deadline (working days: at 00:00 of the day
 * from which exactly that many working days remain). `atFraction`: when that fraction of the counted
 * time (paused time excluded) has elapsed, e.g. 0.8.
 */
export type WarningRule = { before: Limit } | { atFraction: number };

/** Steps of the escalation ladder after a breach, mildest first. */
export const ESCALATION_RUNGS = [
  'reminder_letter', // 督办提醒函
  'listed_supervision', // 挂牌督办
  'accountability_recommendation', // 问责建议函
  'escalate_to_superior', // 报上级督查
] as const;
export type EscalationRungKind = (typeof ESCALATION_RUNGS)[number];

export const ESCALATION_RUNG_NAMES: Record<EscalationRungKind, { zh: string; en: string }> = {
  reminder_letter: { zh: '督办提醒函', en: 'Supervision reminder letter' },
  listed_supervision: { zh: '挂牌督办', en: 'Listed supervision' },
  accountability_recommendation: { zh: '问责建议函', en: 'Accountability recommendation' },
  escalate_to_superior: { zh: '报上级督查', en: 'Escalation to the superior supervision office' },
};

/** A rung fires once, `after` the breach instant (amount 0 = at the breach), while the step is still not done. */
export interface EscalationRung {
  rung: EscalationRungKind;
  after: Limit;
}

/** The document each rung produces; escalation to the superior is a report, not a letter to the unit. */
export const LETTER_KINDS = ['reminder_letter', 'listed_supervision_notice', 'accountability_recommendation'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const RUNG_LETTER_KIND: Record<EscalationRungKind, LetterKind | null> = {
  reminder_letter: 'reminder_letter',
  listed_supervision: 'listed_supervision_notice',
  accountability_recommendation: 'accountability_recommendation',
  escalate_to_superior: null,
};

/** A reason for which a unit's clock may stop (the time is not counted) and for which deadlines. */
export interface PauseReason {
  code: string;
  nameZh: string;
  nameEn: string;
  appliesTo: DeadlineKey[];
}

/**
 * The objecting unit's clocks stop while the bureau decides its objection (policy limit
 * 'decideObjection'). Recorded by the case itself, never configured or resumed by hand.
 */
export const OBJECTION_PAUSE_REASON = 'objection';

/**
 * Who approves a clock pause (other than the art.36 hearing). When a policy document has this setting,
 * PauseClock must be issued by the approver himself: an actor with `approverRole` in the unit answerable
 * for the clock, naming himself as `approverId`, with the free-text why (`reason`). Absent (older
 * documents): the unit's handler may stop the clock alone, as before. See docs/clock-pauses.md.
 */
export interface PauseApproval {
  approverRole: 'unit_head';
}

/** 听证 (art.36): hearing time is not counted in the re-review limit. Always available. */
export const HEARING_PAUSE_REASON: PauseReason = {
  code: 'hearing',
  nameZh: '听证',
  nameEn: 'Hearing',
  appliesTo: ['decideReReview'],
};

export interface SupervisionPolicy extends CasePolicy {
  /** Where it applies; {} = everywhere (the national default). */
  scope: PolicyScope;
  /** Explicit tie-break between equally specific policies: higher wins (default 0). */
  priority?: number;
  /** ISO instant with offset; the policy applies to cases registered at or after it. */
  effectiveFrom: string;
  /** Where the rules come from (regulation, notice number), for people. */
  source?: string;
  /** Warnings for every bureau/unit deadline … */
  warnings: WarningRule[];
  /** … unless a deadline has its own list here ([] = no warnings for it). */
  warningOverrides?: Partial<Record<BreachDeadlineKey, WarningRule[]>>;
  /** The ladder after a breach, in order. */
  escalation: EscalationRung[];
  /** The unit's written feedback on a supervision letter is due within this limit (art.40, policy default). */
  letterFeedbackLimit: Limit;
  /** Letters that require written feedback (default: reminder letters and listed supervision notices). */
  lettersRequiringFeedback?: LetterKind[];
  /** Configured pause reasons; 'hearing' for the re-review is built in (see HEARING_PAUSE_REASON). */
  pauseReasons: PauseReason[];
  /** Approval of a clock pause (absent in older documents: no approval, see PauseApproval). */
  pauseApproval?: PauseApproval;
  /**
   * How an approved extension (art.34) is counted. 'from_original_last_day': from the original limit's last day
   * (not moved to a working day), rolled once at the end (60 + 30 days = day 90). Absent or 'from_due' (documents
   * before 2026-12): on from the due time, already rolled over a holiday.
   */
  extensionCounting?: ExtensionCounting;
  /**
   * The supervision office reviews each written feedback (accepts it, or returns it with a reason and a
   * new limit, which restarts the feedback clock); a recommendation's missed limit is recorded as a
   * breach without a further recommendation. Absent (older documents): feedback is final when recorded.
   */
  letterFeedbackReview?: boolean;
  /** Who an accountability recommendation (问责建议函) is addressed to; absent: the failing unit itself. */
  accountability?: AccountabilityPolicy;
  /**
   * A published holiday arrangement that moves a breached (provisional) deadline past the moment of its breach
   * withdraws the breach (BreachWithdrawn) and the letters it caused, and re-arms the clock. Absent (older documents):
   * the breach stands (docs/calendar-years.md).
   */
  calendarBreachWithdrawal?: boolean;
}

/**
 * 问责建议函 go to the body with authority over the failing unit, the unit in copy (抄送). There is no
 * organisation directory yet: superiors are listed here by unit id or unit-id prefix (the longest
 * matching prefix wins). Fallback (docs/letter-feedback.md): superior → discipline body → the unit itself.
 */
export interface AccountabilityPolicy {
  recommendationAddressee: 'superior' | 'discipline_body';
  /** 纪检监察机关. */
  disciplineBodyId?: string;
  /** <unit id or unit-id prefix> → superior unit id. */
  superiors?: Record<string, string>;
}

export const EXTENSION_COUNTINGS = ['from_original_last_day', 'from_due'] as const;
export type ExtensionCounting = (typeof EXTENSION_COUNTINGS)[number];

/** The facts of a case a policy is chosen by (resolvePolicy). */
export interface PolicyFacts {
  regionCode: string;
  category: string;
  channel: Channel;
  kind: PetitionKind;
}

/** A JSON value, as policy documents and their diffs are. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One difference between two policy documents, by JSON path (e.g. 'limits.handleClaim.amount'). */
export interface PolicyChange {
  path: string;
  op: 'added' | 'removed' | 'changed';
  /** null when added. */
  from: JsonValue | null;
  /** null when removed. */
  to: JsonValue | null;
}
