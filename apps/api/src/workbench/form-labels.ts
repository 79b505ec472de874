/**
 * What a person reads on the workbench's forms: the zh-CN / English name of each command, field and choice of the
 * API's own schemas (petition.schemas.ts). The fields themselves (types, required, bounds, patterns, choices) come
 * from those schemas (see form-descriptions.ts); here are only their names and how they are best typed in.
 * form-descriptions.unit.spec.ts fails when a schema field or choice has no label here, or a label names nothing.
 */
export interface Label { zh: string; en: string }
/** How a field is typed in, where a plain text box is not the best: a unit from the directory, a date and time … */
export type InputHint = 'unit' | 'datetime' | 'textarea' | 'category' | 'case';
export interface FieldLabel extends Label { input?: InputHint; hint?: Label }

export const COMMAND_LABELS: Record<string, Label> = {
  RoutePetition: { zh: '转送交办', en: 'Route' },
  ReceiveCase: { zh: '签收', en: 'Receive' },
  NotifyPetitioner: { zh: '书面告知信访人', en: 'Notify the petitioner' },
  RaiseObjection: { zh: '提出异议（非本单位职责）', en: 'Object (not this unit’s matter)' },
  DecideObjection: { zh: '审核异议', en: 'Decide the objection' },
  DecideAcceptance: { zh: '受理决定', en: 'Decide acceptance' },
  NotifyDecision: { zh: '书面告知不予受理/导入其他途径', en: 'Notify the decision in writing' },
  AssignLeader: { zh: '领导包案', en: 'Assign a leader' },
  RequestExtension: { zh: '申请延期', en: 'Request an extension' },
  DecideExtension: { zh: '审批延期', en: 'Decide the extension' },
  ReplyToPetitioner: { zh: '出具书面答复', en: 'Reply in writing' },
  EvaluateSatisfaction: { zh: '登记满意度评价', en: 'Record the evaluation' },
  RequestReview: { zh: '登记复查申请', en: 'Record a review request' },
  DecideReview: { zh: '复查决定', en: 'Decide the review' },
  RequestReReview: { zh: '登记复核申请', en: 'Record a re-review request' },
  StartHearing: { zh: '开始听证', en: 'Start a hearing' },
  EndHearing: { zh: '结束听证', en: 'End the hearing' },
  DecideReReview: { zh: '复核决定', en: 'Decide the re-review' },
  WithdrawPetition: { zh: '登记撤回', en: 'Record a withdrawal' },
  LinkRelatedCase: { zh: '关联同一事项案件', en: 'Link a case on the same matter' },
  UnlinkRelatedCase: { zh: '解除关联', en: 'Unlink a case' },
  PauseClock: { zh: '暂停计时', en: 'Pause a clock' },
  ResumeClock: { zh: '恢复计时', en: 'Resume a clock' },
};

/**
 * Field names: a dotted path (petitioner.name) or, for a field met in several places, its last segment (amount,
 * unit). The path wins when both exist.
 */
export const FIELD_LABELS: Record<string, FieldLabel> = {
  // commands
  mode: { zh: '办理方式', en: 'Routing' },
  leadUnitId: { zh: '责任单位', en: 'Responsible unit', input: 'unit' },
  coUnitIds: { zh: '协办单位', en: 'Co-handling units', input: 'unit' },
  handlingDeadline: { zh: '办理截止时间', en: 'Handling deadline', input: 'datetime' },
  handlingLimit: { zh: '办理期限', en: 'Handling limit' },
  extension: { zh: '延长期限', en: 'Extension' },
  amount: { zh: '数量', en: 'Amount' },
  unit: { zh: '计量单位', en: 'Unit of time' },
  rollToWorkingDay: { zh: '顺延至工作日', en: 'Roll to a working day' },
  reason: { zh: '理由/说明', en: 'Reason', input: 'textarea' },
  noticeRef: { zh: '告知书文号', en: 'Notice reference' },
  approved: { zh: '同意', en: 'Approved' },
  outcome: { zh: '受理结论', en: 'Outcome' },
  divertTo: { zh: '导入途径', en: 'Divert to' },
  leaderId: { zh: '包案领导', en: 'Leader in charge' },
  closureType: { zh: '办结方式', en: 'Closure' },
  outcomeRef: { zh: '意见书文号', en: 'Decision reference' },
  claimUpheld: { zh: '诉求成立', en: 'Claim upheld' },
  value: { zh: '评价结果', en: 'Evaluation' },
  reviewUnitId: { zh: '复查机关', en: 'Review body', input: 'unit' },
  reReviewUnitId: { zh: '复核机关', en: 'Re-review body', input: 'unit' },
  decision: { zh: '决定', en: 'Decision' },
  relatedCaseId: { zh: '关联案件编号', en: 'Related case id', input: 'case' },
  deadlineKey: { zh: '暂停的时限', en: 'Clock' },
  pauseReason: { zh: '暂停事由代码', en: 'Pause reason code', hint: { zh: '如 appraisal（鉴定）', en: 'e.g. appraisal' } },
  approverId: { zh: '批准人（单位负责人）', en: 'Approver (unit head)' },
  requestedBy: { zh: '申请人', en: 'Requested by' },
  // registration
  channel: { zh: '信访形式', en: 'Channel' },
  kind: { zh: '诉求类别', en: 'Kind' },
  category: { zh: '内容分类', en: 'Category', input: 'category' },
  regionCode: { zh: '行政区划代码', en: 'Region code', hint: { zh: '六位行政区划代码', en: 'six-digit division code' } },
  level: { zh: '受理层级', en: 'Level' },
  persons: { zh: '信访人数', en: 'Persons' },
  representatives: { zh: '代表人数（多人走访，≤5）', en: 'Representatives (group visit, ≤5)' },
  respondent: { zh: '被信访对象', en: 'Respondent' },
  'respondent.type': { zh: '对象类型', en: 'Respondent type' },
  'respondent.description': { zh: '被信访单位或人员', en: 'Respondent' },
  summary: { zh: '诉求内容', en: 'Petition text', input: 'textarea' },
  petitioner: { zh: '信访人', en: 'Petitioner' },
  'petitioner.name': { zh: '姓名', en: 'Name' },
  'petitioner.idNumber': { zh: '身份证号码', en: 'ID number' },
  'petitioner.phone': { zh: '联系电话', en: 'Phone' },
  'petitioner.address': { zh: '住址', en: 'Address' },
  repeatOf: { zh: '作为以下案件的重复信访', en: 'File as a repeat of', input: 'case' },
};

/** Choices, by field name (last segment), then value. */
export const OPTION_LABELS: Record<string, Record<string, Label>> = {
  mode: {
    forward: { zh: '转送', en: 'Forward' }, assign: { zh: '交办', en: 'Assign' },
    redirect_political_legal: { zh: '转政法机关', en: 'To the political-legal organs' }, redirect_discipline: { zh: '转纪检监察机关', en: 'To discipline inspection' },
  },
  unit: {
    calendar_days: { zh: '日', en: 'days' }, working_days: { zh: '工作日', en: 'working days' }, hours: { zh: '小时', en: 'hours' },
    minutes: { zh: '分钟', en: 'minutes' }, seconds: { zh: '秒', en: 'seconds' },
  },
  outcome: {
    accepted: { zh: '受理', en: 'Accepted' }, not_accepted: { zh: '不予受理', en: 'Not accepted' },
    diverted: { zh: '导入其他法定途径', en: 'Diverted' }, not_accepted_again: { zh: '不再受理', en: 'Not accepted again' },
  },
  divertTo: { litigation: { zh: '诉讼', en: 'Litigation' }, arbitration: { zh: '仲裁', en: 'Arbitration' }, administrative_review: { zh: '行政复议', en: 'Administrative review' } },
  closureType: { substantive: { zh: '实体化解', en: 'Substantive' }, procedural: { zh: '程序性办结', en: 'Procedural' } },
  value: { satisfied: { zh: '满意', en: 'Satisfied' }, basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' }, dissatisfied: { zh: '不满意', en: 'Dissatisfied' } },
  decision: { upheld: { zh: '维持', en: 'Upheld' }, changed: { zh: '变更', en: 'Changed' }, revoked: { zh: '撤销', en: 'Revoked' } },
  deadlineKey: {
    route: { zh: '转送交办', en: 'Routing' }, receive: { zh: '签收', en: 'Receipt' }, notify: { zh: '书面告知', en: 'Written notice' },
    acceptance: { zh: '受理决定', en: 'Acceptance decision' }, decideObjection: { zh: '异议审核', en: 'Objection decision' },
    notifyDecision: { zh: '书面告知决定', en: 'Notice of the decision' }, handling: { zh: '办理答复', en: 'Handling and reply' },
    decideReview: { zh: '复查决定', en: 'Review decision' }, decideReReview: { zh: '复核决定', en: 'Re-review decision' },
  },
  channel: { letter: { zh: '来信', en: 'Letter' }, visit: { zh: '来访', en: 'Visit' }, phone: { zh: '来电', en: 'Phone' }, online: { zh: '网上信访', en: 'Online' } },
  kind: { claim: { zh: '申诉求决类', en: 'Claim' }, suggestion: { zh: '建议意见类', en: 'Suggestion' }, report: { zh: '检举控告类', en: 'Report' } },
  level: { county: { zh: '县级', en: 'County' }, city: { zh: '市级', en: 'City' }, province: { zh: '省级', en: 'Province' } },
  type: { unit: { zh: '单位', en: 'Unit' }, person: { zh: '个人', en: 'Person' } },
};

/** The letter feedback loop (POST /letters/:letter/…): what each action is called, and its own field names and choices. */
export const LETTER_ACTION_LABELS: Record<string, Label> = {
  feedback: { zh: '书面反馈', en: 'Answer in writing' },
  accept: { zh: '认可反馈', en: 'Accept the answer' },
  return: { zh: '退回反馈', en: 'Return the answer' },
  adoption: { zh: '登记采纳情况', en: 'Record adoption' },
};
export const LETTER_FIELD_LABELS: Record<string, FieldLabel> = {
  summary: { zh: '反馈情况', en: 'What was done', input: 'textarea' },
  measures: { zh: '整改措施', en: 'Measures taken', input: 'textarea' },
  documentNo: { zh: '文书文号', en: 'Document number' },
  feedbackRef: { zh: '反馈文书引用', en: 'Document reference', hint: { zh: '无文号时填写', en: 'when there is no number' } },
  attachments: { zh: '附件（文档编号）', en: 'Attachments (by reference)' },
  note: { zh: '审核意见', en: 'Note', input: 'textarea' },
  reason: { zh: '理由', en: 'Reason', input: 'textarea' },
  limit: { zh: '重新反馈期限', en: 'New limit' },
  outcome: { zh: '采纳情况', en: 'Outcome' },
};
export const LETTER_OPTION_LABELS: Record<string, Record<string, Label>> = {
  outcome: { adopted: { zh: '采纳', en: 'Adopted' }, partly_adopted: { zh: '部分采纳', en: 'Partly adopted' }, not_adopted: { zh: '未采纳', en: 'Not adopted' } },
};
