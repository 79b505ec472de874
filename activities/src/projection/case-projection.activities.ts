import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseActivities } from '@petitions/contracts';
import { CaseProjectionWriter, ProjectionDeadLetters } from '@petitions/read-model';

/**
 * Activity: project a batch of a case's domain events into PostgreSQL (one side effect, idempotent). A batch that
 * cannot succeed (a permanent PostgreSQL error) goes to the dead-letter table and the activity returns, so the case's
 * supervision never waits on it (see ProjectionDeadLetters.projectOrHold).
 */
@Injectable()
export class CaseProjectionActivities {
  private readonly deadLetters: ProjectionDeadLetters;

  constructor(private readonly writer: CaseProjectionWriter, ds: DataSource) {
    this.deadLetters = new ProjectionDeadLetters(ds);
  }

  asActivities(): Pick<CaseActivities, 'projectCaseEvents'> {
    return { projectCaseEvents: (input) => this.deadLetters.projectOrHold(this.writer, input) };
  }
}
