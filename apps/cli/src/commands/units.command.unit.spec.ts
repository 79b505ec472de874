import { type RecordedRequest, runWith } from '../cli.testkit';
import { parseUnitsFile, unitTree } from './units.command';

const ADMIN = ['--as', 'adm-1', '--role', 'admin'];
const path = (r: RecordedRequest) => { const u = new URL(r.url); return `${r.method} ${u.pathname}${u.search}`; };

describe('units', () => {
  it('reads a CSV with a header (empty cells left out, quoted commas kept) and JSON Lines', () => {
    const csv = 'id,nameZh,shortName,kind,parentId\ncounty-gov,"测试县人民政府，本级",,government,\ntown-1,甲镇人民政府,甲镇,township,county-gov\n';
    expect(parseUnitsFile('u.csv', csv)).toEqual([
      { id: 'county-gov', nameZh: '测试县人民政府，本级', kind: 'government' },
      { id: 'town-1', nameZh: '甲镇人民政府', shortName: '甲镇', kind: 'township', parentId: 'county-gov' },
    ]);
    expect(parseUnitsFile('u.jsonl', '{"id":"a","nameZh":"甲","kind":"other"}\n\n')).toEqual([{ id: 'a', nameZh: '甲', kind: 'other' }]);
  });

  it('draws the tree under parents; a unit whose parent is not listed is a root', () => {
    expect(unitTree([
      { id: 'town-1', nameZh: '甲镇', parentId: 'county' },
      { id: 'county', nameZh: '县政府', parentId: null },
      { id: 'orphan', nameZh: '某单位', parentId: 'elsewhere' },
      { id: 'village', nameZh: '某村委会', parentId: 'town-1' },
    ])).toEqual(['县政府  (county)', '  甲镇  (town-1)', '    某村委会  (village)', '某单位  (orphan)']);
  });

  it('imports with the reason and effective date; needs --reason (exit 2)', async () => {
    const r = await runWith(['units', 'import', 'u.jsonl', '--reason', '更名', '--effective-from', '2027-01-01', ...ADMIN],
      { files: { 'u.jsonl': '{"id":"a","nameZh":"甲","kind":"other"}' }, reply: () => ({ status: 201, body: { created: [], updated: ['a'], unchanged: [] } }) });
    expect(r.code).toBe(0);
    expect(r.requests.map(path)).toEqual(['POST /units']);
    expect(r.requests[0]!.body).toEqual({ units: [{ id: 'a', nameZh: '甲', kind: 'other' }], reason: '更名', effectiveFrom: '2027-01-01' });
    expect(r.stdout).toContain('更新 updated 1');
    expect((await runWith(['units', 'import', 'u.jsonl', ...ADMIN], { files: { 'u.jsonl': '{}' } })).code).toBe(2);
  });

  it('shows a unit as of a date', async () => {
    const r = await runWith(['units', 'show', 'town-1', '--as-of', '2026-06-01', ...ADMIN], { reply: () => ({ status: 200, body: {
      id: 'town-1', nameZh: '甲镇人民政府', shortName: '甲镇', kind: 'township', parentId: 'county', regionCode: '320101', supervisingBodyId: null,
      validFrom: null, validTo: null, version: 1, effectiveFrom: '2020-01-01T00:00:00.000Z', changedBy: 'adm-1', reason: '初始导入' } }) });
    expect(r.requests.map(path)).toEqual(['GET /units/town-1?asOf=2026-06-01']);
    expect(r.stdout).toContain('甲镇人民政府（甲镇）  town-1');
  });
});
