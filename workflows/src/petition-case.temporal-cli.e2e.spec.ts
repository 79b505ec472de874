import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { TEMPORAL_CLI } from '../../tools/dev/temporal-dev-server';
import { eventually, startApiApp, startWorkerApp, useOwnTaskQueue } from '../../tools/test/harness';

const run = promisify(execFile);
const registrar = { 'x-actor-id': 'reg-9', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };

/** The official `temporal` CLI (from the PyPI wheel) against the dev server, as an operator would use it. */
describe('the real temporal CLI on a running case', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let url: string;
  let caseId: string;
  const cli = async (...args: string[]) =>
    (await run(TEMPORAL_CLI, [...args, '--address', process.env.TEMPORAL_ADDRESS!, '--color', 'never'], { encoding: 'utf8' })).stdout;
  const codec = () => ['--codec-endpoint', `${url}/codec`, '--codec-header', 'X-Actor-Id=aud-1', '--codec-header', 'X-Actor-Role=auditor'];

  beforeAll(async () => {
    useOwnTaskQueue('temporal-cli');
    worker = await startWorkerApp();
    ({ app: api, url } = await startApiApp());
    const res = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'phone', kind: 'claim', category: 'labour_social_security', regionCode: '320106', level: 'city', persons: 2,
      respondent: { type: 'unit', description: '某建筑劳务公司' }, summary: '拖欠农民工工资三个月',
      petitioner: { name: '赵建国', idNumber: '320106197505051234', phone: '13811112222', address: '南京市鼓楼区某街道2号' },
    }) });
    caseId = ((await res.json()) as { caseId: string }).caseId;
    await fetch(`${url}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ type: 'RoutePetition', mode: 'forward', leadUnitId: 'gulou-hrss' }) });
    await fetch(`${url}/petitions/${caseId}/commands`, { method: 'POST',
      headers: { ...registrar, 'x-actor-id': 'h-3', 'x-actor-role': 'handler', 'x-actor-unit': 'gulou-hrss' },
      body: JSON.stringify({ type: 'ReceiveCase' }) });
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  it('describe shows the workflow type and the search attributes status, step, unit and next deadline', async () => {
    const attrs = await eventually(async () => {
      const d = JSON.parse(await cli('workflow', 'describe', '-w', caseId, '-o', 'json'));
      const indexed = d.workflowExecutionInfo?.searchAttributes?.indexedFields ?? {};
      return indexed.PetitionUnit ? { d, indexed } : null;
    });
    expect(attrs.d.workflowExecutionInfo.type.name).toBe('petitionCase');
    // Search attributes are JSON payloads, never encrypted: decode them as any operator tool would.
    const values = Object.fromEntries(Object.entries(attrs.indexed as Record<string, { data: string }>)
      .map(([k, p]) => [k, JSON.parse(Buffer.from(p.data, 'base64').toString('utf8'))]));
    expect(values).toMatchObject({ PetitionStatus: 'open', PetitionStep: 'acceptance', PetitionUnit: 'gulou-hrss', PetitionRegion: '320106' });
    expect(new Date(values.PetitionNextDeadline).getTime()).toBeGreaterThan(Date.now());
    const listed = await cli('workflow', 'list', '--query', `PetitionUnit = 'gulou-hrss' AND PetitionStatus = 'open'`, '-o', 'json');
    expect(listed).toContain(caseId);
  });

  it('update executes a step and query reads the case, decoded through the codec endpoint', async () => {
    const out = await cli('workflow', 'update', 'execute', '-w', caseId, '--name', 'ExecuteCommand', '-o', 'json',
      '--input', JSON.stringify({ type: 'NotifyPetitioner', noticeRef: 'notice-1', actor: { id: 'h-3', role: 'handler', unitId: 'gulou-hrss' } }), ...codec());
    expect(out).toContain('PetitionerNotified');
    const view = JSON.parse(await cli('workflow', 'query', '-w', caseId, '--name', 'caseView', '-o', 'json', ...codec()));
    const state = view.queryResult[0];
    expect(state.state.step).toBe('acceptance');
    expect(state.timeline.map((r: { event: { type: string } }) => r.event.type)).toEqual(['PetitionRegistered', 'PetitionRouted', 'CaseReceived', 'PetitionerNotified']);
    const clocks = state.pendingDeadlines.filter((d: { kind: string }) => d.kind === 'breach' || d.kind === 'lapse');
    expect(clocks.map((d: { key: string }) => d.key)).toEqual(['acceptance']);
    // Warnings (预警) ahead of it are pending too.
    expect(state.pendingDeadlines.filter((d: { kind: string }) => d.kind === 'warning').map((d: { key: string }) => d.key))
      .toEqual(expect.arrayContaining(['acceptance:warn:0']));
  });

  it('shows ciphertext without the codec, and the codec refuses roles that do not need personal data', async () => {
    const raw = await cli('workflow', 'query', '-w', caseId, '--name', 'petitioner', '-o', 'json');
    expect(raw).not.toContain('赵建国');
    // The plain codec endpoint cannot tell which case a payload belongs to: it decodes, with the petitioner masked
    // (docs/personal-data-access.md); an auditor never reads personal data in clear.
    const masked = await cli('workflow', 'query', '-w', caseId, '--name', 'petitioner', '-o', 'json', ...codec());
    expect(masked).toContain('赵**');
    expect(masked).not.toContain('赵建国');
    // The per-case codec endpoint applies the personal-data rule: the filing bureau's registrar reads in clear.
    const clear = await cli('workflow', 'query', '-w', caseId, '--name', 'petitioner', '-o', 'json',
      '--codec-endpoint', `${url}/codec/cases/${caseId}`, '--codec-header', 'X-Actor-Id=reg-9', '--codec-header', 'X-Actor-Role=registrar',
      '--codec-header', 'X-Actor-Unit=city-bureau');
    expect(clear).toContain('赵建国');
    await expect(cli('workflow', 'query', '-w', caseId, '--name', 'petitioner', '-o', 'json',
      '--codec-endpoint', `${url}/codec`, '--codec-header', 'X-Actor-Id=h-3', '--codec-header', 'X-Actor-Role=handler')).rejects.toThrow();
  });
});
