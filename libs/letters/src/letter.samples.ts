import type { SupervisionLetter } from './letter.model';

/** One letter of each kind, for tests, demos and the sample script. Fictional data, no personal data. */
export const SAMPLE_REMINDER_LETTER: SupervisionLetter = {
  kind: 'reminder_letter',
  letterNo: '沪徐信督〔2026〕17号',
  issuingBody: { id: 'unit-xh-joint-office', nameZh: '徐汇区信访工作联席会议办公室' },
  recipientUnit: { id: 'unit-xh-housing', nameZh: '徐汇区住房保障和房屋管理局' },
  caseId: 'XF-2026-310104-000123',
  caseSummary: {
    registeredAt: '2026-01-20T10:15:00+08:00',
    categoryZh: '城乡建设',
    kindZh: '申诉求决类',
    regionCode: '310104',
    matterTitle: '老旧小区加装电梯补贴发放',
  },
  breach: { stepZh: '办理并书面答复信访人', deadlineKey: 'handling', dueAt: '2026-04-16T16:00:00.000Z', article: '第三十四条' },
  feedbackDueAt: '2026-04-30T16:00:00.000Z',
  issuedAt: '2026-04-20T09:30:00+08:00',
  requirementsZh: [
    '收到本函后立即组织核查，明确承办人员，抓紧办结并书面答复信访人。',
    '查明逾期原因。确因情况复杂需要延长办理期限的，应当依照《信访工作条例》第三十四条的规定经本单位负责人批准，并告知信访人延期理由。',
    '办理过程中依法保护信访人个人信息，不得将检举、揭发材料及有关情况透露或者转送给被检举、揭发的人员或者单位。',
  ],
};

export const SAMPLE_LISTED_SUPERVISION_NOTICE: SupervisionLetter = {
  kind: 'listed_supervision_notice',
  letterNo: '沪徐信督〔2026〕23号',
  issuingBody: { id: 'unit-xh-joint-office', nameZh: '徐汇区信访工作联席会议办公室' },
  recipientUnit: { id: 'unit-xh-planning', nameZh: '徐汇区规划和自然资源局' },
  caseId: 'XF-2026-310104-000087',
  caseSummary: {
    registeredAt: '2026-02-09T14:02:00+08:00',
    categoryZh: '自然资源',
    kindZh: '申诉求决类',
    regionCode: '310104',
    matterTitle: '房屋不动产登记更正',
  },
  breach: { stepZh: '作出受理决定并书面告知信访人', deadlineKey: 'acceptance', dueAt: '2026-02-24T16:00:00.000Z', article: '第三十一条' },
  feedbackDueAt: '2026-05-20T16:00:00.000Z',
  issuedAt: '2026-05-06T10:00:00+08:00',
  requirementsZh: [
    '自收到本通知之日起，该信访事项列入挂牌督办，由你单位主要负责同志牵头办理，督办期间不得转交其他单位。',
    '立即依法作出是否受理的决定，书面告知信访人，并按照规定期限办结。',
    '每半月向我办报告一次办理进展，办结后报送办理结果及答复意见书。',
  ],
  signatoryZh: '王建国',
  ccZh: ['徐汇区人民政府办公室', '上海市信访工作联席会议办公室'],
};

export const SAMPLE_ACCOUNTABILITY_RECOMMENDATION: SupervisionLetter = {
  kind: 'accountability_recommendation',
  letterNo: '沪徐信督〔2026〕31号',
  issuingBody: { id: 'unit-xh-joint-office', nameZh: '徐汇区信访工作联席会议办公室' },
  recipientUnit: { id: 'unit-xh-street-a', nameZh: '徐汇区人民政府示例街道办事处' },
  caseId: 'XF-2025-310104-004512',
  caseSummary: {
    registeredAt: '2025-11-28T09:40:00+08:00',
    categoryZh: '劳动和社会保障',
    kindZh: '申诉求决类',
    regionCode: '310104',
  },
  breach: { stepZh: '办理并书面答复信访人', deadlineKey: 'handling', dueAt: '2026-02-27T16:00:00.000Z', article: '第三十四条' },
  accountabilityGround: { article: '第四十五条' },
  feedbackDueAt: '2026-06-11T16:00:00.000Z',
  issuedAt: '2026-05-12T15:00:00+08:00',
  requirementsZh: [
    '该信访事项经督办提醒、挂牌督办后仍未办结，建议对承办部门主要负责人进行约谈，对直接责任人员依规依纪依法追究责任。',
    '责成承办部门立即办结该信访事项，并书面答复信访人。',
    '举一反三，排查本单位其他超期未办信访事项，建立台账，逐件销号。',
  ],
  ccZh: ['徐汇区纪委监委'],
};

export const SAMPLE_LETTERS: readonly SupervisionLetter[] = [
  SAMPLE_REMINDER_LETTER,
  SAMPLE_LISTED_SUPERVISION_NOTICE,
  SAMPLE_ACCOUNTABILITY_RECOMMENDATION,
];
