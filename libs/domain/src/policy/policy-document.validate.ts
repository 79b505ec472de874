import { MAX_LIMIT_DAYS, type Limit, type LimitUnit } from '../calendar';
import { parseInstant } from '../calendar/instant';
import { CHANNELS, DEADLINE_KEYS, PETITION_KINDS } from '../case/case.types';
import { cloneJson, isPlainObject, jsonEqual } from './json.util';
import { checkLetterSettings } from './policy-letters.validate';
import { STEP_LIMIT_KEYS, isOptionalStepLimitKey } from './policy.types';
import type { PolicyProblem } from './policy.validate';
import {
  type SupervisionPolicy,
  BREACH_DEADLINE_KEYS,
  ESCALATION_RUNGS,
  HEARING_PAUSE_REASON,
  EXTENSION_COUNTINGS,
  LETTER_KINDS,
  OBJECTION_PAUSE_REASON,
} from './supervision-policy.types';

/** A problem in a policy document; `message` is "中文 / English" for logs and one-line displays. */
export interface PolicyDocumentProblem extends PolicyProblem {
  message: string;
}

export type PolicyDocumentValidation = { ok: true; policy: SupervisionPolicy } | { ok: false; problems: PolicyDocumentProblem[] };

const ROOT_KEYS = [
  'id',
  'version',
  'name',
  'source',
  'scope',
  'priority',
  'effectiveFrom',
  'limits',
  'evaluationWindow',
  'maxExtension',
  'continueAsNewAfterEvents',
  'warnings',
  'warningOverrides',
  'escalation',
  'letterFeedbackLimit',
  'lettersRequiringFeedback',
  'pauseReasons',
  'pauseApproval',
  'letterFeedbackReview',
  'accountability',
  'extensionCounting',
  'calendarBreachWithdrawal',
] as const;
const REQUIRED_KEYS: readonly string[] = [
  'id',
  'version',
  'name',
  'scope',
  'effectiveFrom',
  'limits',
  'evaluationWindow',
  'maxExtension',
  'warnings',
  'escalation',
  'letterFeedbackLimit',
  'pauseReasons',
];
const LIMIT_KEYS = ['amount', 'unit', 'rollToWorkingDay'] as const;
const UNITS: readonly LimitUnit[] = ['calendar_days', 'working_days', 'hours', 'minutes', 'seconds'];
const SCOPE_KEYS = ['regionPrefixes', 'categories', 'channels', 'kinds'] as const;
const PAUSE_KEYS = ['code', 'nameZh', 'nameEn', 'appliesTo'] as const;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** Province (2), city (4) or county (6) digits of the administrative division code (GB/T 2260). */
const REGION_PREFIX_PATTERN = /^[1-9]\d(\d{2}){0,2}$/;
const MS_PER_DAY = 86_400_000;
const UNIT_MS: Record<LimitUnit, number> = {
  calendar_days: MS_PER_DAY,
  // Ordering only: 5 working days ≈ 7 calendar days.
  working_days: (MS_PER_DAY * 7) / 5,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
};

/**
 * Checks a policy document from outside (the policy store, an upload) and lists EVERY problem by
 * JSON path ('limits.route.amount', 'escalation[2].after', 'pauseReasons[1].appliesTo[0]'). A
 * document with any problem is rejected as a whole; on success a private copy is returned.
 */
export function validatePolicyDocument(input: unknown): PolicyDocumentValidation {
  const problems: PolicyDocumentProblem[] = [];
  const bad = (path: string, zh: string, en: string): void => {
    problems.push({ path, messageZh: zh, messageEn: en, message: `${zh} / ${en}` });
  };
  if (!isPlainObject(input)) {
    bad('', '政策文件须为对象', 'the policy document must be an object');
    return { ok: false, problems };
  }
  const doc = input;
  checkKeys(doc, ROOT_KEYS, '', bad);
  for (const key of REQUIRED_KEYS) if (doc[key] === undefined) bad(key, '缺少必填项', 'required field missing');

  if (doc.id !== undefined && (typeof doc.id !== 'string' || !ID_PATTERN.test(doc.id))) {
    bad('id', '编号须为字母、数字、点、横线或下划线', 'id must be letters, digits, ".", "-" or "_" (at most 100)');
  }
  if (doc.version !== undefined && !(Number.isInteger(doc.version) && (doc.version as number) >= 1)) {
    bad('version', '版本须为正整数', 'version must be a positive integer');
  }
  if (doc.name !== undefined && !nonEmpty(doc.name)) bad('name', '名称不能为空', 'name must be a non-empty string');
  if (doc.source !== undefined && !nonEmpty(doc.source)) bad('source', '来源须为非空文本', 'source must be a non-empty string');
  if (doc.priority !== undefined && !Number.isInteger(doc.priority)) bad('priority', '优先级须为整数', 'priority must be an integer');
  if (doc.effectiveFrom !== undefined && parseInstant(doc.effectiveFrom) === null) {
    bad('effectiveFrom', '生效时间须为带时区的ISO 8601时间', 'effectiveFrom must be an ISO 8601 instant with Z or an offset');
  }
  const n = doc.continueAsNewAfterEvents;
  if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 1)) {
    bad('continueAsNewAfterEvents', '须为正整数', 'must be a positive integer');
  }
  if (doc.scope !== undefined) checkScope(doc.scope, bad);
  if (doc.limits !== undefined) checkLimits(doc.limits, bad);
  if (doc.evaluationWindow !== undefined) checkLimit(doc.evaluationWindow, 'evaluationWindow', false, bad);
  if (doc.maxExtension !== undefined) checkLimit(doc.maxExtension, 'maxExtension', false, bad);
  if (doc.letterFeedbackLimit !== undefined) checkLimit(doc.letterFeedbackLimit, 'letterFeedbackLimit', false, bad);
  if (doc.warnings !== undefined) checkWarnings(doc.warnings, 'warnings', bad);
  if (doc.warningOverrides !== undefined) checkWarningOverrides(doc.warningOverrides, bad);
  if (doc.escalation !== undefined) checkLadder(doc.escalation, bad);
  if (doc.lettersRequiringFeedback !== undefined) {
    checkList(doc.lettersRequiringFeedback, 'lettersRequiringFeedback', true, bad, (v, p) => {
      if (!(LETTER_KINDS as readonly unknown[]).includes(v)) bad(p, '未知的函件种类', `unknown letter kind (one of ${LETTER_KINDS.join(', ')})`);
    });
  }
  if (doc.pauseReasons !== undefined) checkPauseReasons(doc.pauseReasons, bad);
  if (doc.pauseApproval !== undefined) checkPauseApproval(doc.pauseApproval, bad);
  checkLetterSettings(doc, bad);
  if (doc.calendarBreachWithdrawal !== undefined && typeof doc.calendarBreachWithdrawal !== 'boolean') {
    bad('calendarBreachWithdrawal', '须为布尔值', 'must be true or false');
  }
  if (doc.extensionCounting !== undefined && !(EXTENSION_COUNTINGS as readonly unknown[]).includes(doc.extensionCounting)) {
    bad('extensionCounting', '未知的延期计算方式', `unknown extension counting (one of ${EXTENSION_COUNTINGS.join(', ')})`);
  }

  return problems.length === 0 ? { ok: true, policy: cloneJson(doc) as unknown as SupervisionPolicy } : { ok: false, problems };
}

type Bad = (path: string, zh: string, en: string) => void;

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string, bad: Bad): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) bad(join(path, key), '未知字段', `unknown field (allowed: ${allowed.join(', ')})`);
  }
}

/** Arrays of unique values; `nonEmptyList` when [] would be ambiguous. */
function checkList(
  value: unknown,
  path: string,
  nonEmptyList: boolean,
  bad: Bad,
  each: (v: unknown, path: string, index: number) => void,
): void {
  if (!Array.isArray(value)) {
    bad(path, '须为数组', 'must be an array');
    return;
  }
  if (nonEmptyList && value.length === 0) bad(path, '不能为空数组（不限定请省略该项）', 'must not be empty (omit it to mean "any")');
  value.forEach((v, i) => {
    each(v, `${path}[${i}]`, i);
    if (value.findIndex((w) => jsonEqual(w, v)) < i) bad(`${path}[${i}]`, '重复项', 'duplicate entry');
  });
}

function checkScope(scope: unknown, bad: Bad): void {
  if (!isPlainObject(scope)) {
    bad('scope', '适用范围须为对象（全国适用为 {}）', 'scope must be an object ({} = everywhere)');
    return;
  }
  checkKeys(scope, SCOPE_KEYS, 'scope', bad);
  if (scope.regionPrefixes !== undefined) {
    checkList(scope.regionPrefixes, 'scope.regionPrefixes', true, bad, (v, p) => {
      if (typeof v !== 'string' || !REGION_PREFIX_PATTERN.test(v)) {
        bad(p, '行政区划代码前缀须为2、4或6位数字', 'a region prefix is 2, 4 or 6 digits of the division code (e.g. "33", "3301")');
      }
    });
  }
  if (scope.categories !== undefined) {
    checkList(scope.categories, 'scope.categories', true, bad, (v, p) => {
      if (!nonEmpty(v)) bad(p, '内容分类代码不能为空', 'a category code must be a non-empty string');
    });
  }
  if (scope.channels !== undefined) {
    checkList(scope.channels, 'scope.channels', true, bad, (v, p) => {
      if (!(CHANNELS as readonly unknown[]).includes(v)) bad(p, '未知的信访渠道', `unknown channel (one of ${CHANNELS.join(', ')})`);
    });
  }
  if (scope.kinds !== undefined) {
    checkList(scope.kinds, 'scope.kinds', true, bad, (v, p) => {
      if (!(PETITION_KINDS as readonly unknown[]).includes(v)) bad(p, '未知的信访类别', `unknown kind (one of ${PETITION_KINDS.join(', ')})`);
    });
  }
}

/** A limit; `allowZero` for escalation delays (0 = at the breach). True when it has no problem. */
function checkLimit(value: unknown, path: string, allowZero: boolean, bad: Bad): boolean {
  let ok = true;
  const fail: Bad = (p, zh, en) => {
    ok = false;
    bad(p, zh, en);
  };
  if (!isPlainObject(value)) {
    fail(path, '期限须为对象 {amount, unit}', 'a limit must be an object {amount, unit}');
    return ok;
  }
  checkKeys(value, LIMIT_KEYS, path, fail);
  const { amount, unit, rollToWorkingDay } = value;
  const unitOk = typeof unit === 'string' && (UNITS as readonly string[]).includes(unit);
  if (!unitOk) fail(join(path, 'unit'), '未知的期限单位', `unknown unit (one of ${UNITS.join(', ')})`);
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    fail(join(path, 'amount'), '数量须为有限数', 'amount must be a finite number');
  } else if (amount < 0) {
    fail(join(path, 'amount'), '数量不能为负数', 'amount must not be negative');
  } else if (amount === 0 && !allowZero) {
    fail(join(path, 'amount'), '数量须大于0', 'amount must be greater than 0');
  } else if ((unit === 'calendar_days' || unit === 'working_days') && (!Number.isInteger(amount) || amount > MAX_LIMIT_DAYS)) {
    fail(join(path, 'amount'), `天数须为不超过${MAX_LIMIT_DAYS}的整数`, `days must be a whole number up to ${MAX_LIMIT_DAYS}`);
  }
  if (rollToWorkingDay !== undefined && typeof rollToWorkingDay !== 'boolean') {
    fail(join(path, 'rollToWorkingDay'), '须为布尔值', 'must be true or false');
  }
  return ok;
}

function checkLimits(limits: unknown, bad: Bad): void {
  if (!isPlainObject(limits)) {
    bad('limits', '期限表须为对象', 'limits must be an object');
    return;
  }
  checkKeys(limits, STEP_LIMIT_KEYS, 'limits', bad);
  for (const key of STEP_LIMIT_KEYS) {
    const limit = limits[key];
    // An optional limit left out means no limit (documents published before it existed stay valid).
    if (limit === undefined && isOptionalStepLimitKey(key)) continue;
    if (limit === undefined) bad(`limits.${key}`, '缺少期限（不设期限请填 null）', 'limit missing (use null for no limit)');
    else if (limit !== null) checkLimit(limit, `limits.${key}`, false, bad);
  }
}

function checkWarnings(rules: unknown, path: string, bad: Bad): void {
  checkList(rules, path, false, bad, (rule, p) => {
    if (!isPlainObject(rule)) {
      bad(p, '预警规则须为对象', 'a warning rule must be an object');
      return;
    }
    checkKeys(rule, ['before', 'atFraction'], p, bad);
    const hasBefore = rule.before !== undefined;
    const hasFraction = rule.atFraction !== undefined;
    if (hasBefore === hasFraction) {
      bad(p, '预警规则须且只能包含 before 或 atFraction 之一', 'a warning rule has exactly one of "before" or "atFraction"');
    }
    if (hasBefore) checkLimit(rule.before, `${p}.before`, false, bad);
    const f = rule.atFraction;
    if (hasFraction && !(typeof f === 'number' && f > 0 && f < 1)) {
      bad(`${p}.atFraction`, '比例须在0与1之间（不含）', 'atFraction must be a number strictly between 0 and 1');
    }
  });
}

function checkDeadlineKey(v: unknown, path: string, bad: Bad, what: { zh: string; en: string }): void {
  if (typeof v !== 'string' || !(DEADLINE_KEYS as readonly string[]).includes(v)) {
    bad(path, '未知的期限', `unknown deadline key (one of ${BREACH_DEADLINE_KEYS.join(', ')})`);
  } else if (!(BREACH_DEADLINE_KEYS as readonly string[]).includes(v)) {
    bad(path, `${what.zh}只适用于信访部门或责任单位的期限`, `${what.en} apply only to deadlines on the bureau or a unit (${BREACH_DEADLINE_KEYS.join(', ')})`);
  }
}

function checkWarningOverrides(overrides: unknown, bad: Bad): void {
  if (!isPlainObject(overrides)) {
    bad('warningOverrides', '须为对象（期限 → 预警规则）', 'must be an object (deadline key → warning rules)');
    return;
  }
  for (const [key, rules] of Object.entries(overrides)) {
    const path = `warningOverrides.${key}`;
    checkDeadlineKey(key, path, bad, { zh: '预警', en: 'warnings' });
    checkWarnings(rules, path, bad);
  }
}

function checkLadder(ladder: unknown, bad: Bad): void {
  let previous: { ms: number; index: number } | null = null;
  const seen = new Set<unknown>();
  checkList(ladder, 'escalation', false, bad, (rung, p, index) => {
    if (!isPlainObject(rung)) {
      bad(p, '督办层级须为对象 {rung, after}', 'a rung must be an object {rung, after}');
      return;
    }
    checkKeys(rung, ['rung', 'after'], p, bad);
    if (!(ESCALATION_RUNGS as readonly unknown[]).includes(rung.rung)) {
      bad(`${p}.rung`, '未知的督办层级', `unknown rung (one of ${ESCALATION_RUNGS.join(', ')})`);
    } else if (seen.has(rung.rung)) {
      bad(`${p}.rung`, '督办层级重复', 'each rung may appear once');
    }
    seen.add(rung.rung);
    if (rung.after === undefined) bad(`${p}.after`, '缺少必填项', 'required field missing');
    else if (checkLimit(rung.after, `${p}.after`, true, bad)) {
      const limit = rung.after as Limit;
      const ms = limit.amount * UNIT_MS[limit.unit];
      if (previous !== null && ms < previous.ms) {
        bad(`${p}.after`, `督办层级顺序错误：不能早于第${previous.index + 1}级`, `rungs out of order: earlier than escalation[${previous.index}]`);
      }
      previous = { ms, index };
    }
  });
}

const PAUSE_APPROVER_ROLES = ['unit_head'] as const;

function checkPauseApproval(approval: unknown, bad: Bad): void {
  if (!isPlainObject(approval)) {
    bad('pauseApproval', '暂停审批须为对象', 'pauseApproval must be an object');
    return;
  }
  checkKeys(approval, ['approverRole'], 'pauseApproval', bad);
  if (!(PAUSE_APPROVER_ROLES as readonly unknown[]).includes(approval.approverRole)) {
    bad('pauseApproval.approverRole', '审批人角色须为单位负责人（unit_head）', `approverRole must be one of ${PAUSE_APPROVER_ROLES.join(', ')}`);
  }
}

function checkPauseReasons(reasons: unknown, bad: Bad): void {
  const codes = new Set<unknown>();
  checkList(reasons, 'pauseReasons', false, bad, (reason, p) => {
    if (!isPlainObject(reason)) {
      bad(p, '暂停事由须为对象', 'a pause reason must be an object');
      return;
    }
    checkKeys(reason, PAUSE_KEYS, p, bad);
    for (const key of PAUSE_KEYS) if (reason[key] === undefined) bad(`${p}.${key}`, '缺少必填项', 'required field missing');
    const { code, nameZh, nameEn, appliesTo } = reason;
    if (code !== undefined && (typeof code !== 'string' || !CODE_PATTERN.test(code))) {
      bad(`${p}.code`, '事由代码须为小写字母、数字或下划线', 'code must be lower-case letters, digits or "_", starting with a letter');
    } else if (codes.has(code)) {
      bad(`${p}.code`, '暂停事由代码重复', 'duplicate pause reason code');
    } else if (code === OBJECTION_PAUSE_REASON) {
      bad(`${p}.code`, '“objection”为异议期间自动暂停的保留代码', '"objection" is reserved for the pause while the bureau decides an objection');
    }
    codes.add(code);
    if (nameZh !== undefined && !nonEmpty(nameZh)) bad(`${p}.nameZh`, '中文名称不能为空', 'nameZh must be a non-empty string');
    if (nameEn !== undefined && !nonEmpty(nameEn)) bad(`${p}.nameEn`, '英文名称不能为空', 'nameEn must be a non-empty string');
    if (appliesTo !== undefined) {
      checkList(appliesTo, `${p}.appliesTo`, true, bad, (key, kp) => checkDeadlineKey(key, kp, bad, { zh: '暂停', en: 'pauses' }));
      if (code === HEARING_PAUSE_REASON.code && Array.isArray(appliesTo) && !appliesTo.includes('decideReReview')) {
        bad(`${p}.appliesTo`, '听证须适用于复核期限（第三十六条）', 'a hearing must apply to decideReReview (art.36)');
      }
    }
  });
}
