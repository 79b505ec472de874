import type { DataSource } from 'typeorm';
import { CaseEventEntity } from './case-event.entity';
import { CaseRowEntity } from './case-row.entity';

/** Reads for the API: one case with its event log. Supervision lists and reports grow here. */
export class CaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  findCase(caseId: string): Promise<CaseRowEntity | null> {
    return this.dataSource.getRepository(CaseRowEntity).findOneBy({ caseId });
  }

  listEvents(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }
}
