/**
 * Exports a case's signed audit bundle (histories, chained events, timeline, letters, chain heads), Ed25519-signed:
 *   npm run audit-bundle -- --case <caseId> --key audit-signing.pem [--out bundle.json]
 * Check it anywhere, offline: petitions audit verify-bundle bundle.json --public-key audit-pub.pem
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '@petitions/config';
import { createReadModelDataSource } from '@petitions/read-model';
import { connectClient } from '@petitions/temporal';
import { buildAuditBundle, fetchCaseRuns, signAuditBundle } from '@petitions/audit';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { case: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } } });
  if (!values.case || !values.key) {
    console.error('usage: npm run audit-bundle -- --case <caseId> --key <ed25519 private key PEM> [--out file]');
    return 2;
  }
  const config = loadConfig();
  const client = await connectClient({ address: config.temporalAddress, namespace: config.temporalNamespace, payloadKeys: config.payloadKeys });
  const ds = await createReadModelDataSource(config.databaseUrl, { poolSize: 2 }).initialize();
  try {
    const content = await buildAuditBundle(ds, await fetchCaseRuns(client, values.case), config.payloadKeys, new Date().toISOString());
    const json = JSON.stringify(signAuditBundle(content, readFileSync(values.key, 'utf8')), null, 2);
    if (values.out) writeFileSync(values.out, json); else process.stdout.write(`${json}\n`);
    console.error(`bundle of ${content.caseId}: ${content.histories.length} run(s), ${content.events.length} events, ${content.letters.length} letters`);
    return 0;
  } finally {
    await ds.destroy();
    await client.connection.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error('[audit-bundle] failed:', err);
  process.exit(1);
});
