import {
  ACCEPTANCE_OUTCOMES, BREACH_DEADLINE_KEYS, COMMAND_ROLES, type CaseCommandType, DIVERSION_CHANNELS, REPLY_CLOSURE_TYPES, REVIEW_DECISIONS,
  ROUTE_MODES, SATISFACTION_VALUES,
} from '@petitions/domain';
import {
  type FlagSpec, type FlagValues, eitherFlag, enumFlag, intFlag, listFlag, requiredEnum, requiredString, stringFlag,
} from '../args';
import { UsageError } from '../cli-errors';

/** The commands a person sends to a running case (POST /petitions/:id/commands). */
export type ActionType = Exclude<CaseCommandType, 'RegisterPetition' | 'RecordRepeatPetition' | 'ReachDeadline'>;

/** One subcommand: its kebab name, the command type it sends, its flags and how they map to the command's fields. */
export interface ActionSpec {
  name: string;
  type: ActionType;
  zh: string;
  en: string;
  flags: readonly FlagSpec[];
  /** The command's fields other than `type` and `reason`; throws a UsageError for a missing or bad flag. */
  build(values: FlagValues): Record<string, unknown>;
}

const MAX_LIMIT = 3660;
export const reasonFlag: FlagSpec = { name: 'reason', type: 'string', valueName: 'text', zh: '理由（部分操作必填）', en: 'reason (required by some actions)' };
const approveFlags: FlagSpec[] = [
  { name: 'approve', type: 'boolean', zh: '同意', en: 'approve' },
  { name: 'reject', type: 'boolean', zh: '不同意', en: 'reject' },
];
const outcomeRefFlag: FlagSpec = { name: 'outcome-ref', type: 'string', valueName: 'ref', required: true, zh: '意见书/答复文书编号', en: 'reference of the written decision' };
const decisionFlag: FlagSpec = { name: 'decision', type: 'string', valueName: 'decision', values: REVIEW_DECISIONS, required: true, zh: '决定（维持/变更/撤销）', en: 'decision (upheld / changed / revoked)' };

const clockFlag: FlagSpec = {
  name: 'clock', type: 'string', valueName: 'clock', values: BREACH_DEADLINE_KEYS, required: true, zh: '期限（如 handling 办理、decideReview 复查）', en: 'the clock (e.g. handling, decideReview)',
};

/** A pause without --approver is approved by the caller (the unit head sends his own approval). */
export function withDefaultApprover(command: Record<string, unknown>, actorId: string): Record<string, unknown> {
  return command.type === 'PauseClock' && command.approverId === undefined ? { ...command, approverId: actorId } : command;
}

const noFields = (): Record<string, unknown> => ({});
/** A limit in days: `--<prefix>days N` (calendar days) or `--<prefix>working-days N`. */
function daysLimit(values: FlagValues, calendar: string, working: string): { amount: number; unit: 'calendar_days' | 'working_days' } | undefined {
  const days = intFlag(values, calendar, { min: 1, max: MAX_LIMIT });
  const workingDays = intFlag(values, working, { min: 1, max: MAX_LIMIT });
  if (days !== undefined && workingDays !== undefined) {
    throw new UsageError(`--${calendar} 与 --${working} 只能选一个`, `Use either --${calendar} or --${working}, not both`);
  }
  if (days !== undefined) return { amount: days, unit: 'calendar_days' };
  if (workingDays !== undefined) return { amount: workingDays, unit: 'working_days' };
  return undefined;
}

export const ACTIONS: readonly ActionSpec[] = [
  {
    name: 'route', type: 'RoutePetition',
    zh: '分办：转送或交办给主办单位（登记员/督查）', en: 'Route the case to a lead unit: forward or assign (registrar / supervisor)',
    flags: [
      { name: 'mode', type: 'string', valueName: 'mode', values: ROUTE_MODES, required: true, zh: '分办方式（转送/交办/转政法/转纪检）', en: 'routing mode' },
      { name: 'unit-lead', type: 'string', valueName: 'unit', required: true, zh: '主办单位', en: 'lead unit' },
      { name: 'lead-unit', type: 'string', valueName: 'unit', hidden: true, zh: '同 --unit-lead', en: 'same as --unit-lead' },
      { name: 'co-unit', type: 'string', multiple: true, valueName: 'unit', zh: '协办单位（可重复，或逗号分隔）', en: 'co-handling unit (repeatable or comma-separated)' },
      { name: 'deadline', type: 'string', valueName: 'iso', zh: '交办的办理截止时间（ISO 8601，带时区）', en: 'handling deadline of an assignment (ISO 8601 with offset)' },
      { name: 'limit-days', type: 'string', valueName: 'n', zh: '交办的办理期限（日，自受理起算）', en: 'handling limit of an assignment, in calendar days from acceptance' },
      { name: 'limit-working-days', type: 'string', valueName: 'n', zh: '交办的办理期限（工作日）', en: 'handling limit of an assignment, in working days' },
    ],
    build(v) {
      const lead = stringFlag(v, 'unit-lead') ?? stringFlag(v, 'lead-unit');
      if (lead === undefined || lead.trim() === '') throw new UsageError('缺少必填选项 --unit-lead', 'Missing required option --unit-lead');
      const co = listFlag(v, 'co-unit');
      const deadline = stringFlag(v, 'deadline');
      const limit = daysLimit(v, 'limit-days', 'limit-working-days');
      return {
        mode: requiredEnum(v, 'mode', ROUTE_MODES), leadUnitId: lead,
        ...(co && co.length > 0 ? { coUnitIds: co } : {}),
        ...(deadline !== undefined ? { handlingDeadline: deadline } : {}),
        ...(limit ? { handlingLimit: limit } : {}),
      };
    },
  },
  { name: 'receive', type: 'ReceiveCase', zh: '签收案件（主办单位经办人）', en: 'Receive the case (lead unit handler)', flags: [], build: noFields },
  {
    name: 'notify', type: 'NotifyPetitioner', zh: '告知信访人（主办单位经办人）', en: 'Notify the petitioner (lead unit handler)',
    flags: [{ name: 'notice-ref', type: 'string', valueName: 'ref', zh: '告知书编号', en: 'reference of the written notice' }],
    build: (v) => { const ref = stringFlag(v, 'notice-ref'); return ref !== undefined ? { noticeRef: ref } : {}; },
  },
  { name: 'object', type: 'RaiseObjection', zh: '对分办提出异议（须填理由）', en: 'Object to the routing (reason required)', flags: [], build: noFields },
  {
    name: 'decide-objection', type: 'DecideObjection', zh: '审核异议（登记员/督查）', en: 'Decide an objection (registrar / supervisor)',
    flags: approveFlags, build: (v) => ({ approved: eitherFlag(v, 'approve', 'reject', true) }),
  },
  {
    name: 'accept', type: 'DecideAcceptance', zh: '受理决定：受理、不予受理、导入其他法定途径或不再受理', en: 'Decide acceptance: accepted, not accepted, diverted or not accepted again',
    flags: [
      { name: 'outcome', type: 'string', valueName: 'outcome', values: ACCEPTANCE_OUTCOMES, required: true, zh: '受理结果', en: 'acceptance outcome' },
      { name: 'divert-to', type: 'string', valueName: 'channel', values: DIVERSION_CHANNELS, zh: '导入的法定途径（outcome 为 diverted 时必填）', en: 'legal channel (required when diverted)' },
    ],
    build(v) {
      const divertTo = enumFlag(v, 'divert-to', DIVERSION_CHANNELS);
      return { outcome: requiredEnum(v, 'outcome', ACCEPTANCE_OUTCOMES), ...(divertTo ? { divertTo } : {}) };
    },
  },
  {
    name: 'notify-decision', type: 'NotifyDecision',
    zh: '书面告知不予受理或导入其他法定途径的决定（须填理由，主办单位经办人）', en: 'Give the written notice of not accepted / diverted (reason required; lead unit handler)',
    flags: [{ name: 'notice-ref', type: 'string', valueName: 'ref', required: true, zh: '告知书编号', en: 'reference of the written notice' }],
    build: (v) => ({ noticeRef: requiredString(v, 'notice-ref') }),
  },
  {
    name: 'assign-leader', type: 'AssignLeader', zh: '确定包案领导（领导/督查）', en: 'Assign the leader in charge (leader / supervisor)',
    flags: [{ name: 'leader', type: 'string', valueName: 'id', required: true, zh: '领导编号', en: 'leader id' }],
    build: (v) => ({ leaderId: requiredString(v, 'leader') }),
  },
  {
    name: 'extend', type: 'RequestExtension', zh: '申请延期（须填理由）', en: 'Request an extension of the handling deadline (reason required)',
    flags: [
      { name: 'days', type: 'string', valueName: 'n', zh: '延长的日数', en: 'calendar days to extend by' },
      { name: 'working-days', type: 'string', valueName: 'n', zh: '延长的工作日数', en: 'working days to extend by' },
    ],
    build(v) {
      const extension = daysLimit(v, 'days', 'working-days');
      if (!extension) throw new UsageError('须指定 --days 或 --working-days', 'Give --days or --working-days');
      return { extension };
    },
  },
  {
    name: 'decide-extension', type: 'DecideExtension', zh: '审批延期（单位负责人，须填理由）', en: 'Decide an extension request (unit head; reason required)',
    flags: approveFlags, build: (v) => ({ approved: eitherFlag(v, 'approve', 'reject', true) }),
  },
  {
    name: 'reply', type: 'ReplyToPetitioner', zh: '出具书面答复意见', en: 'Reply to the petitioner in writing',
    flags: [
      { name: 'closure', type: 'string', valueName: 'type', values: REPLY_CLOSURE_TYPES, required: true, zh: '办结方式（实体化解/程序性办结）', en: 'closure type' },
      { ...outcomeRefFlag, zh: '答复意见书编号', en: 'reference of the written reply' },
      { name: 'claim-upheld', type: 'boolean', zh: '诉求成立', en: 'the claim is upheld' },
      { name: 'claim-not-upheld', type: 'boolean', zh: '诉求不成立', en: 'the claim is not upheld' },
    ],
    build(v) {
      const claimUpheld = eitherFlag(v, 'claim-upheld', 'claim-not-upheld', false);
      return {
        closureType: requiredEnum(v, 'closure', REPLY_CLOSURE_TYPES), outcomeRef: requiredString(v, 'outcome-ref'),
        ...(claimUpheld !== undefined ? { claimUpheld } : {}),
      };
    },
  },
  {
    name: 'evaluate', type: 'EvaluateSatisfaction', zh: '记录满意度评价（登记员）', en: "Record the petitioner's satisfaction (registrar)",
    flags: [{ name: 'value', type: 'string', valueName: 'value', values: SATISFACTION_VALUES, required: true, zh: '评价', en: 'evaluation' }],
    build: (v) => ({ value: requiredEnum(v, 'value', SATISFACTION_VALUES) }),
  },
  {
    name: 'request-review', type: 'RequestReview', zh: '记录复查申请（登记员）', en: 'Record a request for review (registrar)',
    flags: [{ name: 'review-unit', type: 'string', valueName: 'unit', required: true, zh: '复查机关', en: 'reviewing body' }],
    build: (v) => ({ reviewUnitId: requiredString(v, 'review-unit') }),
  },
  {
    name: 'decide-review', type: 'DecideReview', zh: '出具复查意见（复查机关经办人）', en: 'Decide the review (reviewing body handler)',
    flags: [decisionFlag, outcomeRefFlag],
    build: (v) => ({ decision: requiredEnum(v, 'decision', REVIEW_DECISIONS), outcomeRef: requiredString(v, 'outcome-ref') }),
  },
  {
    name: 'request-re-review', type: 'RequestReReview', zh: '记录复核申请（登记员）', en: 'Record a request for re-review (registrar)',
    flags: [{ name: 're-review-unit', type: 'string', valueName: 'unit', required: true, zh: '复核机关', en: 're-reviewing body' }],
    build: (v) => ({ reReviewUnitId: requiredString(v, 're-review-unit') }),
  },
  { name: 'hearing-start', type: 'StartHearing', zh: '开始听证（复核期限暂停）', en: 'Start a hearing (the re-review clock stops)', flags: [], build: noFields },
  { name: 'hearing-end', type: 'EndHearing', zh: '结束听证（复核期限恢复）', en: 'End the hearing (the re-review clock resumes)', flags: [], build: noFields },
  {
    name: 'decide-re-review', type: 'DecideReReview', zh: '出具复核意见（复核机关经办人）', en: 'Decide the re-review (re-reviewing body handler)',
    flags: [decisionFlag, outcomeRefFlag],
    build: (v) => ({ decision: requiredEnum(v, 'decision', REVIEW_DECISIONS), outcomeRef: requiredString(v, 'outcome-ref') }),
  },
  {
    name: 'pause', type: 'PauseClock',
    zh: '暂停计时（鉴定、等待其他机关决定等政策所列事由；经单位负责人批准，由负责人提交）',
    en: "Pause a clock for a reason of the case policy (appraisal, awaiting another authority's decision ...), approved and sent by the unit head",
    flags: [
      clockFlag,
      { name: 'reason-code', type: 'string', valueName: 'code', required: true, zh: '暂停事由代码（如 appraisal 鉴定、awaiting_authority 等待其他机关决定）', en: 'pause reason code of the case policy (e.g. appraisal, awaiting_authority)' },
      { name: 'approver', type: 'string', valueName: 'id', zh: '审批人（默认为操作人本人 --as）', en: 'approver (default: the caller, --as)' },
      { name: 'requested-by', type: 'string', valueName: 'id', zh: '申请暂停的承办人', en: 'the handler who asked for the pause' },
    ],
    build(v) {
      const approverId = stringFlag(v, 'approver');
      const requestedBy = stringFlag(v, 'requested-by');
      return {
        deadlineKey: requiredEnum(v, 'clock', BREACH_DEADLINE_KEYS), pauseReason: requiredString(v, 'reason-code'),
        ...(approverId !== undefined ? { approverId } : {}), ...(requestedBy !== undefined ? { requestedBy } : {}),
      };
    },
  },
  {
    name: 'resume', type: 'ResumeClock', zh: '恢复计时（期限顺延暂停时长）', en: 'Resume a paused clock (its deadline moves by the time stopped)',
    flags: [clockFlag],
    build: (v) => ({ deadlineKey: requiredEnum(v, 'clock', BREACH_DEADLINE_KEYS) }),
  },
  { name: 'withdraw', type: 'WithdrawPetition', zh: '记录撤回信访事项（登记员）', en: 'Record the withdrawal of the petition (registrar)', flags: [], build: noFields },
  {
    name: 'link', type: 'LinkRelatedCase', zh: '关联为同一事项的重复信访（登记员，须填 --reason）', en: 'Link the case as a repeat on the same matter as another (registrar, --reason required)',
    flags: [{ name: 'related', type: 'string', valueName: 'caseId', required: true, zh: '关联的案件编号', en: 'the related case id' }],
    build: (v) => ({ relatedCaseId: requiredString(v, 'related') }),
  },
  {
    name: 'unlink', type: 'UnlinkRelatedCase', zh: '解除同一事项关联（登记员，须填 --reason）', en: 'Undo a same-matter link (registrar, --reason required)',
    flags: [{ name: 'related', type: 'string', valueName: 'caseId', required: true, zh: '已关联的案件编号', en: 'the linked case id' }],
    build: (v) => ({ relatedCaseId: requiredString(v, 'related') }),
  },
];

/** Every action also takes --reason. */
export const actionFlags = (a: ActionSpec): readonly FlagSpec[] => [...a.flags, reasonFlag];

/** `route`, `RoutePetition` or `routepetition` → the action. */
export function findAction(nameOrType: string): ActionSpec | undefined {
  const key = nameOrType.toLowerCase();
  return ACTIONS.find((a) => a.name === key || a.type.toLowerCase() === key);
}

/** Who may send the command, from the domain's role table (shown in help). */
export const rolesOf = (a: ActionSpec): string => COMMAND_ROLES[a.type].filter((r) => r !== 'system').join(' | ');

/**
 * The command JSON for an action: `{ type, ...fields, reason? }`. With a JSON body the body is the command (its
 * type, if any, must match) and only --reason may be added; mixing the subcommand's other flags in is refused.
 */
export function buildActionCommand(action: ActionSpec, values: FlagValues, base?: Record<string, unknown>): Record<string, unknown> {
  const reason = stringFlag(values, 'reason');
  const withReason = reason !== undefined ? { reason } : {};
  if (!base) return { type: action.type, ...action.build(values), ...withReason };
  if (base.type !== undefined && (typeof base.type !== 'string' || findAction(base.type) !== action)) {
    throw new UsageError(`JSON 中的 type "${String(base.type)}" 与子命令 ${action.name} 不符`, `The JSON's type "${String(base.type)}" does not match the subcommand ${action.name}`);
  }
  const mixed = action.flags.filter((f) => values[f.name] !== undefined).map((f) => `--${f.name}`);
  if (mixed.length > 0) {
    throw new UsageError(`给出 --json 时不能再用 ${mixed.join(' ')}（只可加 --reason）`, `With --json, leave out ${mixed.join(' ')} (only --reason may be added)`);
  }
  return { ...base, type: action.type, ...withReason };
}
