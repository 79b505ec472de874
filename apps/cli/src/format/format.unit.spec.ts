import type { CaseLiveViewJson, CaseReadModelJson } from '../api-types';
import { ApiUnreachableError, UsageError } from '../cli-errors';
import { formatReadModel } from './case.format';
import { formatError } from './error.format';
import { formatLiveView } from './live.format';
import { formatApplied, formatFiled } from './outcome.format';
import { displayWidth, fieldRows, formatActor } from './text.format';

const NOW = new Date('2025-12-01T02:00:00Z');
const CASE_ID = 'petition-0123456789abcdef0123';
const noTrailingSpace = (text: string): void => {
  for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
};

describe('text helpers', () => {
  it('counts CJK as two cells and lines values up', () => {
    expect(displayWidth('状态 Status')).toBe(11);
    expect(fieldRows([['状态 Status', 'open'], ['环节 Step', 'routing'], ['无 None', undefined]])).toEqual([
      '  状态 Status  open',
      '  环节 Step    routing',
    ]);
  });

  it('formats an actor', () => {
    expect(formatActor({ id: 'h-7', role: 'handler', unitId: 'xuhui-housing' })).toBe('h-7 (handler @ xuhui-housing)');
    expect(formatActor({ id: 'reg-001', role: 'registrar', unitId: null })).toBe('reg-001 (registrar)');
    expect(formatActor(undefined)).toBe('—');
  });
});

describe('show (read model)', () => {
  const view: CaseReadModelJson = {
    case: {
      caseId: CASE_ID, status: 'open', step: 'handling', channel: 'letter', kind: 'claim', category: 'urban_construction',
      regionCode: '310104', level: 'city', persons: 1, leadUnitId: 'xuhui-housing', coUnitIds: ['xuhui-planning'], leaderId: null,
      registeredAt: '2025-12-01T01:00:00.000Z', acceptanceOutcome: 'accepted', closedAt: null, satisfaction: null,
      repeatCount: 1, breachCount: 0, nextDeadlineKey: 'handling', nextDeadlineAt: '2026-01-30T15:59:59.999Z',
      policyId: 'cn-national-2022', policyVersion: 1, lastSeq: 3, updatedAt: '2025-12-01T01:30:00.000Z',
    },
    events: [
      { seq: 1, type: 'PetitionRegistered', at: '2025-12-01T01:00:00.000Z', actor: { id: 'reg-001', role: 'registrar', unitId: 'city-bureau' }, reason: null },
      { seq: 2, type: 'PetitionRouted', at: '2025-12-01T01:10:00.000Z', actor: { id: 'reg-001', role: 'registrar', unitId: 'city-bureau' }, reason: '属地管理' },
      { seq: 10, type: 'CaseAccepted', at: '2025-12-01T01:30:00.000Z', actor: { id: 'h-7', role: 'handler', unitId: 'xuhui-housing' } },
    ],
  };

  it('summarises the case in local time with the time left, then lists the events', () => {
    const text = formatReadModel(view, NOW);
    expect(text.split('\n')).toEqual([
      `案件 Case ${CASE_ID}（读取模型 / read model）`,
      '  状态 Status             open',
      '  环节 Step               handling',
      '  事项 Matter             claim · urban_construction · 310104 · city · letter · 1人 persons',
      '  主办单位 Lead unit      xuhui-housing',
      '  协办单位 Co-units       xuhui-planning',
      '  受理 Acceptance         accepted',
      '  下一期限 Next deadline  handling — 2026-01-30 23:59:59 +08:00（剩余60天13小时 / 60d 13h left）',
      '  计数 Counts             事件 events 3 · 重复信访 repeats 1 · 超期 breaches 0',
      '  登记 Registered         2025-12-01 09:00:00 +08:00',
      '  策略 Policy             cn-national-2022 v1',
      '  更新 Updated            2025-12-01 09:30:00 +08:00',
      '',
      '事件 Events (3):',
      '  #1   2025-12-01 09:00:00 +08:00  PetitionRegistered  reg-001 (registrar @ city-bureau)',
      '  #2   2025-12-01 09:10:00 +08:00  PetitionRouted      reg-001 (registrar @ city-bureau)',
      '       理由 reason: 属地管理',
      '  #10  2025-12-01 09:30:00 +08:00  CaseAccepted        h-7 (handler @ xuhui-housing)',
    ]);
    noTrailingSpace(text);
  });

  it('shows an overdue deadline, a closed case and no events', () => {
    const text = formatReadModel({
      case: { ...view.case, status: 'closed', step: 'closed', nextDeadlineKey: null, nextDeadlineAt: null, closedAt: '2025-12-02T00:00:00Z', closureReason: 'withdrawn' },
      events: [],
    }, NOW);
    expect(text).toMatch(/下一期限 Next deadline\s+无 none/);
    expect(text).toMatch(/办结 Closure\s+withdrawn · 2025-12-02 08:00:00 \+08:00/);
    expect(text).toMatch(/事件 Events \(0\):\n  无 none$/);
    const overdue = formatReadModel({ ...view, case: { ...view.case, nextDeadlineAt: '2025-11-30T00:00:00Z' } }, NOW);
    expect(overdue).toMatch(/（已超期1天2小时 \/ overdue by 1d 2h）/);
  });

  it('lists the clock pauses: clock, reason, span, time stopped, approver, why; a running one up to now', () => {
    const text = formatReadModel({ ...view, case: { ...view.case, pauses: [
      // 1 Nov 02:00Z → 15 Nov 02:00Z = 14.0 days.
      { deadlineKey: 'handling', reasonCode: 'appraisal', reason: '委托鉴定', approverId: 'head-1', requestedBy: 'h-7',
        startedAt: '2025-11-01T02:00:00.000Z', endedAt: '2025-11-15T02:00:00.000Z', pausedMs: 14 * 86_400_000, endedBy: 'resumed' },
      // NOW − 36 h = 29 Nov 14:00Z (22:00 +08); 36 hours → 1.5 days.
      { deadlineKey: 'handling', reasonCode: 'site_visit', reason: null, approverId: null, requestedBy: null,
        startedAt: new Date(NOW.getTime() - 36 * 3_600_000).toISOString(), endedAt: null, pausedMs: null, endedBy: null },
    ] } }, NOW);
    const lines = text.split('\n');
    const at = lines.indexOf('暂停计时 Clock pauses (2):');
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '  handling  鉴定 appraisal  2025-11-01 10:00:00 +08:00 → 2025-11-15 10:00:00 +08:00  14.0天 days  审批 approver head-1 · 申请 requested by h-7  委托鉴定',
      '  handling  site_visit  2025-11-29 22:00:00 +08:00 → 暂停中 paused  1.5天 days',
    ]);
  });
});

describe('live (workflow view)', () => {
  const view: CaseLiveViewJson = {
    caseId: CASE_ID,
    policy: { id: 'cn-national-2022', version: 1 },
    state: {
      caseId: CASE_ID, status: 'open', step: 'acceptance', repeatCount: 0, eventCount: 3, breaches: [],
      petition: { channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '310104', level: 'city' },
      assignment: { mode: 'forward', leadUnitId: 'xuhui-housing', coUnitIds: [] }, leaderId: null, closure: null,
    },
    timeline: [
      { seq: 1, event: { type: 'PetitionRegistered', at: '2025-12-01T01:00:00.000Z', actor: { id: 'reg-001', role: 'registrar', unitId: 'city-bureau' } } },
      { seq: 2, event: { type: 'PetitionRouted', at: '2025-12-01T01:10:00.000Z', actor: { id: 'reg-001', role: 'registrar', unitId: 'city-bureau' } } },
      { seq: 3, event: { type: 'CaseReceived', at: '2025-12-01T01:20:00.000Z', actor: { id: 'h-7', role: 'handler', unitId: 'xuhui-housing' }, reason: '已签收' } },
    ],
    pendingDeadlines: [
      { key: 'notify', step: 'acceptance', dueAt: '2025-12-16T15:59:59.999Z', kind: 'breach', article: '第二十三条', unitId: 'xuhui-housing', remainingMs: 3 * 86_400_000 + 4 * 3_600_000 },
      { key: 'acceptance', step: 'acceptance', dueAt: '2025-11-30T15:59:59.999Z', kind: 'breach', article: '第三十一条', unitId: 'xuhui-housing', remainingMs: -3_600_000 },
      { key: 'decideReReview', step: 're_review', dueAt: '2026-01-01T00:00:00Z', kind: 'breach', paused: true, remainingMs: 10 * 86_400_000 },
    ],
    asOf: '2025-12-01T02:00:00.000Z',
  };

  it('shows the state, the timeline and each pending deadline with due time and time left', () => {
    const text = formatLiveView(view);
    expect(text.split('\n')).toEqual([
      `案件 Case ${CASE_ID}（实时 / live，截至 as of 2025-12-01 10:00:00 +08:00）`,
      '  状态 Status   open',
      '  环节 Step     acceptance',
      '  事项 Matter   claim · urban_construction · 310104 · city · letter',
      '  分办 Routing  forward → xuhui-housing',
      '  策略 Policy   cn-national-2022 v1',
      '  计数 Counts   事件 events 3 · 重复信访 repeats 0 · 超期 breaches 0',
      '',
      '时间线 Timeline (3):',
      '  #1  2025-12-01 09:00:00 +08:00  PetitionRegistered  reg-001 (registrar @ city-bureau)',
      '  #2  2025-12-01 09:10:00 +08:00  PetitionRouted      reg-001 (registrar @ city-bureau)',
      '  #3  2025-12-01 09:20:00 +08:00  CaseReceived        h-7 (handler @ xuhui-housing)',
      '      理由 reason: 已签收',
      '',
      '待届期限 Pending deadlines (3):',
      '  notify          2025-12-16 23:59:59 +08:00  剩余3天4小时 / 3d 4h left    [超期即违规 breach · 第二十三条 · xuhui-housing · step acceptance]',
      '  acceptance      2025-11-30 23:59:59 +08:00  已超期1小时 / overdue by 1h  [超期即违规 breach · 第三十一条 · xuhui-housing · step acceptance]',
      // Any stopped clock (a hearing or a configured pause such as 鉴定) shows as paused.
      '  decideReReview  2026-01-01 08:00:00 +08:00  已暂停 / paused              [超期即违规 breach · step re_review]',
    ]);
    noTrailingSpace(text);
  });

  it('says when nothing is pending', () => {
    expect(formatLiveView({ ...view, pendingDeadlines: [] })).toMatch(/待届期限 Pending deadlines \(0\):\n  无 none$/);
  });

  it('lists the workflow\'s clock pauses after the deadlines, a running one up to asOf', () => {
    // asOf 1 Dec 02:00Z; paused since 29 Nov 02:00Z = 2.0 days.
    const text = formatLiveView({ ...view, pendingDeadlines: [], state: { ...view.state, pauses: [
      { deadlineKey: 'handling', pauseReason: 'awaiting_authority', startedAt: '2025-11-29T02:00:00.000Z', endedAt: null, pausedMs: null, approverId: 'head-1' },
    ] } });
    expect(text.split('\n').slice(-2)).toEqual([
      '暂停计时 Clock pauses (1):',
      "  handling  等待其他机关决定 awaiting another authority's decision  2025-11-29 10:00:00 +08:00 → 暂停中 paused  2.0天 days  审批 approver head-1",
    ]);
  });

  it('marks a provisional deadline 暂定 with the years whose holidays are not published', () => {
    const provisional = { key: 'handling', step: 'handling', dueAt: '2027-02-05T16:00:00.000Z', kind: 'breach', unitId: 'xuhui-housing',
      remainingMs: 2 * 86_400_000, provisionalYears: [2027] };
    expect(formatLiveView({ ...view, pendingDeadlines: [provisional] }).split('\n').pop())
      .toBe('  handling  2027-02-06 00:00:00 +08:00  剩余2天 / 2d left  [超期即违规 breach · xuhui-housing · step handling · 暂定 provisional (2027年节假日未发布 holidays not published)]');
  });
});

describe('outcomes', () => {
  const outcome = { caseId: CASE_ID, result: 'registered', status: 'open', step: 'routing', events: [{ seq: 1, type: 'PetitionRegistered', at: '2025-12-01T01:00:00.000Z' }] };

  it('file: case id, result and step', () => {
    expect(formatFiled(outcome).split('\n')).toEqual([
      `案件编号 Case id  ${CASE_ID}`,
      '结果 Result       registered（新登记 / new case）',
      '状态 Status       open',
      '环节 Step         routing',
      '事件 Events       #1 PetitionRegistered 2025-12-01 09:00:00 +08:00',
    ]);
  });

  it('act: what was done and the events recorded', () => {
    expect(formatApplied('ReceiveCase', { ...outcome, result: 'applied', step: 'acceptance', events: [] }).split('\n')).toEqual([
      `已执行 Done: ReceiveCase → ${CASE_ID}`,
      '  状态 Status  open',
      '  环节 Step    acceptance',
      '  事件 Events  —',
    ]);
  });
});

describe('errors', () => {
  it('usage: code, zh-CN, English, where to get help', () => {
    expect(formatError(new UsageError('未知选项 --x', 'Unknown option --x', 'route')).split('\n')).toEqual([
      '用法错误 Usage error: USAGE_ERROR',
      '  未知选项 --x',
      '  Unknown option --x',
      '  运行 petitions route --help 查看用法 / Run petitions route --help for usage.',
    ]);
  });

  it('unreachable and timed out', () => {
    expect(formatError(new ApiUnreachableError('http://127.0.0.1:3000', 'connect ECONNREFUSED 127.0.0.1:3000'))).toMatch(/^错误 Error: API_UNREACHABLE\n  无法连接 API/);
    expect(formatError(new ApiUnreachableError('http://127.0.0.1:3000', 'timed out', true))).toMatch(/Whether a command took effect is unknown/);
  });

  it('anything else is an internal error', () => {
    expect(formatError(new RangeError('boom'))).toBe('错误 Error: INTERNAL_ERROR\n  命令行工具内部错误\n  Internal error: boom');
  });
});
