import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseProjectionWriter } from './case-projection.writer';
import { CalendarStore } from './calendar.store';
import { UnitDirectory } from './directory/unit-directory.store';
import { CaseQueries } from './case.queries';
import { ReportQueries } from './report.queries';
import { SupervisionQueries } from './supervision.queries';
import { createReadModelDataSource, runMigrations } from './read-model.data-source';

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/** Nest wiring of the read model: one pool, migrated before use, closed on shutdown. */
@Module({})
export class ReadModelModule {
  static forRoot(opts: { databaseUrl: () => string; poolSize?: number }): DynamicModule {
    return {
      module: ReadModelModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const url = opts.databaseUrl();
            await runMigrations(url);
            return createReadModelDataSource(url, { poolSize: opts.poolSize }).initialize();
          },
        },
        { provide: CaseProjectionWriter, inject: [DataSource], useFactory: (ds: DataSource) => new CaseProjectionWriter(ds) },
        { provide: CaseQueries, inject: [DataSource], useFactory: (ds: DataSource) => new CaseQueries(ds) },
        { provide: SupervisionQueries, inject: [DataSource], useFactory: (ds: DataSource) => new SupervisionQueries(ds) },
        { provide: ReportQueries, inject: [DataSource], useFactory: (ds: DataSource) => new ReportQueries(ds) },
        { provide: CalendarStore, inject: [DataSource], useFactory: (ds: DataSource) => new CalendarStore(ds) },
        { provide: UnitDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new UnitDirectory(ds) },
        DataSourceCloser,
      ],
      exports: [DataSource, CaseProjectionWriter, CaseQueries, SupervisionQueries, ReportQueries, CalendarStore, UnitDirectory],
    };
  }
}
