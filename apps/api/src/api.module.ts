import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '@petitions/config';
import { ReadModelModule } from '@petitions/read-model';
import { connectClient } from '@petitions/temporal';
import { APP_CONFIG, TEMPORAL_CLIENT } from './api.tokens';
import { CodecController } from './codec/codec.controller';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthController } from './health/health.controller';
import { PetitionsController } from './petitions/petitions.controller';
import { PetitionWorkflowsService } from './petitions/petition-workflows.service';

class TemporalClientCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Module({
  imports: [ReadModelModule.forRoot({ databaseUrl: () => loadConfig().databaseUrl, poolSize: 10 })],
  controllers: [PetitionsController, HealthController, CodecController],
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => connectClient({ address: c.temporalAddress, namespace: c.temporalNamespace, payloadKeys: c.payloadKeys }),
    },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    PetitionWorkflowsService,
    TemporalClientCloser,
  ],
})
export class ApiModule {}
