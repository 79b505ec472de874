import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor, BusinessCalendar, CaseCommand, CaseEvent, CasePolicy, CaseState, PendingDeadline,
} from '@petitions/domain';

export const DEFAULT_TASK_QUEUE = 'petitions';
export const PETITION_WORKFLOW_TYPE = 'petitionCase';
/** Workflow ids carry only the pseudonymous case key (an HMAC), never a name or an identity number. */
export const petitionWorkflowId = (caseKey: string): string => `petition-${caseKey}`;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Personal data of the petitioner: travels only inside encrypted payloads, never in ids, attributes or logs. */
export interface PetitionerDetails {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  /** The petition's own text, which names people and places. */
  summary?: string;
}

type RegisterCommand = Extract<CaseCommand, { type: 'RegisterPetition' }>;
/** What a registrar files; the workflow adds the case id and its own time. */
export type Registration = Omit<RegisterCommand, 'type' | 'at' | 'actor' | 'caseId'>;

export interface FilePetitionArgs {
  actor: Actor;
  registration: Registration;
  petitioner: PetitionerDetails;
}

/** A handler's step on a running case; `at` is stamped with workflow time by the workflow. */
export type CaseCommandInput = DistributiveOmit<
  Exclude<CaseCommand, { type: 'RegisterPetition' | 'RecordRepeatPetition' | 'ReachDeadline' }>, 'at'>;

export interface RecordedEvent { seq: number; event: CaseEvent }

export interface CommandOutcome {
  caseId: string;
  /** 'registered' for a new case, 'repeat' when the petition joined an existing one, 'applied' for a step. */
  result: 'registered' | 'repeat' | 'applied';
  events: RecordedEvent[];
  status: string;
  step: string;
}

export interface CaseView {
  caseId: string;
  policy: { id: string; version: number };
  state: CaseState;
  timeline: RecordedEvent[];
  /** provisionalYears (暂定): the years of holidays the item's clock was computed without; absent when final. */
  pendingDeadlines: (PendingDeadline & { remainingMs: number; provisionalYears?: number[] })[];
  asOf: string;
}

export interface CarriedCase {
  state: CaseState;
  timeline: RecordedEvent[];
  projectedSeq: number;
  petitioner: PetitionerDetails | null;
  /** Whether the cluster watch (类案预警) has been told about this case. */
  arrivalReported?: boolean;
}

export interface PetitionWorkflowInput {
  caseId: string;
  policy: CasePolicy;
  calendar: BusinessCalendar;
  /** Set by continue-as-new: the whole case is carried over. */
  carried?: CarriedCase;
}

export const filePetitionUpdate = defineUpdate<CommandOutcome, [FilePetitionArgs]>('FilePetition');
export const executeCommandUpdate = defineUpdate<CommandOutcome, [CaseCommandInput]>('ExecuteCommand');
export const caseViewQuery = defineQuery<CaseView>('caseView');
export const petitionerQuery = defineQuery<PetitionerDetails | null>('petitioner');
