import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { eventually, startApiApp, startWorkerApp, useOwnTaskQueue } from '../../../tools/test/harness';
import { cli } from './cli.process.testkit';
import { freePort } from '../../../tools/dev/free-port';

/**
 * The real CLI, as a child process (`node -r @swc-node/register apps/cli/src/main.ts …`), against the real API and
 * worker started in this process (real Temporal dev server and PostgreSQL from the int global setup).
 */

const registrar = ['--as', 'reg-001', '--role', 'registrar', '--unit', 'city-bureau'];
const handlerEnv = { PETITIONS_ACTOR_ID: 'h-7', PETITIONS_ACTOR_ROLE: 'handler', PETITIONS_ACTOR_UNIT: 'xuhui-housing' };

describe('petitions CLI (child process) against the real API', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let env: Record<string, string>;

  beforeAll(async () => {
    useOwnTaskQueue('cli');
    worker = await startWorkerApp();
    const started = await startApiApp();
    api = started.app;
    env = { PETITIONS_API: started.url };
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  it('files, routes, receives, notifies and accepts a case, then shows it from the read model', async () => {
    const filed = await cli(['file', '--channel', 'letter', '--kind', 'claim', '--category', 'urban_construction',
      '--region', '310104', '--level', 'city', '--persons', '1', '--respondent', '某区住房和城乡建设委员会',
      '--summary', '小区加装电梯工程停工半年，请求督促复工。', '--name', '李秀英', '--id-number', '310104198805067777',
      '--phone', '13912345678', '--address', '上海市徐汇区某路1号', ...registrar], env);
    expect(filed).toMatchObject({ code: 0, stderr: '' });
    expect(filed.stdout).toMatch(/registered/);
    expect(filed.stdout).toMatch(/routing/);
    const caseId = /petition-[0-9a-f]{20}/.exec(filed.stdout)?.[0];
    expect(caseId).toBeDefined();
    const id = caseId!;

    const routed = await cli(['route', id, '--mode', 'forward', '--unit-lead', 'xuhui-housing', ...registrar], env);
    expect(routed).toMatchObject({ code: 0, stderr: '' });
    expect(routed.stdout).toMatch(/RoutePetition/);
    expect(routed.stdout).toMatch(/PetitionRouted/);

    // As the unit's handler, identity from the environment; three spellings of an action.
    const received = await cli(['receive', id], { ...env, ...handlerEnv });
    expect(received).toMatchObject({ code: 0, stderr: '' });
    const notified = await cli(['act', id, 'NotifyPetitioner', '--notice-ref', 'N-2025-001', '--json'], { ...env, ...handlerEnv });
    expect(notified).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(notified.stdout)).toMatchObject({ caseId: id, events: [expect.objectContaining({ type: 'PetitionerNotified' })] });
    const accepted = await cli(['act', id, '--json', '{"type":"DecideAcceptance","outcome":"accepted"}'], { ...env, ...handlerEnv });
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(accepted.stdout).toMatch(/CaseAccepted/);
    expect(accepted.stdout).toMatch(/handling/);

    const view = await eventually(async () => {
      const shown = await cli(['show', id, '--json', ...registrar], env);
      if (shown.code !== 0) return null;
      const body = JSON.parse(shown.stdout) as { case: { step: string }; events: { type: string }[] };
      return body.events.some((e) => e.type === 'CaseAccepted') ? body : null;
    }, 30_000, 200);
    expect(view.case).toMatchObject({ caseId: id, status: 'open', step: 'handling', leadUnitId: 'xuhui-housing' });
    expect(view.events.map((e) => e.type)).toEqual(['PetitionRegistered', 'PetitionRouted', 'CaseReceived', 'PetitionerNotified', 'CaseAccepted']);
    expect(view.events[2]).toMatchObject({ seq: 3, actor: { id: 'h-7', role: 'handler', unitId: 'xuhui-housing' } });

    const human = await cli(['show', id, ...registrar], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/环节 Step\s+handling/);
    expect(human.stdout).toMatch(/#5\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00\s+CaseAccepted\s+h-7 \(handler @ xuhui-housing\)/);
    expect(human.stdout).toMatch(/下一期限 Next deadline\s+handling\S* — \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00（剩余\d+天/);

    const live = await cli(['live', id, ...registrar], env);
    expect(live.code).toBe(0);
    expect(live.stdout).toMatch(/环节 Step\s+handling/);
    expect(live.stdout).toMatch(/待届期限 Pending deadlines \(\d+\):\n/);
    expect(live.stdout).toMatch(/\n\s+handling\S*\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00\s+剩余\d+天(\d+小时)? \/ \d+d( \d+h)? left/);

    // Refused by the case's rules: received twice → 409 → exit 5, with the API's code and both messages.
    const again = await cli(['receive', id], { ...env, ...handlerEnv });
    expect(again.code).toBe(5);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/CASE_DUPLICATE_COMMAND \(HTTP 409\)/);
    expect(again.stderr).toMatch(/该操作已执行过/);
    expect(again.stderr).toMatch(/already been taken/);

    // Not allowed: a handler may not route → 403 → exit 5.
    const forbidden = await cli(['route', id, '--mode', 'forward', '--unit-lead', 'other-unit'], { ...env, ...handlerEnv });
    expect(forbidden.code).toBe(5);
    expect(forbidden.stderr).toMatch(/CASE_NOT_AUTHORIZED_ROLE \(HTTP 403\)/);
  }, 300_000);

  it('exits 2 on a bad flag, 3 on a refused case id, 4 on an unknown case, 6 when the API is unreachable', async () => {
    const badFlag = await cli(['route', 'petition-00000000000000000000', '--mode', 'forward', '--unit-lead', 'x', '--bogus', 'y', ...registrar], env);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/USAGE_ERROR/);
    expect(badFlag.stderr).toMatch(/--bogus/);

    const badValue = await cli(['accept', 'petition-00000000000000000000', '--outcome', 'maybe', '--as', 'h-7', '--role', 'handler'], env);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/accepted \| not_accepted/);

    const invalid = await cli(['show', 'not-a-case-id', ...registrar], env);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/VALIDATION_FAILED \(HTTP 400\)/);

    const missing = await cli(['show', 'petition-00000000000000000000', ...registrar], env);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/CASE_NOT_FOUND/);
    expect(missing.stderr).toMatch(/案件不存在/);

    const port = await freePort() /* nothing listens there */;
    const unreachable = await cli(['show', 'petition-00000000000000000000', '--api', `http://127.0.0.1:${port}`], env);
    expect(unreachable.code).toBe(6);
    expect(unreachable.stderr).toMatch(/API_UNREACHABLE/);
    expect(unreachable.stderr).toMatch(/ECONNREFUSED/);
  });

  it('runs supervision queries for a supervisor, and refuses them for a registrar', async () => {
    const supervisor = ['--as', 'sup-1', '--role', 'supervisor', '--unit', 'joint-office'];
    const due = await cli(['supervision', 'due-soon', '--days', '30', '--json', ...supervisor], env);
    expect(due).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(due.stdout)).toEqual(expect.any(Object));
    const summary = await cli(['supervision', 'summary', '--period', '2026', ...supervisor], env);
    expect(summary.stderr).toBe('');
    expect(summary.code).toBe(0);
    const refused = await cli(['supervision', 'overdue', ...registrar], env);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/AUTH_ROLE_FORBIDDEN|HTTP 403/);
    const unknown = await cli(['supervision', 'everything', ...supervisor], env);
    expect(unknown.code).toBe(2);
  });
});
