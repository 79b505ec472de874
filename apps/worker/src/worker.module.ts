import { Module } from '@nestjs/common';
import { CaseProjectionActivities } from '@petitions/activities';
import { loadConfig } from '@petitions/config';
import { ReadModelModule } from '@petitions/read-model';
import { TemporalWorkerService } from './temporal-worker.service';
import { APP_CONFIG } from './worker.tokens';

const config = { provide: APP_CONFIG, useFactory: () => loadConfig() };

@Module({
  imports: [ReadModelModule.forRoot({ databaseUrl: () => loadConfig().databaseUrl, poolSize: 10 })],
  providers: [config, CaseProjectionActivities, TemporalWorkerService],
})
export class WorkerModule {}
