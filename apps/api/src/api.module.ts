import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '@petitions/config';
import { LettersStore, PersonalDataReads, PolicyStore, ReadModelModule } from '@petitions/read-model';
import { DataSource } from 'typeorm';
import { connectClient } from '@petitions/temporal';
import { APP_CONFIG, TEMPORAL_CLIENT } from './api.tokens';
import { CodecController } from './codec/codec.controller';
import { PoliciesController } from './policies/policies.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarWarningService } from './calendar/calendar-warning.service';
import { UnitsController } from './units/units.controller';
import { ReorganizationsController } from './units/reorganizations.controller';
import { PeopleController } from './people/people.controller';
import { LettersController } from './letters/letters.controller';
import { LetterFeedbackController } from './letters/letter-feedback.controller';
import { ClusterWarningsController } from './clusters/cluster-warnings.controller';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthController } from './health/health.controller';
import { PetitionsController } from './petitions/petitions.controller';
import { PetitionWorkflowsService } from './petitions/petition-workflows.service';
import { SupervisionController } from './supervision/supervision.controller';
import { RegionsController } from './supervision/regions.controller';
import { AuditController } from './audit/audit.controller';
import { PetitionerController } from './auth/petitioner.controller';
import { PersonalDataAccess } from './personal-data/personal-data.access';
import { PersonalDataReadsController } from './personal-data/personal-data-reads.controller';
import { readNamedRoles } from './personal-data/personal-data.rule';
import { DashboardModule } from './dashboard/dashboard.module';
import { DocsModule } from './docs/docs.module';
import { WorkbenchModule } from './workbench/workbench.module';
import { WorkbenchController } from './workbench/workbench.controller';

class TemporalClientCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Module({
  imports: [ReadModelModule.forRoot({ databaseUrl: () => loadConfig().databaseUrl, poolSize: 10 }), DashboardModule, DocsModule, WorkbenchModule],
  controllers: [PetitionsController, HealthController, CodecController, PoliciesController, LettersController, LetterFeedbackController, ClusterWarningsController, SupervisionController, RegionsController, AuditController, PetitionerController, CalendarController, UnitsController,
    PersonalDataReadsController, PeopleController, ReorganizationsController, WorkbenchController],
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => connectClient({ address: c.temporalAddress, namespace: c.temporalNamespace, payloadKeys: c.payloadKeys }),
    },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: PolicyStore, inject: [DataSource], useFactory: (ds: DataSource) => new PolicyStore(ds) },
    { provide: LettersStore, inject: [DataSource], useFactory: (ds: DataSource) => new LettersStore(ds) },
    { provide: PersonalDataReads, inject: [DataSource], useFactory: (ds: DataSource) => new PersonalDataReads(ds) },
    // The one personal-data rule with its named roles (AUTH_PERSONAL_DATA_ROLES) and the read log's only writer.
    { provide: PersonalDataAccess, inject: [TEMPORAL_CLIENT, PersonalDataReads],
      useFactory: (client: Client, reads: PersonalDataReads) => new PersonalDataAccess(() => client, reads, readNamedRoles()) },
    PetitionWorkflowsService,
    CalendarWarningService,
    TemporalClientCloser,
  ],
})
export class ApiModule {}
