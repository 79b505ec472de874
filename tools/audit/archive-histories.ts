/**
 * Archives closed cases' Temporal histories into PostgreSQL so they stay replayable after the server's retention:
 *   npm run archive-histories [-- --case <caseId> ...]
 * Run it on a schedule shorter than the namespace's retention period.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@petitions/config';
import { createReadModelDataSource } from '@petitions/read-model';
import { connectClient } from '@petitions/temporal';
import { archiveClosedCases } from '@petitions/audit';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { case: { type: 'string', multiple: true } } });
  const config = loadConfig();
  const client = await connectClient({ address: config.temporalAddress, namespace: config.temporalNamespace, payloadKeys: config.payloadKeys });
  const ds = await createReadModelDataSource(config.databaseUrl, { poolSize: 2 }).initialize();
  try {
    const { cases, runs } = await archiveClosedCases(client, ds, values.case);
    console.log(`archived ${runs} run(s) of ${cases} closed case(s)`);
  } finally {
    await ds.destroy();
    await client.connection.close();
  }
}

main().catch((err) => {
  console.error('[archive-histories] failed:', err);
  process.exit(1);
});
