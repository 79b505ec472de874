import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { runCli } from '../../../cli/src/cli';
import { eventually, startApiApp, startWorkerApp, testClient, testDataSource, useOwnTaskQueue } from '../../../../tools/test/harness';
import { bundleExtraActivityVariant } from '../../../../tools/test/workflow-variants';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
const registrar = { 'x-actor-id': 'reg-diverged', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const auditor = { 'x-actor-id': 'aud-1', 'x-actor-role': 'auditor' };

/**
 * The auditors' verdict when the deployed workflow code no longer matches a case's history: the case runs on the real
 * workflow code (the worker), then the API replays it with a changed bundle (the real workflow plus one activity
 * scheduled before anything else: workflows/src/replay/nondeterministic-variant.workflow-fixture.ts), as after a
 * deployment of incompatible code. `GET /audit/cases/:id/replay` and `petitions audit replay` must say so.
 */
describe('audit replay against a changed workflow bundle', () => {
  let worker: INestApplicationContext;
  let api: INestApplication;
  let url: string;
  let db: DataSource;
  let client: Client;
  const savedBundle = process.env.PETITIONS_WORKFLOW_BUNDLE;

  beforeAll(async () => {
    useOwnTaskQueue('audit-diverged');
    worker = await startWorkerApp(); // takes the real bundle now, at its start
    ({ app: api, url } = await startApiApp());
    db = await testDataSource();
    client = await testClient();
  }, 120_000);
  afterAll(async () => {
    process.env.PETITIONS_WORKFLOW_BUNDLE = savedBundle;
    await api?.close();
    await worker?.close();
    await db?.destroy();
    await client?.connection.close();
  });

  it('answers nondeterministic with the diverging event; the CLI exits 5 and names it', async () => {
    const filed = await json(await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '650109', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某区重放测试局' }, summary: '重放分歧测试诉求',
      petitioner: { name: '测试人分', idNumber: '650109198001011234', phone: '13900003333' },
    }) }));
    expect(filed.result).toBe('registered');
    const caseId: string = filed.caseId;
    const routed = await fetch(`${url}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ type: 'RoutePetition', mode: 'forward', leadUnitId: 'diverged-housing' }) });
    expect(routed.status).toBeLessThan(300);
    await eventually(async () => (await db.query('SELECT step FROM cases WHERE case_id = $1', [caseId]))[0]?.step === 'receipt', 20_000);

    // The API replays with the changed code from now on (the audit builds its bundle once, on first use).
    const changed = join(process.env.PETITIONS_TEST_TEMPORAL_DB!, '..', `changed-bundle-${process.pid}.js`);
    writeFileSync(changed, await bundleExtraActivityVariant());
    process.env.PETITIONS_WORKFLOW_BUNDLE = changed;

    // Worked out from the history: the changed code's first command (the extra activity) takes the place of the first
    // thing the recorded code did, i.e. the event right after the first completed workflow task.
    const events = (await client.workflow.getHandle(caseId).fetchHistory()).events ?? [];
    const firstCompleted = events.findIndex((e) => e.workflowTaskCompletedEventAttributes != null);
    expect(firstCompleted).toBeGreaterThan(0);
    const divergingEventId = Number(events[firstCompleted + 1]!.eventId);

    const res = await fetch(`${url}/audit/cases/${caseId}/replay`, { headers: auditor });
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({
      workflowId: caseId, verdict: 'nondeterministic',
      firstDivergence: { runId: report.runs[0].runId, eventId: divergingEventId, error: expect.stringContaining('DeterminismViolationError') },
    });
    expect(report.runs).toEqual([expect.objectContaining({ verdict: 'nondeterministic', divergingEventId })]);

    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli({
      argv: ['audit', 'replay', caseId, '--api', url, '--as', 'aud-1', '--role', 'auditor'], env: {}, transport: (u, init) => fetch(u, init),
      stdout: (t) => out.push(t), stderr: (t) => err.push(t), now: () => new Date(), readFile: () => '', version: 'test',
    });
    expect(code).toBe(5);
    expect(out.join('\n')).toBe('');
    expect(err.join('\n')).toContain('AUDIT_REPLAY_DIVERGED');
    expect(err.join('\n')).toContain(`First diverging event: ${divergingEventId}`);
    expect(err.join('\n')).toContain(`first diverging event: ${divergingEventId}`);
  }, 180_000);
});
