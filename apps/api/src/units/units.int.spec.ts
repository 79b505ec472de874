import { LetterIssuingActivities } from '@petitions/activities';
import type { IssueLetterInput } from '@petitions/contracts';
import type { DataSource } from 'typeorm';
import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const headers = (id: string, role: string, unit?: string) =>
  ({ 'x-actor-id': id, 'x-actor-role': role, ...(unit ? { 'x-actor-unit': unit } : {}), 'content-type': 'application/json' });
const admin = headers('adm-dir', 'admin');
const registrar = headers('reg-dir', 'registrar', 'city-bureau');

const UNITS = [
  { id: 'dir-county-gov', nameZh: '测试县人民政府', kind: 'government', regionCode: '320101' },
  { id: 'dir-county-jw', nameZh: '测试县纪委监委', kind: 'discipline_body', parentId: 'dir-county-gov' },
  { id: 'u-320101012-town', nameZh: '测试县甲镇人民政府', shortName: '甲镇', kind: 'township', parentId: 'dir-county-gov', supervisingBodyId: 'dir-county-jw' },
  { id: 'dir-old-office', nameZh: '测试县原农业办公室', kind: 'department', parentId: 'dir-county-gov', validTo: '2020-12-31' },
];

describe('organization directory: import, versions, names as of a date, routing checked', () => {
  let stack: TestStack;
  let own: { drop(): Promise<void> };
  let url: string;
  let db: DataSource;
  const post = (path: string, h: Record<string, string>, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const get = (path: string, h: Record<string, string>) => fetch(`${url}${path}`, { headers: h });
  const file = async () => (await json(await post('/petitions', registrar, {
    channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '320101', level: 'county', persons: 1,
    respondent: { type: 'unit', description: '某镇政府' }, summary: `目录测试 ${process.pid} ${Math.random()}`,
    petitioner: { name: '测试人戊', idNumber: '320102198001011234', phone: '13900003333', address: '测试地址' },
  }))).caseId as string;

  beforeAll(async () => {
    // A non-empty directory checks every routing: only this file's cases may see it.
    own = await useOwnDatabase('directory');
    stack = await startStack('directory');
    ({ url, db } = stack);
  }, 120_000);
  afterAll(async () => { await stack?.stop(); await own?.drop(); });

  it('an empty directory checks nothing; a bad batch lists every problem and changes nothing; only admins import', async () => {
    const caseId = await file();
    expect((await post(`/petitions/${caseId}/commands`, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'anything-goes' })).status).toBe(201);

    const bad = await post('/units', admin, { reason: '初始导入', units: [{ id: 'x', nameZh: '', kind: 'bureau', parentId: 'nowhere' }, UNITS[0]] });
    expect(bad.status).toBe(422);
    const err = (await json(bad)).error;
    expect(err.code).toBe('UNITS_INVALID');
    expect(err.details.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`)).toEqual(['0:nameZh', '0:kind']);
    // The parent is only checked for rows that parse; 'x' does not (no name, no kind), so its parent is not reached.
    expect((await json(await get('/units', admin))).units).toEqual([]);
    expect((await post('/units', headers('sup-dir', 'supervisor', 'joint-office'), { reason: '初始导入', units: UNITS })).status).toBe(403);
  });

  it('imports, versions a rename with who and why, and reads the name as of a date', async () => {
    const first = await post('/units', admin, { reason: '初始导入', effectiveFrom: '2020-01-01', units: UNITS });
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ created: UNITS.map((u) => u.id), updated: [], unchanged: [] });
    // The same batch again is no new version.
    expect(await json(await post('/units', admin, { reason: '重复导入', units: UNITS }))).toMatchObject({ created: [], updated: [], unchanged: UNITS.map((u) => u.id) });

    const rename = await post('/units', headers('adm-2', 'admin'), { reason: '撤镇设街道', effectiveFrom: '2090-01-01T00:00:00+08:00',
      units: [{ ...UNITS[2], nameZh: '测试县甲街道办事处', shortName: '甲街道' }] });
    expect(await json(rename)).toEqual({ created: [], updated: ['u-320101012-town'], unchanged: [] });

    const history = (await json(await get('/units/u-320101012-town/history', registrar))).versions;
    expect(history.map((v: { version: number; nameZh: string; changedBy: string; reason: string }) => [v.version, v.nameZh, v.changedBy, v.reason]))
      .toEqual([[1, '测试县甲镇人民政府', 'adm-dir', '初始导入'], [2, '测试县甲街道办事处', 'adm-2', '撤镇设街道']]);
    expect(history[1].effectiveFrom).toBe('2089-12-31T16:00:00.000Z');
    expect((await json(await get('/units/u-320101012-town?asOf=2089-12-31T15:59:59Z', registrar))).nameZh).toBe('测试县甲镇人民政府');
    expect((await json(await get('/units/u-320101012-town?asOf=2090-01-01T00:00:00%2B08:00', registrar))).nameZh).toBe('测试县甲街道办事处');
    expect((await json(await get('/units/u-320101012-town?asOf=2019-06-01', registrar))).error.code).toBe('UNIT_NOT_YET_RECORDED');
    expect((await json(await get('/units/nowhere', registrar))).error.code).toBe('UNIT_NOT_FOUND');
  });

  it('routing to a typo is refused with the close match; to an abolished unit as inactive; to a known unit it proceeds', async () => {
    const caseId = await file();
    const typo = await post(`/petitions/${caseId}/commands`, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'u-320101021-town' });
    expect(typo.status).toBe(422);
    const err = (await json(typo)).error;
    expect(err.code).toBe('UNIT_UNKNOWN');
    // Today (before the rename takes effect on 2090-01-01) the unit is still 甲镇.
    expect(err.details.suggestions).toEqual([{ id: 'u-320101012-town', nameZh: '测试县甲镇人民政府', why: 'edit_distance' }]);
    expect(err.message).toContain('u-320101012-town（测试县甲镇人民政府）');
    expect(err.messageEn).toContain('did you mean: u-320101012-town');

    const coUnit = await post(`/petitions/${caseId}/commands`, registrar,
      { type: 'RoutePetition', mode: 'forward', leadUnitId: 'u-320101012-town', coUnitIds: ['dir-old-office'] });
    expect(coUnit.status).toBe(422);
    expect((await json(coUnit)).error).toMatchObject({ code: 'UNIT_INACTIVE', details: { unitId: 'dir-old-office' } });

    expect((await post(`/petitions/${caseId}/commands`, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'u-320101012-town' })).status).toBe(201);
    // The units list a supervisor reads names the unit (as of today: the rename applies from 2090-01-01), not only its id.
    const handled = await eventually(async () => {
      const items = (await json(await get('/supervision/units/most-handled', headers('sup-dir', 'supervisor', 'joint-office')))).items;
      return items?.find((i: { unitId: string }) => i.unitId === 'u-320101012-town');
    }, 20_000, 250);
    expect(handled).toMatchObject({ unitId: 'u-320101012-town', unitName: '测试县甲镇人民政府', cases: 1 });
  });

  it('a letter names its units as of its date: an older letter keeps the old name, a newer one the new', async () => {
    const letters = stack.worker.get(LetterIssuingActivities);
    const input = (caseId: string, issuedAt: string): IssueLetterInput => ({
      caseId, escalationKey: 'handling', escalationNo: 1, letterKind: 'accountability_recommendation', recipientUnitId: 'u-320101012-town',
      addresseeUnitId: 'dir-county-jw', copyToUnitIds: ['u-320101012-town'], deadlineKey: 'handling', step: 'handling',
      article: '第三十三条', groundArticle: '第四十四条', breachDueAt: '2026-10-01T00:00:00.000Z', issuedAt, feedbackDueAt: null,
      caseFacts: { registeredAt: '2026-08-01T00:00:00.000Z', category: 'urban_construction', kind: 'claim', regionCode: '320101' },
    });
    const html = async (letterId: string) => (await db.query('SELECT html FROM letters WHERE letter_id = $1', [letterId]))[0].html as string;
    const older = await letters.issueLetter(input('dir-letter-old', '2026-11-02T02:00:00.000Z'));
    const newer = await letters.issueLetter(input('dir-letter-new', '2090-02-01T02:00:00.000Z'));
    const oldHtml = await html(older.letterId);
    expect(oldHtml).toContain('测试县纪委监委：');
    expect(oldHtml).toContain('测试县甲镇人民政府');
    expect(oldHtml).not.toContain('u-320101012-town');
    const newHtml = await html(newer.letterId);
    expect(newHtml).toContain('测试县甲街道办事处');
    expect(newHtml).not.toContain('测试县甲镇人民政府');
  });
});
