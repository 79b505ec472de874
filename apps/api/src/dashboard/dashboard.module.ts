import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DashboardController } from './dashboard.controller';
import { TrendQueries } from './trend.queries';

/** The supervision dashboard (督查看板): its page, assets and the read-only trend series. */
@Module({
  controllers: [DashboardController],
  providers: [{ provide: TrendQueries, inject: [DataSource], useFactory: (ds: DataSource) => new TrendQueries(ds) }],
})
export class DashboardModule {}
