import { MAX_LIMIT_DAYS, type Limit, type LimitUnit } from '../calendar';
import { STEP_LIMIT_KEYS, type CasePolicy, isOptionalStepLimitKey } from './policy.types';

export interface PolicyProblem {
  path: string;
  messageZh: string;
  messageEn: string;
}

const UNITS: readonly LimitUnit[] = ['calendar_days', 'working_days', 'hours', 'minutes', 'seconds'];

/** True for a limit computeDueAt accepts and that actually gives time (amount > 0). */
export function isValidLimit(limit: unknown): limit is Limit {
  if (typeof limit !== 'object' || limit === null) return false;
  const { amount, unit, rollToWorkingDay } = limit as Record<string, unknown>;
  if (typeof unit !== 'string' || !UNITS.includes(unit as LimitUnit)) return false;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) return false;
  if ((unit === 'calendar_days' || unit === 'working_days') && (!Number.isInteger(amount) || amount > MAX_LIMIT_DAYS)) {
    return false;
  }
  return rollToWorkingDay === undefined || typeof rollToWorkingDay === 'boolean';
}

/** Checks a policy before it is used (e.g. when the supervision office publishes one). */
export function validatePolicy(policy: CasePolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const bad = (path: string, zh: string, en: string) => problems.push({ path, messageZh: zh, messageEn: en });
  if (typeof policy.id !== 'string' || policy.id.trim() === '') bad('id', '策略编号不能为空', 'id must not be empty');
  if (!Number.isInteger(policy.version) || policy.version < 1) bad('version', '版本须为正整数', 'version must be a positive integer');
  for (const key of STEP_LIMIT_KEYS) {
    const limit = policy.limits?.[key];
    if (limit === undefined && isOptionalStepLimitKey(key)) continue;
    if (limit === undefined) bad(`limits.${key}`, '缺少期限', 'limit missing (use null for no limit)');
    else if (limit !== null && !isValidLimit(limit)) bad(`limits.${key}`, '期限无效', 'invalid limit');
  }
  if (!isValidLimit(policy.evaluationWindow)) bad('evaluationWindow', '评价期限无效', 'invalid evaluation window');
  if (!isValidLimit(policy.maxExtension)) bad('maxExtension', '延期上限无效', 'invalid maximum extension');
  const n = policy.continueAsNewAfterEvents;
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
    bad('continueAsNewAfterEvents', '须为正整数', 'must be a positive integer');
  }
  return problems;
}
