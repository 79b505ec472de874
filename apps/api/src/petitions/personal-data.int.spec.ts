import type { Client } from '@temporalio/client';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';
import { temporalStoreBytes } from '../../../../tools/test/temporal-store';
import type { DataSource } from 'typeorm';

const registrar = { 'x-actor-id': 'reg-5', 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau', 'content-type': 'application/json' };
// Distinctive personal data: each string must never reach Temporal's store in plain text.
const secrets = {
  name: '欧阳紫薇测试',
  idNumber: '11010819790101777X',
  phone: '13766554433',
  address: '北京市海淀区测试路九十九号',
  summary: '关于宅基地确权纠纷的特有陈述文本ZXQ-7781',
};

describe('personal data never reaches the Temporal store in plain text', () => {
  let stack: TestStack;
  let url: string;
  let client: Client;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startStack('pii');
    ({ url, client, db } = stack);
  });
  afterAll(async () => { await stack?.stop(); });

  it('files and moves a case, then finds none of the petitioner\'s data in the SQLite file, ids, attributes or read model', async () => {
    const res = await fetch(`${url}/petitions`, { method: 'POST', headers: registrar, body: JSON.stringify({
      channel: 'online', kind: 'claim', category: 'natural_resources', regionCode: '110108', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '某镇人民政府' }, summary: secrets.summary,
      petitioner: { name: secrets.name, idNumber: secrets.idNumber, phone: secrets.phone, address: secrets.address },
    }) });
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    await fetch(`${url}/petitions/${caseId}/commands`, { method: 'POST', headers: registrar,
      body: JSON.stringify({ type: 'RoutePetition', mode: 'assign', leadUnitId: 'town-gov-3', handlingLimit: { amount: 30, unit: 'calendar_days' } }) });
    await eventually(async () => (await db.query('SELECT last_seq FROM cases WHERE case_id = $1', [caseId]))[0]?.last_seq === 2);

    // The petitioner's data is in the case (decrypted by an authorized client) …
    const petitioner = await client.workflow.getHandle(caseId).query<{ name: string; idNumber: string }>('petitioner');
    expect(petitioner).toMatchObject({ name: secrets.name, idNumber: secrets.idNumber });

    // … but not in the server's store: scan the SQLite database and its write-ahead log (on the cluster tier, every
    // table of its PostgreSQL databases) byte for byte.
    const bytes = temporalStoreBytes();
    expect(bytes.length).toBeGreaterThan(10_000);
    for (const value of Object.values(secrets)) {
      expect(bytes.includes(Buffer.from(value, 'utf8'))).toBe(false);
    }
    // The case's own history is in that file (sanity: the scan looks at the right store).
    expect(bytes.includes(Buffer.from(caseId, 'utf8'))).toBe(true);

    const description = await client.workflow.getHandle(caseId).describe();
    const visible = JSON.stringify({ id: caseId, attrs: description.typedSearchAttributes.getAll().map((p) => p.value) });
    const rows = JSON.stringify(await db.query('SELECT c.*, e.payload FROM cases c JOIN case_events e USING (case_id) WHERE case_id = $1', [caseId]));
    for (const value of Object.values(secrets)) {
      expect(visible).not.toContain(value);
      expect(rows).not.toContain(value);
    }
  });
});
