import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { eventually, startApiApp, startWorkerApp, useOwnTaskQueue } from '../../../../tools/test/harness';

const registrar = { 'x-actor-id': 'reg-3', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };

describe('类案预警: petitions about the same respondent within the window warn the supervision office', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let url: string;

  beforeAll(async () => {
    useOwnTaskQueue('clusters');
    worker = await startWorkerApp();
    ({ app: api, url } = await startApiApp());
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  it('raises one warning listing the five cases against the same respondent (default rule: 5 in 7 days)', async () => {
    const respondent = `测试置业有限公司-${process.pid}`;
    const caseIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
        channel: 'visit', kind: 'claim', category: 'urban_construction', regionCode: '510107', level: 'city', persons: 1,
        respondent: { type: 'unit', description: respondent }, summary: '逾期交房',
        petitioner: { name: `业主${i}`, idNumber: `51010719800101${String(1000 + i)}`, phone: `1390000${String(1000 + i)}` },
      }) });
      expect(res.status).toBe(201);
      caseIds.push(((await res.json()) as { caseId: string }).caseId);
    }
    const warning = await eventually(async () => {
      const body = (await (await fetch(`${url}/supervision/cluster-warnings?dimension=respondent`, { headers: registrar })).json()) as
        { warnings: { caseIds: string[]; ruleId: string; key: string }[] };
      return body.warnings.find((w) => caseIds.every((id) => w.caseIds.includes(id)));
    }, 20_000);
    expect(warning.ruleId).toBe('same-respondent-7d');
    expect(warning.caseIds.sort()).toEqual([...caseIds].sort());
    // The key is a keyed hash: the respondent's name is not in the warning.
    expect(JSON.stringify(warning)).not.toContain(respondent);
  });
});
