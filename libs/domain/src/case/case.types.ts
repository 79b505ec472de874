/** Vocabulary of a petition case. Const lists double as runtime validators. */
import type { EscalationRungKind } from '../policy/supervision-policy.types';

export const ACTOR_ROLES = ['registrar', 'handler', 'unit_head', 'supervisor', 'leader', 'auditor', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Who acts: the workflow records it in every event (who, as which role, for which unit). */
export interface Actor {
  id: string;
  role: ActorRole;
  unitId?: string;
}

export const CHANNELS = ['letter', 'visit', 'phone', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

/** 类别: claims (申诉求决类), suggestions (建议意见类), reports (检举控告类). */
export const PETITION_KINDS = ['claim', 'suggestion', 'report'] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];
export const PETITION_KIND_NAMES: Record<PetitionKind, { zh: string; en: string }> = {
  claim: { zh: '申诉求决类', en: 'Claim' },
  suggestion: { zh: '建议意见类', en: 'Suggestion' },
  report: { zh: '检举控告类', en: 'Report' },
};

/** Level of the body a petition is addressed to; art.19 compares them. */
export const PETITION_LEVELS = ['county', 'city', 'province'] as const;
export type PetitionLevel = (typeof PETITION_LEVELS)[number];
export const LEVEL_RANK: Record<PetitionLevel, number> = { county: 1, city: 2, province: 3 };

/** Content categories (内容分类). The case accepts any non-empty code; these are the known ones. */
export const CONTENT_CATEGORIES = [
  { code: 'urban_construction', zh: '城乡建设', en: 'Urban and rural construction' },
  { code: 'political_legal', zh: '政法', en: 'Political and legal affairs' },
  { code: 'natural_resources', zh: '自然资源', en: 'Natural resources' },
  { code: 'agriculture', zh: '农村农业', en: 'Agriculture and rural affairs' },
  { code: 'labour_social_security', zh: '劳动和社会保障', en: 'Labour and social security' },
  { code: 'health', zh: '卫生健康', en: 'Health' },
  { code: 'education', zh: '教育', en: 'Education' },
  { code: 'ecology_environment', zh: '生态环境', en: 'Ecology and environment' },
  { code: 'transport', zh: '交通运输', en: 'Transport' },
  { code: 'commerce', zh: '商贸', en: 'Commerce' },
  { code: 'market_supervision', zh: '市场监管', en: 'Market supervision' },
  { code: 'civil_affairs', zh: '民政', en: 'Civil affairs' },
  { code: 'finance', zh: '财政金融', en: 'Finance' },
  { code: 'organization_personnel', zh: '组织人事', en: 'Organisation and personnel' },
  { code: 'discipline_inspection', zh: '纪检监察', en: 'Discipline inspection and supervision' },
  { code: 'culture_tourism', zh: '文化旅游', en: 'Culture and tourism' },
  { code: 'science_technology', zh: '科技与信息产业', en: 'Science, technology and IT' },
  { code: 'emergency_management', zh: '应急管理', en: 'Emergency management' },
  { code: 'veterans_affairs', zh: '退役军人事务', en: 'Veterans affairs' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export type KnownCategoryCode = (typeof CONTENT_CATEGORIES)[number]['code'];

/** Against whom the petition is directed: a description, never personal data of the petitioner. */
export interface Respondent {
  type: 'unit' | 'person';
  description: string;
}

/** 转送 forward, 交办 assign (with a handling deadline), or out of the petition channel to 政法 / 纪检. */
export const ROUTE_MODES = ['forward', 'assign', 'redirect_political_legal', 'redirect_discipline'] as const;
export type RouteMode = (typeof ROUTE_MODES)[number];

export const ACCEPTANCE_OUTCOMES = ['accepted', 'not_accepted', 'diverted', 'not_accepted_again'] as const;
export type AcceptanceOutcome = (typeof ACCEPTANCE_OUTCOMES)[number];

export const DIVERSION_CHANNELS = ['litigation', 'arbitration', 'administrative_review'] as const;
export type DiversionChannel = (typeof DIVERSION_CHANNELS)[number];

/** 实体化解 substantive / 程序性办结 procedural. */
export const REPLY_CLOSURE_TYPES = ['substantive', 'procedural'] as const;
export type ReplyClosureType = (typeof REPLY_CLOSURE_TYPES)[number];

/** 满意 / 基本满意 / 不满意. */
export const SATISFACTION_VALUES = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_VALUES)[number];

export const REVIEW_DECISIONS = ['upheld', 'changed', 'revoked'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const CLOSURE_REASONS = ['windows_lapsed', 'withdrawn', 'final_decision', 'diverted', 'not_accepted', 'redirected'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CASE_STATUSES = ['unregistered', 'open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Where the case stands (see the state machine in case.decide.ts):
 * routing → receipt → acceptance (⇄ objection) → handling → replied → review → review_decided → re_review → closed.
 */
export const CASE_STEPS = [
  'unregistered',
  'routing',
  'receipt',
  'acceptance',
  'objection',
  /** Not accepted / diverted: the written notice to the petitioner is due (art.31), then the case closes. */
  'decision_notice',
  'handling',
  'replied',
  'review',
  'review_decided',
  're_review',
  'closed',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** Steps in which the case is still being handled by the bureau or a unit (before the written reply). */
export const PRE_REPLY_STEPS: readonly CaseStep[] = ['routing', 'receipt', 'acceptance', 'objection', 'handling'];

/** Stable ids of the clocks the workflow sets timers for (see case.deadlines.ts). */
export const DEADLINE_KEYS = [
  'route',
  /** The lead unit registers receipt of a routed case (policy limit 'receive', from the routing instant). */
  'receive',
  'notify',
  'acceptance',
  /** The bureau decides a unit's objection (policy limit 'decideObjection'); the bureau's clock. */
  'decideObjection',
  /** The written notice of not accepted / diverted (policy limit 'notifyDecision', art.31). */
  'notifyDecision',
  'handling',
  'evaluation',
  'requestReview',
  'decideReview',
  'requestReReview',
  'decideReReview',
] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/**
 * What the workflow sets timers for (see case.deadlines.ts): a deadline on the bureau or a unit is
 * breached; a window for the petitioner lapses; a warning (预警) comes before a breach; an escalation
 * rung (督办 ladder) follows one; a unit's written feedback on a supervision letter is due ('feedback').
 */
export type DeadlineKind = 'breach' | 'lapse' | 'warning' | 'escalation' | 'feedback';

/** The feedback clock of one letter: `feedback:<deadlineKey>:<rung>#<escalationNo>`, e.g. 'feedback:handling:reminder_letter#1'. */
export type FeedbackKey = `feedback:${string}`;
/** Clocks that can be breached: the step deadlines and letter feedback clocks. */
export type ClockKey = DeadlineKey | FeedbackKey;
/** `<deadlineKey>:warn:<index of the rule in the deadline's warning list>`, e.g. 'handling:warn:0'. */
export type WarningKey = `${DeadlineKey}:warn:${number}`;
/** `<clockKey>:esc:<rung>`, e.g. 'handling:esc:listed_supervision'. */
export type EscalationKey = `${ClockKey}:esc:${EscalationRungKind}`;
/** Every key pendingDeadlines returns and ReachDeadline accepts. */
export type AlarmKey = ClockKey | WarningKey | EscalationKey;

export function isFeedbackKey(key: string): key is FeedbackKey {
  return key.startsWith('feedback:');
}

export function assertNever(value: never): never {
  // Unreachable when the union is exhaustive; the compiler proves it.
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
