import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { startApiApp, startWorkerApp, useOwnTaskQueue } from '../../../../tools/test/harness';
import { cli } from '../cli.process.testkit';

/** `petitions import` as a child process against the real API, worker, Temporal dev server and PostgreSQL. */
const REGION = '540121';
const registrar = ['--as', 'reg-imp', '--role', 'registrar', '--unit', 'city-bureau'];

const registration = (n: number) => ({
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: REGION, level: 'county', persons: 1,
  respondent: { type: 'unit', description: `某镇政府${n}` }, summary: `导入测试事项 ${n}`,
  petitioner: { name: `导入${n}`, idNumber: `54012119900101${String(1000 + n).slice(-4)}` },
});

describe('petitions import (child process) against the real API', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let env: Record<string, string>;
  let db: Client;
  const dir = mkdtempSync(join(tmpdir(), 'petitions-import-'));

  beforeAll(async () => {
    useOwnTaskQueue('cli-import');
    worker = await startWorkerApp();
    const started = await startApiApp();
    api = started.app;
    env = { PETITIONS_API: started.url };
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await worker?.close();
  });

  const casesInRegion = async (): Promise<string[]> =>
    (await db.query('SELECT case_id FROM cases WHERE region_code = $1 ORDER BY case_id', [REGION])).rows.map((r) => r.case_id as string);

  it('files a JSON Lines file, and a second run of the same file files nothing twice', async () => {
    const file = join(dir, 'batch.jsonl');
    writeFileSync(file, `${[1, 2, 3, 4, 5].map((n) => JSON.stringify(registration(n))).join('\n')}\n`);
    const first = await cli(['import', file, '--json', ...registrar], env);
    expect(first.stderr).toMatch(/Imported \[#+\] 5\/5/);
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out).toMatchObject({ total: 5, registered: 5, replayed: 0, refused: 0 });
    const ids = out.records.map((r: { caseId: string }) => r.caseId).sort();
    expect(new Set(ids).size).toBe(5);

    const again = await cli(['import', file, '--json', ...registrar], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 5, registered: 0, replayed: 5, refused: 0 });
    expect(JSON.parse(again.stdout).records.map((r: { caseId: string }) => r.caseId).sort()).toEqual(ids);
    // Projected once each: exactly the five cases, each registered once (one PetitionRegistered, no repeat).
    for (let i = 0; i < 100 && (await casesInRegion()).length < 5; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await casesInRegion()).toEqual(ids);
    const events = await db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1) AND type IN ('PetitionRegistered', 'RepeatPetitionRecorded')`, [ids]);
    expect(events.rows[0].n).toBe(5);
  });

  it('files the good rows of a CSV, lists a refused row by line and exits 3', async () => {
    const file = join(dir, 'batch.csv');
    writeFileSync(file, [
      'channel,kind,category,regionCode,level,persons,respondent,summary,name',
      `visit,claim,urban_construction,${REGION},county,2,"某街道, 办事处",导入CSV事项甲,王甲`,
      `visit,claim,urban_construction,${REGION},county,0,某街道办事处,导入CSV事项乙,王乙`,
    ].join('\n'));
    const r = await cli(['import', file, ...registrar], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/line 3: VALIDATION/);
    expect(r.stderr).toMatch(/2 records: 1 registered, 0 repeats, 0 replayed, 1 refused/);
  });
});
