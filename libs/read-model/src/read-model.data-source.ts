import { DataSource } from 'typeorm';
import { CaseEventEntity } from './case-event.entity';
import { CaseRowEntity } from './case-row.entity';
import { InitialReadModel1764547200000 } from './migrations/1764547200000-initial-read-model';
import { SupervisionReadModel1767139200000 } from './migrations/1767139200000-supervision-read-model';
import { SupervisionIndexes1767139300000 } from './migrations/1767139300000-supervision-indexes';
import { LettersAndPolicies1767225600000 } from './migrations/1767225600000-letters-and-policies';
import { ReceiptClockStats1767398400000 } from './migrations/1767398400000-receipt-clock-stats';
import { EventHashChain1767484800000 } from './migrations/1767484800000-event-hash-chain';
import { HistoryArchive1767571200000 } from './migrations/1767571200000-history-archive';
import { IdempotencyKeys1767657600000 } from './migrations/1767657600000-idempotency-keys';
import { EventChainExtend1767744000000 } from './migrations/1767744000000-event-chain-extend';
import { RelatedCases1767830437000 } from './migrations/1767830437000-related-cases';
import { CalendarYears1767834000000 } from './migrations/1767834000000-calendar-years';
import { LetterFeedback1767835800000 } from './migrations/1767835800000-letter-feedback';
import { RespondentUnit1767834100000 } from './migrations/1767834100000-respondent-unit';
import { UnitStatsRollup1767312000000 } from './migrations/1767312000000-unit-stats-rollup';
import { ClockPauses1767830471000 } from './migrations/1767830471000-clock-pauses';
import { ProjectionDeadLetters1767900000000 } from './migrations/1767900000000-projection-dead-letters';
import { UnitDirectory1767900100000 } from './migrations/1767900100000-unit-directory';
import { LetterWithdrawal1767913700000 } from './migrations/1767913700000-letter-withdrawal';
import { PersonalDataReads1767914730000 } from './migrations/1767914730000-personal-data-reads';
import { TownshipCode1767920370000 } from './migrations/1767920370000-township-code';
import { PeopleDirectory1767920400000 } from './migrations/1767920400000-people-directory';

export const READ_MODEL_MIGRATIONS = [InitialReadModel1764547200000, SupervisionReadModel1767139200000, SupervisionIndexes1767139300000,
  LettersAndPolicies1767225600000, UnitStatsRollup1767312000000, ReceiptClockStats1767398400000,
  EventHashChain1767484800000, HistoryArchive1767571200000, IdempotencyKeys1767657600000,
  EventChainExtend1767744000000, RelatedCases1767830437000, ClockPauses1767830471000, CalendarYears1767834000000,
  RespondentUnit1767834100000, LetterFeedback1767835800000, ProjectionDeadLetters1767900000000, UnitDirectory1767900100000,
  LetterWithdrawal1767913700000, PersonalDataReads1767914730000, TownshipCode1767920370000, PeopleDirectory1767920400000];
export const READ_MODEL_ENTITIES = [CaseEventEntity, CaseRowEntity];

/** Schema changes go through migrations only (never `synchronize`). */
export function createReadModelDataSource(url: string, opts: { poolSize?: number; schema?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'all',
    // A schema other than public holds a second copy of the read model (the rebuild command writes there).
    ...(opts.schema ? { schema: opts.schema } : {}),
    extra: { max: opts.poolSize ?? 10, ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}) },
  });
}

// Any fixed number works; it only serialises concurrent starters (api and worker) migrating the same database.
const MIGRATION_LOCK = 7_310_001;

export async function runMigrations(url: string, opts: { schema?: string } = {}): Promise<string[]> {
  const ds = createReadModelDataSource(url, { poolSize: 2, schema: opts.schema });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const done = await ds.runMigrations();
      return done.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await ds.destroy();
  }
}
