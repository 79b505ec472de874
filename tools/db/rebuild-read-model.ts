/**
 * Rebuilds the read model from Temporal's histories into a separate schema and diffs it against the live one.
 *   npm run rebuild-read-model -- [--case <caseId> ...] [--schema rebuild]
 * Exit 0 when identical (a diff of zero rows), 1 on a difference (listed), 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@petitions/config';
import { connectClient } from '@petitions/temporal';
import { rebuildReadModel } from '@petitions/audit';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { case: { type: 'string', multiple: true }, schema: { type: 'string', default: 'rebuild' } } });
  const config = loadConfig();
  const client = await connectClient({ address: config.temporalAddress, namespace: config.temporalNamespace, payloadKeys: config.payloadKeys });
  try {
    const report = await rebuildReadModel({
      client, databaseUrl: config.databaseUrl, payloadKeys: config.payloadKeys, schema: values.schema, caseIds: values.case,
      onProgress: (done, total) => {
        const width = 30;
        const filled = Math.round((done / Math.max(total, 1)) * width);
        process.stderr.write(`\r重建 rebuilding [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      },
    });
    process.stderr.write('\n');
    console.log(`cases ${report.cases}, events ${report.events}, into schema "${report.schema}"`);
    for (const d of report.diffs) console.log(`${d.table.padEnd(24)} only in live: ${d.onlyLive}  only in rebuilt: ${d.onlyRebuilt}`);
    console.log(report.identical ? '读模型与历史一致 / read model identical to the histories (0 rows differ)' : '读模型与历史不一致 / read model differs from the histories');
    return report.identical ? 0 : 1;
  } finally {
    await client.connection.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error('[rebuild-read-model] failed:', err);
  process.exit(2);
});
