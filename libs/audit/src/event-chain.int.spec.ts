import { randomUUID } from 'node:crypto';
import { type TestStack, eventually, startStack } from '../../../tools/test/harness';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseAuditor } from './read-model.verifier';
import { buildAuditBundle, signAuditBundle, verifyAuditBundle } from './audit-bundle';

const registrar = { 'x-actor-id': 'reg-hc', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
const handler = { ...registrar, 'x-actor-id': 'h-hc', 'x-actor-role': 'handler', 'x-actor-unit': 'anning-land' };

describe('tamper evidence: each case\'s events form a hash chain whose head Temporal also records', () => {
  let stack: TestStack;
  let auditor: CaseAuditor;
  let caseId: string;

  beforeAll(async () => {
    stack = await startStack('hash-chain');
    auditor = new CaseAuditor(stack.client, stack.db, process.env.PAYLOAD_KEYS!);
    const res = await fetch(`${stack.url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'letter', kind: 'claim', category: 'natural_resources', regionCode: '620105', level: 'city', persons: 1,
      respondent: { type: 'unit', description: `链测试单位-${randomUUID()}` }, summary: '链测试',
      petitioner: { name: '测试人戊', idNumber: '620105197202021234' } }) });
    caseId = ((await res.json()) as { caseId: string }).caseId;
    await fetch(`${stack.url}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar, body: JSON.stringify({ type: 'RoutePetition', mode: 'forward', leadUnitId: 'anning-land' }) });
    await fetch(`${stack.url}/petitions/${caseId}/commands`, { method: 'POST', headers: handler, body: JSON.stringify({ type: 'ReceiveCase' }) });
    await eventually(async () => {
      const d = await stack.client.workflow.getHandle(caseId).describe();
      const [r] = await stack.db.query('SELECT last_seq FROM cases WHERE case_id = $1', [caseId]);
      return !d.raw.pendingActivities?.length && !d.raw.pendingWorkflowTask && r?.last_seq >= 3;
    }, 20_000);
  });
  afterAll(async () => { await stack?.stop(); });

  /** Runs a tampering inside a transaction that is rolled back, so each case starts from the clean chain. */
  async function tampered(sql: string[]): Promise<string[]> {
    const runner = stack.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      for (const s of sql) await runner.query(s, [caseId]);
      const checker = new CaseAuditor(stack.client, runner.manager as unknown as typeof stack.db, process.env.PAYLOAD_KEYS!);
      const report = await checker.verify(caseId);
      return report.mismatches.filter((m) => m.kind === 'chain_broken' || m.kind === 'chain_head')
        .map((m) => (m.kind === 'chain_broken' ? `${m.reason}@${m.seq}` : `head@${m.seq}`));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('a clean chain verifies, and its head equals the one recorded in the history', async () => {
    const report = await auditor.verify(caseId);
    expect(report.mismatches).toEqual([]);
    const decoded = await auditor.decode(caseId);
    const [{ hash }] = await stack.db.query('SELECT hash FROM case_events WHERE case_id = $1 AND seq = $2', [caseId, decoded.projectedThroughSeq]);
    expect(decoded.projectedChainHead).toBe(hash);
  });

  it('detects a changed, a deleted, an inserted and a reordered event, and a rewritten chain', async () => {
    expect(await tampered([`UPDATE case_events SET payload = jsonb_set(payload, '{reason}', '"篡改"') WHERE case_id = $1 AND seq = 2`]))
      .toContain('hash@2');
    expect(await tampered([`DELETE FROM case_events WHERE case_id = $1 AND seq = 2`])).toEqual(expect.arrayContaining(['gap@2']));
    expect(await tampered([
      `UPDATE case_events SET seq = seq + 100 WHERE case_id = $1 AND seq >= 2`,
      `INSERT INTO case_events (case_id, seq, type, occurred_at, actor_id, actor_role, payload, prev_hash, hash)
         SELECT case_id, 2, type, occurred_at, actor_id, actor_role, payload, prev_hash, hash FROM case_events WHERE case_id = $1 AND seq = 1`,
      `UPDATE case_events SET seq = seq - 99 WHERE case_id = $1 AND seq >= 102`,
    ])).toEqual(expect.arrayContaining(['link@2']));
    expect(await tampered([
      `UPDATE case_events e SET payload = o.payload FROM case_events o
         WHERE e.case_id = $1 AND o.case_id = $1 AND ((e.seq = 2 AND o.seq = 3) OR (e.seq = 3 AND o.seq = 2))`,
    ])).toEqual(expect.arrayContaining(['hash@2', 'hash@3']));
    // Someone who rewrites an event AND recomputes the whole chain in PostgreSQL still differs from Temporal's record.
    expect(await tampered([
      `UPDATE case_events SET payload = jsonb_set(payload, '{reason}', '"篡改"') WHERE case_id = $1 AND seq = 2`,
      `UPDATE case_events SET hash = case_event_hash(prev_hash, seq, payload) WHERE case_id = $1 AND seq = 2`,
      `UPDATE case_events SET prev_hash = (SELECT hash FROM case_events WHERE case_id = $1 AND seq = 2) WHERE case_id = $1 AND seq = 3`,
      `UPDATE case_events SET hash = case_event_hash(prev_hash, seq, payload) WHERE case_id = $1 AND seq = 3`,
    ])).toEqual(expect.arrayContaining(['head@3']));
  });

  it('exports a signed bundle whose chain, recomputed offline, matches the one PostgreSQL computed', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const content = await buildAuditBundle(stack.db, await auditor.runs(caseId), process.env.PAYLOAD_KEYS!, new Date().toISOString());
    expect(content.events.length).toBeGreaterThanOrEqual(3);
    expect(content.chainHead.recorded).toBe(content.chainHead.stored);
    const bundle = JSON.parse(JSON.stringify(signAuditBundle(content, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())));
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyAuditBundle(bundle, pub)).toEqual({ ok: true, problems: [] });
    // The CLI checks it offline, with only the public key (no API, no database).
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    writeFileSync(join(dir, 'pub.pem'), pub);
    const cli = (file: string) => spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'audit', 'verify-bundle',
      join(dir, file), '--public-key', join(dir, 'pub.pem')], { cwd: join(__dirname, '../../..'), encoding: 'utf8', env: { ...process.env, PETITIONS_API: 'http://127.0.0.1:9' } });
    expect(cli('bundle.json').status).toBe(0);
    bundle.content.events[1].payloadText = bundle.content.events[1].payloadText.replace('PetitionRouted', 'Rewritten');
    expect(bundle.content.events[1].payloadText).toContain('Rewritten');
    expect(verifyAuditBundle(bundle, pub).ok).toBe(false);
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(bundle));
    const refused = cli('tampered.json');
    expect(refused.status).toBe(5);
    expect(refused.stderr).toMatch(/AUDIT_BUNDLE_INVALID/);
  });
});
