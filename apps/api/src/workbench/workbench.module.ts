import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkbenchCaseQueries } from './workbench-cases.queries';
import { WorkbenchStaticController } from './workbench-static.controller';

/** The workbench's page and assets, and its case lists (the controller needing the workflows lives in ApiModule). */
@Module({
  controllers: [WorkbenchStaticController],
  providers: [{ provide: WorkbenchCaseQueries, inject: [DataSource], useFactory: (ds: DataSource) => new WorkbenchCaseQueries(ds) }],
  exports: [WorkbenchCaseQueries],
})
export class WorkbenchModule {}
