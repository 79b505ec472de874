/** Business-rule rejections: typed, stable codes with a message a person can act on (zh-CN first). */

export const CASE_REJECTION_MESSAGES = {
  CASE_NOT_REGISTERED: { zh: '案件尚未登记。', en: 'The case has not been registered.' },
  CASE_DUPLICATE_COMMAND: { zh: '该操作已执行过，不能重复执行。', en: 'This action has already been taken; it cannot be repeated.' },
  CASE_CLOSED: { zh: '案件已办结，不能再办理。', en: 'The case is closed; no further action is possible.' },
  CASE_WRONG_STEP: { zh: '案件当前环节不允许此操作。', en: 'This action is not allowed at the current step of the case.' },
  CASE_NOT_AUTHORIZED_ROLE: { zh: '您的角色无权执行此操作。', en: 'Your role is not allowed to take this action.' },
  CASE_NOT_AUTHORIZED_UNIT: {
    zh: '只有负责该环节的单位可以执行此操作。',
    en: 'Only the unit responsible for this step may take this action.',
  },
  CASE_INVALID_INPUT: { zh: '输入内容无效，请检查后重试。', en: 'The input is invalid; check it and try again.' },
  CASE_INVALID_PERSONS: { zh: '信访人数须为不小于1的整数。', en: 'The number of persons must be a whole number of at least 1.' },
  CASE_REPRESENTATIVES_REQUIRED: {
    zh: '多人走访须推选代表（不超过5人），请填写代表人数。',
    en: 'A group visit of more than 5 persons must name its representatives (at most 5).',
  },
  CASE_TOO_MANY_REPRESENTATIVES: {
    zh: '走访代表不得超过5人，且不得多于信访人数。',
    en: 'A group visit may send at most 5 representatives, and no more than the number of persons.',
  },
  CASE_REASON_REQUIRED: { zh: '此操作须填写理由。', en: 'This action requires a reason.' },
  CASE_HANDLING_DEADLINE_REQUIRED: {
    zh: '交办须明确办理期限（截止时间或期限）。',
    en: 'An assignment (交办) must carry a handling deadline or limit.',
  },
  CASE_OBJECTION_TOO_LATE: {
    zh: '异议期限已过，不能再提出异议。',
    en: 'The objection period has passed; an objection can no longer be raised.',
  },
  CASE_NOT_ACCEPTED_AGAIN_INVALID: {
    zh: '该事项尚无复核意见，不能以“不再受理”处理。',
    en: 'This matter has no re-review decision, so it cannot be declined as "not accepted again".',
  },
  CASE_EXTENSION_NOT_APPLICABLE: {
    zh: '只有设有办理期限的申诉求决类事项可以申请延期。',
    en: 'Only claims with a handling deadline can be extended.',
  },
  CASE_EXTENSION_ALREADY_USED: { zh: '本案已申请过延期，只能申请一次。', en: 'An extension has already been requested; only one is allowed.' },
  CASE_EXTENSION_TOO_LONG: { zh: '延期超过允许的最长期限。', en: 'The extension exceeds the longest one allowed.' },
  CASE_EXTENSION_TOO_LATE: {
    zh: '办理期限已过，不能再申请延期。',
    en: 'The handling deadline has passed; an extension can no longer be requested.',
  },
  CASE_NO_PENDING_EXTENSION: { zh: '没有待审批的延期申请。', en: 'There is no extension request awaiting a decision.' },
  CASE_EVALUATION_WINDOW_LAPSED: {
    zh: '满意度评价期限已过，不能再评价。',
    en: 'The satisfaction evaluation period has passed.',
  },
  CASE_REVIEW_WINDOW_LAPSED: {
    zh: '申请复查的期限（收到答复之日起30日）已过。',
    en: 'The period for requesting a review (30 days from the reply) has passed.',
  },
  CASE_RE_REVIEW_WINDOW_LAPSED: {
    zh: '申请复核的期限（收到复查意见之日起30日）已过。',
    en: 'The period for requesting a re-review (30 days from the review decision) has passed.',
  },
  CASE_HEARING_IN_PROGRESS: { zh: '听证尚未结束，请先结束听证。', en: 'A hearing is in progress; end it first.' },
  CASE_NO_HEARING_IN_PROGRESS: { zh: '当前没有进行中的听证。', en: 'No hearing is in progress.' },
  CASE_DEADLINE_NOT_PENDING: { zh: '该期限当前未在计时。', en: 'This deadline is not running.' },
  CASE_DEADLINE_NOT_DUE: { zh: '该期限尚未届满。', en: 'This deadline has not been reached yet.' },
  CASE_POLICY_MISMATCH: {
    zh: '所用期限策略与案件登记时的策略不一致。',
    en: 'The policy given differs from the one the case was registered under.',
  },
  CASE_POLICY_INVALID: {
    zh: '政策文件无效，未作任何更改，请按所列问题修改后重试。',
    en: 'The policy document is invalid; nothing was changed. Fix the listed problems and try again.',
  },
  CASE_POLICY_ALREADY_ACTIVE: {
    zh: '案件已在执行该版本的政策。',
    en: 'The case already runs under this policy version.',
  },
  CASE_POLICY_NOT_EFFECTIVE: { zh: '该政策尚未生效。', en: 'This policy is not in force yet.' },
  CASE_POLICY_OUT_OF_SCOPE: {
    zh: '该政策的适用范围（地区、分类、渠道、类别）不包括本案。',
    en: 'This policy does not apply to this case (region, category, channel or kind).',
  },
  CASE_PAUSE_REASON_UNKNOWN: {
    zh: '本案政策未规定该暂停事由，或该事由不适用于此期限。',
    en: 'The case policy has no such pause reason, or it does not apply to this deadline.',
  },
  CASE_PAUSE_APPROVER_REQUIRED: {
    zh: '暂停计时须经批准：请注明审批人（approverId）。',
    en: 'A clock pause needs an approver: give approverId.',
  },
  CASE_PAUSE_NOT_APPROVER: {
    zh: '暂停计时须由审批人（责任单位负责人）本人批准并提交。',
    en: 'A clock pause must be approved and issued by the approver (the head of the responsible unit) himself.',
  },
  CASE_CLOCK_PAUSED: {
    zh: '该期限正在暂停计时，请先恢复计时。',
    en: 'This deadline is paused; resume it first.',
  },
  CASE_CLOCK_NOT_PAUSED: { zh: '该期限未暂停计时。', en: 'This deadline is not paused.' },
  CASE_ESCALATION_NOT_FOUND: { zh: '找不到对应的督办记录。', en: 'No matching escalation was found.' },
  CASE_LETTER_NOT_APPLICABLE: {
    zh: '该督办层级不制发函件（报上级督查）。',
    en: 'This escalation step has no letter (it is a report to the superior).',
  },
  CASE_LETTER_NUMBER_IN_USE: { zh: '该文号已被本案其他函件使用。', en: 'This letter number is already used by another letter of the case.' },
  CASE_LETTER_NOT_FOUND: { zh: '找不到该文号的函件。', en: 'No letter with this number was found.' },
  CASE_LETTER_WITHDRAWN: {
    zh: '该函件已随违期撤回，无需反馈或审核。',
    en: 'This letter was withdrawn with its breach; no feedback or review is due.',
  },
  CASE_LINK_SELF: { zh: '案件不能与自身关联。', en: 'A case cannot be linked to itself.' },
  CASE_ALREADY_LINKED: { zh: '两案已关联。', en: 'The cases are already linked.' },
  CASE_UNIT_NOT_INVOLVED: {
    zh: '该单位在本案中已无承办、会办或复查复核职责，无需移交。',
    en: 'The unit has no role on this case any more (lead, co-unit, review body); there is nothing to transfer.',
  },
  CASE_NOT_LINKED: { zh: '两案未关联，无需解除。', en: 'The cases are not linked; there is nothing to unlink.' },
  CASE_RELATED_CASE_INVALID: {
    zh: '所引前案信息无效（案件编号、办结原因或事项编号）。',
    en: 'The earlier case given is invalid (case id, closure reason or matter reference).',
  },
  CASE_CALENDAR_INVALID: {
    zh: '节假日安排数据无效，未作任何更改，请按所列问题修改后重试。',
    en: 'The holiday arrangement is invalid; nothing was changed. Fix the listed problems and try again.',
  },
  CASE_CALENDAR_ALREADY_ADOPTED: { zh: '案件已采用该年度的节假日安排。', en: 'The case already uses this holiday arrangement.' },
  CASE_LETTER_REVIEW_OFF: {
    zh: '本案适用的督查政策未规定由督查部门审核反馈。',
    en: "The case's policy does not have the supervision office review letter feedback.",
  },
  CASE_LETTER_NOTHING_TO_REVIEW: { zh: '该函件没有待审核的书面反馈。', en: 'This letter has no written feedback awaiting review.' },
  CASE_LETTER_NOT_RECOMMENDATION: { zh: '只有问责建议函才记录采纳情况。', en: 'Only an accountability recommendation has its adoption recorded.' },
  CASE_LETTER_ANSWERED_BY_ADOPTION: {
    zh: '问责建议函由受函机关记录采纳情况，不提交书面反馈。',
    en: 'An accountability recommendation is answered by its addressee recording adoption, not by written feedback.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type CaseRejectionCode = keyof typeof CASE_REJECTION_MESSAGES;

export const CASE_REJECTION_CODES = Object.keys(CASE_REJECTION_MESSAGES) as CaseRejectionCode[];

export interface CaseRejection {
  /** One of CASE_REJECTION_CODES when produced by decide; callers (e.g. the workflow) may add their own. */
  code: string;
  messageZh: string;
  messageEn: string;
  details?: Record<string, unknown>;
}

export function rejection(code: CaseRejectionCode, details?: Record<string, unknown>): CaseRejection {
  const m = CASE_REJECTION_MESSAGES[code];
  return details === undefined ? { code, messageZh: m.zh, messageEn: m.en } : { code, messageZh: m.zh, messageEn: m.en, details };
}
