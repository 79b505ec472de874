import type { RecordedEvent } from './petition-workflow.contract';

export interface CaseRowSummary {
  nextDeadlineKey: string | null;
  nextDeadlineAt: string | null;
  policyId: string;
  policyVersion: number;
}

export interface ProjectCaseEventsInput {
  caseId: string;
  events: RecordedEvent[];
  summary: CaseRowSummary;
}

/** Activities the petition workflow schedules; workflows import this type only. */
export interface CaseActivities {
  projectCaseEvents(input: ProjectCaseEventsInput): Promise<{ applied: number; lastSeq: number }>;
}
