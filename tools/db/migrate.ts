/** Applies the read-model migrations to $DATABASE_URL (operators: `npm run migrate`). */
import { runMigrations } from '@petitions/read-model';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const applied = await runMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'read model schema is up to date');
}

main().catch((err) => {
  console.error('[migrate] failed:', err);
  process.exit(1);
});
