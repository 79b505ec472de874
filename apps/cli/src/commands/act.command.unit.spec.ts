import { ACTIONS } from './act.actions';
import { CASE_ID, HANDLER, OUTCOME, runWith } from '../cli.testkit';

const API = 'http://api.test:3000';
const base = ['--api', API, ...HANDLER];

/** [subcommand, its flags, the command JSON it must send] — every action at least once. */
const MAPPINGS: [string, string[], Record<string, unknown>][] = [
  ['route', ['--mode', 'forward', '--unit-lead', 'xuhui-housing'], { type: 'RoutePetition', mode: 'forward', leadUnitId: 'xuhui-housing' }],
  ['route', ['--mode', 'assign', '--unit-lead', 'a', '--co-unit', 'b', '--co-unit', 'c,d', '--limit-days', '30', '--reason', '督办'],
    { type: 'RoutePetition', mode: 'assign', leadUnitId: 'a', coUnitIds: ['b', 'c', 'd'], handlingLimit: { amount: 30, unit: 'calendar_days' }, reason: '督办' }],
  ['route', ['--mode', 'assign', '--lead-unit', 'a', '--deadline', '2026-01-31T23:59:59+08:00'],
    { type: 'RoutePetition', mode: 'assign', leadUnitId: 'a', handlingDeadline: '2026-01-31T23:59:59+08:00' }],
  ['route', ['--mode', 'assign', '--unit-lead', 'a', '--limit-working-days', '10'],
    { type: 'RoutePetition', mode: 'assign', leadUnitId: 'a', handlingLimit: { amount: 10, unit: 'working_days' } }],
  ['receive', [], { type: 'ReceiveCase' }],
  ['notify', [], { type: 'NotifyPetitioner' }],
  ['notify', ['--notice-ref', 'N-2025-001'], { type: 'NotifyPetitioner', noticeRef: 'N-2025-001' }],
  ['object', ['--reason', '不属本单位职责'], { type: 'RaiseObjection', reason: '不属本单位职责' }],
  ['decide-objection', ['--approve', '--reason', '同意'], { type: 'DecideObjection', approved: true, reason: '同意' }],
  ['decide-objection', ['--reject'], { type: 'DecideObjection', approved: false }],
  ['accept', ['--outcome', 'accepted'], { type: 'DecideAcceptance', outcome: 'accepted' }],
  ['accept', ['--outcome', 'diverted', '--divert-to', 'litigation'], { type: 'DecideAcceptance', outcome: 'diverted', divertTo: 'litigation' }],
  ['accept', ['--outcome', 'not_accepted_again'], { type: 'DecideAcceptance', outcome: 'not_accepted_again' }],
  ['notify-decision', ['--notice-ref', '不予受理告知书-031', '--reason', '应通过诉讼解决'],
    { type: 'NotifyDecision', noticeRef: '不予受理告知书-031', reason: '应通过诉讼解决' }],
  ['assign-leader', ['--leader', 'leader-3'], { type: 'AssignLeader', leaderId: 'leader-3' }],
  ['extend', ['--days', '15', '--reason', '需现场核查'], { type: 'RequestExtension', extension: { amount: 15, unit: 'calendar_days' }, reason: '需现场核查' }],
  ['extend', ['--working-days', '5', '--reason', 'r'], { type: 'RequestExtension', extension: { amount: 5, unit: 'working_days' }, reason: 'r' }],
  ['decide-extension', ['--approve', '--reason', '情况复杂'], { type: 'DecideExtension', approved: true, reason: '情况复杂' }],
  ['decide-extension', ['--reject', '--reason', '按期办结'], { type: 'DecideExtension', approved: false, reason: '按期办结' }],
  ['reply', ['--closure', 'substantive', '--outcome-ref', 'R-1'], { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'R-1' }],
  ['reply', ['--closure', 'procedural', '--outcome-ref', 'R-2', '--claim-not-upheld'], { type: 'ReplyToPetitioner', closureType: 'procedural', outcomeRef: 'R-2', claimUpheld: false }],
  ['reply', ['--closure', 'substantive', '--outcome-ref', 'R-3', '--claim-upheld'], { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: 'R-3', claimUpheld: true }],
  ['evaluate', ['--value', 'basically_satisfied'], { type: 'EvaluateSatisfaction', value: 'basically_satisfied' }],
  ['request-review', ['--review-unit', 'xuhui-gov'], { type: 'RequestReview', reviewUnitId: 'xuhui-gov' }],
  ['decide-review', ['--decision', 'upheld', '--outcome-ref', 'RV-1'], { type: 'DecideReview', decision: 'upheld', outcomeRef: 'RV-1' }],
  ['request-re-review', ['--re-review-unit', 'sh-gov'], { type: 'RequestReReview', reReviewUnitId: 'sh-gov' }],
  ['hearing-start', [], { type: 'StartHearing' }],
  ['hearing-end', ['--reason', '听证结束'], { type: 'EndHearing', reason: '听证结束' }],
  ['decide-re-review', ['--decision', 'changed', '--outcome-ref', 'RR-1'], { type: 'DecideReReview', decision: 'changed', outcomeRef: 'RR-1' }],
  ['withdraw', ['--reason', '信访人撤回'], { type: 'WithdrawPetition', reason: '信访人撤回' }],
  ['link', ['--related', 'petition-0123456789abcdef0123', '--reason', '同一事项'], { type: 'LinkRelatedCase', relatedCaseId: 'petition-0123456789abcdef0123', reason: '同一事项' }],
  ['unlink', ['--related', 'petition-0123456789abcdef0123', '--reason', '诉求不同'], { type: 'UnlinkRelatedCase', relatedCaseId: 'petition-0123456789abcdef0123', reason: '诉求不同' }],
  // Without --approver the caller (--as h-7) is the approver; the domain decides whether he may be.
  ['pause', ['--clock', 'handling', '--reason-code', 'appraisal', '--reason', '委托鉴定'],
    { type: 'PauseClock', deadlineKey: 'handling', pauseReason: 'appraisal', approverId: 'h-7', reason: '委托鉴定' }],
  ['pause', ['--clock', 'decideReview', '--reason-code', 'awaiting_authority', '--approver', 'head-3', '--requested-by', 'h-2', '--reason', '等待规划部门认定'],
    { type: 'PauseClock', deadlineKey: 'decideReview', pauseReason: 'awaiting_authority', approverId: 'head-3', requestedBy: 'h-2', reason: '等待规划部门认定' }],
  ['resume', ['--clock', 'handling'], { type: 'ResumeClock', deadlineKey: 'handling' }],
];

describe('action subcommands → POST /petitions/:id/commands', () => {
  it('covers every action', () => {
    expect(new Set(MAPPINGS.map(([name]) => name))).toEqual(new Set(ACTIONS.map((a) => a.name)));
  });

  it.each(MAPPINGS)('%s %j', async (name, flags, expected) => {
    const type = String(expected.type);
    // The shorthand, `act <caseId> <action>` and `act <caseId> <CommandType>` send the same request.
    for (const argv of [[name, CASE_ID, ...flags], ['act', CASE_ID, name, ...flags], ['act', CASE_ID, type, ...flags]]) {
      const r = await runWith([...argv, ...base]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.requests).toHaveLength(1);
      const [req] = r.requests;
      expect(req).toMatchObject({ method: 'POST', url: `${API}/petitions/${CASE_ID}/commands` });
      expect(req.headers).toMatchObject({ 'x-actor-id': 'h-7', 'x-actor-role': 'handler', 'x-actor-unit': 'xuhui-housing', 'content-type': 'application/json' });
      expect(req.body).toEqual(expected);
      expect(r.stdout).toContain(`已执行 Done: ${type} → ${OUTCOME.caseId}`);
    }
  });

  it('accepts flags before the command and the action name in any case', async () => {
    const r = await runWith([...base, 'act', CASE_ID, 'decideacceptance', '--outcome', 'accepted']);
    expect(r.code).toBe(0);
    expect(r.requests[0].body).toEqual({ type: 'DecideAcceptance', outcome: 'accepted' });
  });
});

describe('act with a JSON command', () => {
  it('sends --json \'{…}\' as is, and adds --reason', async () => {
    const r = await runWith(['act', CASE_ID, '--json', '{"type":"DecideAcceptance","outcome":"accepted"}', '--reason', '符合受理条件', ...base]);
    expect(r.code).toBe(0);
    expect(r.requests[0].body).toEqual({ type: 'DecideAcceptance', outcome: 'accepted', reason: '符合受理条件' });
  });

  it('reads --json=… , --body and --json-file', async () => {
    const files = { 'cmd.json': '{"type":"ReceiveCase"}' };
    for (const argv of [['--json={"type":"ReceiveCase"}'], ['--body', '{"type":"ReceiveCase"}'], ['--json-file', 'cmd.json']]) {
      const r = await runWith(['act', CASE_ID, ...argv, ...base], { files });
      expect(r.code).toBe(0);
      expect(r.requests[0].body).toEqual({ type: 'ReceiveCase' });
    }
  });

  it('passes an unknown type through for the API to judge', async () => {
    const r = await runWith(['act', CASE_ID, '--json', '{"type":"Teleport"}', ...base], { reply: () => ({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: '操作校验未通过', messageEn: 'command failed validation' } } }) });
    expect(r.requests[0].body).toEqual({ type: 'Teleport' });
    expect(r.code).toBe(3);
  });

  it('with a subcommand, takes the JSON as the command (type filled in) and a bare --json as raw output', async () => {
    const r = await runWith(['act', CASE_ID, 'accept', '--json', '{"outcome":"accepted"}', '--json', ...base]);
    expect(r.code).toBe(0);
    expect(r.requests[0].body).toEqual({ type: 'DecideAcceptance', outcome: 'accepted' });
    expect(JSON.parse(r.stdout)).toEqual(OUTCOME);
  });
});

describe('usage errors: exit 2, nothing sent', () => {
  const cases: [string, string[], RegExp][] = [
    ['route without --mode', ['route', CASE_ID, '--unit-lead', 'a'], /--mode/],
    ['route without --unit-lead', ['route', CASE_ID, '--mode', 'forward'], /--unit-lead/],
    ['route with a bad mode', ['route', CASE_ID, '--mode', 'teleport', '--unit-lead', 'a'], /forward \| assign/],
    ['route with a non-number limit', ['route', CASE_ID, '--mode', 'assign', '--unit-lead', 'a', '--limit-days', 'ten'], /--limit-days/],
    ['route with two limits', ['route', CASE_ID, '--mode', 'assign', '--unit-lead', 'a', '--limit-days', '3', '--limit-working-days', '3'], /either/],
    ['accept with a bad outcome', ['accept', CASE_ID, '--outcome', 'maybe'], /accepted \| not_accepted \| diverted \| not_accepted_again/],
    ['accept without --outcome', ['accept', CASE_ID], /--outcome/],
    ['accept with a bad --divert-to', ['accept', CASE_ID, '--outcome', 'diverted', '--divert-to', 'moon'], /litigation/],
    ['decide-extension without a decision', ['decide-extension', CASE_ID, '--reason', 'x'], /--approve or --reject/],
    ['decide-extension with both', ['decide-extension', CASE_ID, '--approve', '--reject'], /not both/],
    ['extend without a length', ['extend', CASE_ID, '--reason', 'x'], /--days or --working-days/],
    ['extend by 0 days', ['extend', CASE_ID, '--days', '0'], /--days must be a whole number/],
    ['reply without --outcome-ref', ['reply', CASE_ID, '--closure', 'substantive'], /--outcome-ref/],
    ['evaluate with a bad value', ['evaluate', CASE_ID, '--value', 'happy'], /satisfied \| basically_satisfied \| dissatisfied/],
    ['a flag of another action', ['receive', CASE_ID, '--outcome', 'accepted'], /Unknown option --outcome/],
    ['an unknown flag', ['route', CASE_ID, '--mode', 'forward', '--unit-lead', 'a', '--bogus'], /Unknown option --bogus/],
    ['a missing flag value', ['route', CASE_ID, '--mode'], /--mode/],
    ['no case id', ['receive'], /Missing <caseId>/],
    ['an extra argument', ['receive', CASE_ID, 'extra'], /Unexpected arguments: extra/],
    ['act without an action or JSON', ['act', CASE_ID], /Give an action/],
    ['act with an unknown action', ['act', CASE_ID, 'teleport'], /Unknown action "teleport"/],
    ['act with JSON without type', ['act', CASE_ID, '--json', '{"outcome":"accepted"}'], /no "type"/],
    ['act with JSON that is not JSON', ['act', CASE_ID, '--json', '{oops'], /--json is not valid JSON/],
    ['act with a JSON array file', ['act', CASE_ID, '--json-file', 'arr.json'], /must be a JSON object/],
    ['act with a missing file', ['act', CASE_ID, '--json-file', 'nope.json'], /Cannot read nope.json/],
    ['act with JSON of another type', ['act', CASE_ID, 'receive', '--json', '{"type":"RoutePetition"}'], /does not match/],
    ['act mixing JSON and flags', ['act', CASE_ID, 'accept', '--json', '{"outcome":"accepted"}', '--outcome', 'diverted'], /leave out --outcome/],
  ];

  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await runWith([...argv, ...base], { files: { 'arr.json': '[1]' } });
    expect(r.code).toBe(2);
    expect(r.requests).toHaveLength(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^用法错误 Usage error: USAGE_ERROR/);
    expect(r.stderr).toMatch(message);
  });

  it('refuses an action without an identity, naming what is missing', async () => {
    const r = await runWith(['receive', CASE_ID, '--as', 'h-7']);
    expect(r.code).toBe(2);
    expect(r.requests).toHaveLength(0);
    expect(r.stderr).toMatch(/Missing actor identity: --role \(PETITIONS_ACTOR_ROLE\)/);
  });
});
