import { Injectable } from '@nestjs/common';
import type { CaseActivities } from '@petitions/contracts';
import { CaseProjectionWriter } from '@petitions/read-model';

/** Activity: project a batch of a case's domain events into PostgreSQL (one side effect, idempotent). */
@Injectable()
export class CaseProjectionActivities {
  constructor(private readonly writer: CaseProjectionWriter) {}

  asActivities(): Pick<CaseActivities, 'projectCaseEvents'> {
    return { projectCaseEvents: (input) => this.writer.write(input) };
  }
}
