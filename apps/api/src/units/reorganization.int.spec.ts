import type { Client } from '@temporalio/client';
import { caseViewQuery } from '@petitions/contracts';
import type { DataSource } from 'typeorm';
import { signToken } from '../auth/token';
import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const headers = (id: string, role: string, unit?: string) =>
  ({ 'x-actor-id': id, 'x-actor-role': role, ...(unit ? { 'x-actor-unit': unit } : {}), 'content-type': 'application/json' });
const admin = headers('adm-reorg', 'admin');
const registrar = headers('reg-reorg', 'registrar', 'ro-bureau');
const OLD = 'ro-housing';
const NEW = 'ro-housing-urban';
const oldHandler = headers('ro-h-1', 'handler', OLD);
const newHandler = headers('ro-h-2', 'handler', NEW);

const UNITS = [
  { id: 'ro-gov', nameZh: '测试改革县人民政府', kind: 'government', regionCode: '320105' },
  { id: 'ro-bureau', nameZh: '测试改革县信访局', kind: 'petition_bureau', parentId: 'ro-gov' },
  { id: OLD, nameZh: '测试改革县住房和城乡建设局', kind: 'department', parentId: 'ro-gov' },
  { id: NEW, nameZh: '测试改革县住房城乡建设和城市管理局', kind: 'department', parentId: 'ro-gov' },
  { id: 'ro-edu', nameZh: '测试改革县教育局', kind: 'department', parentId: 'ro-gov' },
];
const PEOPLE = [
  { id: 'ro-lead-wang', nameZh: '王建国', unitId: OLD, roles: ['leader', 'unit_head'] },
  { id: 'ro-h-1', nameZh: '李承办', unitId: OLD, roles: 'handler' },
  { id: 'ro-h-2', nameZh: '赵承办', unitId: NEW, roles: ['handler'] },
  { id: 'ro-lead-gov', nameZh: '孙县长', unitId: 'ro-gov', roles: ['leader'] },
  { id: 'ro-lead-edu', nameZh: '周局长', unitId: 'ro-edu', roles: ['leader'] },
  { id: 'ro-lead-old', nameZh: '钱前任', unitId: OLD, roles: ['leader'], validTo: '2020-12-31' },
];

describe('people directory, leader and token checks, and a merge (机构改革) moving open cases with their deadlines', () => {
  let stack: TestStack;
  let own: { drop(): Promise<void> };
  let url: string;
  let client: Client;
  let db: DataSource;
  const post = (path: string, h: Record<string, string>, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const get = (path: string, h: Record<string, string>) => fetch(`${url}${path}`, { headers: h });
  const act = (caseId: string, h: Record<string, string>, command: unknown) => post(`/petitions/${caseId}/commands`, h, command);
  const file = async () => (await json(await post('/petitions', registrar, {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '320105', level: 'county', persons: 1,
    respondent: { type: 'unit', description: '某街道' }, summary: `机构改革测试 ${process.pid} ${Math.random()}`,
    petitioner: { name: '测试人己', idNumber: '320102198001011234', phone: '13900004444', address: '测试地址' },
  }))).caseId as string;

  beforeAll(async () => {
    // Units, people and a rollout over every open case of the read model: only this file's cases may see them.
    own = await useOwnDatabase('reorganization');
    stack = await startStack('reorganization');
    ({ url, client, db } = stack);
    expect((await post('/units', admin, { reason: '初始导入', effectiveFrom: '2020-01-01', units: UNITS })).status).toBe(201);
  }, 120_000);
  afterAll(async () => { await stack?.stop(); await own?.drop(); });

  it('a people batch with problems is refused whole, every problem listed; a good one is versioned with who and why', async () => {
    const bad = await post('/people', admin, { reason: '初始导入', people: [
      PEOPLE[0], { id: 'ro-x', nameZh: '', unitId: 'ro-nowhere', roles: ['boss'] }, { ...PEOPLE[0] },
    ] });
    expect(bad.status).toBe(422);
    const err = (await json(bad)).error;
    expect(err.code).toBe('PEOPLE_INVALID');
    expect(err.details.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`)).toEqual(['1:nameZh', '1:unitId', '1:roles', '2:id']);
    expect((await json(await get('/people', admin))).people).toEqual([]);

    const ok = await post('/people', admin, { reason: '初始导入', effectiveFrom: '2020-01-01', people: PEOPLE });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toEqual({ created: PEOPLE.map((p) => p.id), updated: [], unchanged: [] });
    const shown = await json(await get('/people/ro-h-1', registrar));
    expect(shown).toMatchObject({ id: 'ro-h-1', nameZh: '李承办', unitId: OLD, unitName: '测试改革县住房和城乡建设局', roles: ['handler'] });
    expect(shown.versions.map((v: { version: number; changedBy: string; reason: string }) => [v.version, v.changedBy, v.reason])).toEqual([[1, 'adm-reorg', '初始导入']]);
    expect((await json(await get(`/people?unitId=${OLD}`, registrar))).people.map((p: { id: string }) => p.id)).toEqual(['ro-h-1', 'ro-lead-old', 'ro-lead-wang']);
  });

  it('a merge moves the open case to the successor with its deadlines unchanged; the read model shows the successor', async () => {
    const caseId = await file();
    for (const [as, command] of [
      [registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: OLD }],
      [oldHandler, { type: 'ReceiveCase' }],
      [oldHandler, { type: 'NotifyPetitioner' }],
      [oldHandler, { type: 'DecideAcceptance', outcome: 'accepted' }],
    ] as const) expect((await act(caseId, as, command)).status).toBeLessThan(300);

    // 领导包案: the leader must be a leader or unit head of the lead unit or a unit above it, in post today.
    const sup = headers('ro-sup', 'supervisor', 'ro-bureau');
    const typo = await json(await act(caseId, sup, { type: 'AssignLeader', leaderId: 'ro-lead-wnag' }));
    // Among those who could take charge: 2 edits away, then the county leader sharing the 8-character prefix 'ro-lead-'.
    expect(typo.error).toMatchObject({ code: 'PERSON_UNKNOWN', details: { suggestions: [{ id: 'ro-lead-wang', nameZh: '王建国', why: 'edit_distance' },
      { id: 'ro-lead-gov', nameZh: '孙县长', why: 'prefix' }] } });
    expect(typo.error.message).toContain('ro-lead-wang（王建国）');
    expect((await json(await act(caseId, sup, { type: 'AssignLeader', leaderId: 'ro-lead-edu' }))).error.code).toBe('PERSON_WRONG_UNIT');
    expect((await json(await act(caseId, sup, { type: 'AssignLeader', leaderId: 'ro-h-1' }))).error.code).toBe('PERSON_WRONG_ROLE');
    expect((await json(await act(caseId, sup, { type: 'AssignLeader', leaderId: 'ro-lead-old' }))).error.code).toBe('PERSON_INACTIVE');
    // The county government's leader is above the unit: allowed.
    expect((await act(caseId, sup, { type: 'AssignLeader', leaderId: 'ro-lead-gov' })).status).toBe(201);

    const handle = client.workflow.getHandle(caseId);
    const before = (await handle.query(caseViewQuery)).pendingDeadlines.map((d) => [d.key, d.dueAt]);
    expect(before.map(([k]) => k)).toContain('handling');
    // A token of the old unit still works before the merge.
    const oldToken = { authorization: `Bearer ${signToken(process.env.AUTH_TOKEN_SECRET!, { sub: 'ro-h-1', role: 'handler', unit: OLD }, { ttlSeconds: 600 })}` };

    const merged = await post('/reorganizations', admin, { kind: 'merge', unitIds: [OLD], successorId: NEW, reason: '县机构改革方案：住建局与城管局合并' });
    expect(merged.status).toBe(201);
    const record = await json(merged);
    expect(record).toMatchObject({ kind: 'merge', unitIds: [OLD], successorId: NEW, decidedBy: 'adm-reorg', unitsUpdated: [OLD] });
    expect(await client.workflow.getHandle(record.rolloutWorkflowId).result()).toEqual({ considered: 1, adopted: 1, rejected: 0, byCode: {} });

    const view = await handle.query(caseViewQuery);
    expect(view.state.assignment?.leadUnitId).toBe(NEW);
    // Same clocks, same due times: only the unit answering for them changed.
    expect(view.pendingDeadlines.map((d) => [d.key, d.dueAt])).toEqual(before);
    expect(view.pendingDeadlines.find((d) => d.key === 'handling')?.unitId).toBe(NEW);
    const succeeded = view.timeline.map((r) => r.event).filter((e) => e.type === 'UnitSucceeded');
    expect(succeeded).toEqual([expect.objectContaining({ fromUnitId: OLD, toUnitId: NEW, reorganizationId: record.reorganizationId, roles: ['lead'],
      actor: { id: 'system', role: 'system' } })]);

    const row = await eventually(async () => {
      const r = await json(await get(`/petitions/${caseId}`, registrar));
      return r.case?.leadUnitId === NEW ? r : null;
    }, 20_000, 250);
    expect(row.events.map((e: { type: string }) => e.type)).toContain('UnitSucceeded');
    const [dbRow] = await db.query('SELECT handling_due_at FROM cases WHERE case_id = $1', [caseId]);
    expect(new Date(dbRow.handling_due_at).toISOString()).toBe(before.find(([k]) => k === 'handling')![1]);

    // The successor's handler acts on the case now; the old unit's cannot see it any more.
    expect((await act(caseId, newHandler, { type: 'RequestExtension', extension: { amount: 10, unit: 'calendar_days' }, reason: '需补充调查' })).status).toBe(201);
    expect((await get(`/petitions/${caseId}`, oldHandler)).status).toBe(404);
    // The old unit is merged: routing to it and its signed tokens are refused with clear codes.
    const other = await file();
    const routed = await json(await act(other, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: OLD }));
    expect(routed.error).toMatchObject({ code: 'UNIT_INACTIVE', details: { unitId: OLD } });
    const refused = await fetch(`${url}/people`, { headers: oldToken });
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.code).toBe('AUTH_TOKEN_UNIT_INACTIVE');
    const unknownToken = { authorization: `Bearer ${signToken(process.env.AUTH_TOKEN_SECRET!, { sub: 'x', role: 'handler', unit: 'ro-nowhere' }, { ttlSeconds: 600 })}` };
    expect((await json(await fetch(`${url}/people`, { headers: unknownToken }))).error.code).toBe('AUTH_TOKEN_UNIT_UNKNOWN');
    const newToken = { authorization: `Bearer ${signToken(process.env.AUTH_TOKEN_SECRET!, { sub: 'ro-h-2', role: 'handler', unit: NEW }, { ttlSeconds: 600 })}` };
    expect((await fetch(`${url}/people`, { headers: newToken })).status).toBe(200);

    // The record lists who decided it and why; the rollout's progress is readable.
    const shown = await json(await get(`/reorganizations/${record.reorganizationId}`, registrar));
    expect(shown).toMatchObject({ reason: '县机构改革方案：住建局与城管局合并', rollout: { considered: 1, adopted: 1, done: true } });
    const history = (await json(await get(`/units/${OLD}/history`, registrar))).versions;
    expect(history[history.length - 1].changedBy).toBe('adm-reorg');

    // Reports name the unit that answers for the case now (as of the year's end): JSON and CSV of the annual report.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const annual = await json(await get(`/supervision/reports/annual?year=${year}&region=320105&format=json`, sup));
    expect(annual.mostHandledUnits).toEqual([expect.objectContaining({ rank: 1, unitId: NEW, unitName: '测试改革县住房城乡建设和城市管理局', cases: 1 })]);
    const csv = await (await get(`/supervision/reports/annual?year=${year}&region=320105&format=csv`, sup)).text();
    expect(csv).toContain(`1,测试改革县住房城乡建设和城市管理局,${NEW},1,1`);
    const summary = await json(await get(`/supervision/reports/summary?period=${year}&region=320105`, sup));
    // The second case of this file was refused its routing: it has no unit (and no name).
    expect(summary.units).toEqual([expect.objectContaining({ key: null, unitName: null, cases: 1 }),
      expect.objectContaining({ key: NEW, unitName: '测试改革县住房城乡建设和城市管理局', cases: 1 })]);
  }, 180_000);

  it('rename, move and close are directory operations with every problem listed', async () => {
    const bad = await post('/reorganizations', admin, { kind: 'move', unitId: 'ro-gov', parentId: 'ro-edu', reason: '调整隶属' });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.details.problems).toEqual([{ field: 'parentId', message: '上级关系形成循环 / the parent chain loops back to the unit' }]);
    const renamed = await json(await post('/reorganizations', admin, { kind: 'rename', unitId: 'ro-edu', nameZh: '测试改革县教育体育局', reason: '更名', effectiveFrom: '2090-01-01' }));
    expect(renamed).toMatchObject({ kind: 'rename', rolloutWorkflowId: null, unitsUpdated: ['ro-edu'] });
    expect((await json(await get('/units/ro-edu?asOf=2090-01-02', registrar))).nameZh).toBe('测试改革县教育体育局');
    expect((await json(await get('/units/ro-edu', registrar))).nameZh).toBe('测试改革县教育局');
    const closed = await json(await post('/reorganizations', admin, { kind: 'close', unitId: 'ro-edu', reason: '撤销' }));
    expect(closed).toMatchObject({ kind: 'close', successorId: null, rolloutWorkflowId: null });
    expect((await json(await post('/reorganizations', admin, { kind: 'close', unitId: 'ro-edu', reason: '再次撤销' }))).error.code).toBe('REORGANIZATION_INVALID');
  });
});
