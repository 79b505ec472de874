import type { CaseCommandType } from './case.commands';
import { rejection, type CaseRejection } from './case.rejections';
import type { Actor, ActorRole } from './case.types';

/**
 * Who may issue each command. The bureau (registrar, supervisor) registers and routes; the lead
 * unit's handler acts on unit steps and its head decides extensions; review bodies act through
 * their handlers; the petitioner's own acts (evaluation, requests) are recorded by a registrar or
 * arrive through the online channel ('system'); timers are 'system' only. The supervision office
 * (supervisor) moves a case to another policy; letters are recorded by the system and answered by the
 * addressed unit. Auditors and admins never change a case.
 */
export const COMMAND_ROLES: Record<CaseCommandType, readonly ActorRole[]> = {
  RegisterPetition: ['registrar'],
  RecordRepeatPetition: ['registrar'],
  RoutePetition: ['registrar', 'supervisor'],
  ReceiveCase: ['handler'],
  NotifyPetitioner: ['handler'],
  RaiseObjection: ['handler'],
  DecideObjection: ['registrar', 'supervisor'],
  DecideAcceptance: ['handler'],
  NotifyDecision: ['handler'],
  AssignLeader: ['leader', 'supervisor'],
  RequestExtension: ['handler'],
  DecideExtension: ['unit_head'],
  ReplyToPetitioner: ['handler'],
  EvaluateSatisfaction: ['registrar', 'system'],
  RequestReview: ['registrar', 'system'],
  DecideReview: ['handler'],
  RequestReReview: ['registrar', 'system'],
  StartHearing: ['handler'],
  EndHearing: ['handler'],
  DecideReReview: ['handler'],
  WithdrawPetition: ['registrar'],
  ReachDeadline: ['system'],
  // The unit answerable for the clock (the bureau for routing) stops and restarts it.
  PauseClock: ['handler', 'unit_head', 'registrar', 'supervisor'],
  ResumeClock: ['handler', 'unit_head', 'registrar', 'supervisor'],
  // Letters are numbered and issued by the letter activity on the supervision office's behalf.
  RecordLetterIssued: ['system'],
  RecordLetterFeedback: ['handler', 'unit_head'],
  // The supervision office reviews feedback; the recommendation's addressee records its adoption.
  AcceptLetterFeedback: ['supervisor'],
  ReturnLetterFeedback: ['supervisor'],
  RecordLetterAdoption: ['handler', 'unit_head'],
  AdoptPolicy: ['supervisor', 'system'],
  // Same matter is the registrar's decision.
  LinkRelatedCase: ['registrar'],
  UnlinkRelatedCase: ['registrar'],
  // A published holiday arrangement reaches running cases through the calendar rollout (system; or a supervisor). Admins never change a case.
  AdoptCalendar: ['supervisor', 'system'],
  // 机构改革 reaches running cases through the reorganization rollout only (the directory records who decided it).
  TransferToSuccessor: ['system'],
};

export function checkRole(type: CaseCommandType, actor: Actor): CaseRejection | null {
  const allowed = COMMAND_ROLES[type];
  return allowed.includes(actor.role) ? null : rejection('CASE_NOT_AUTHORIZED_ROLE', { role: actor.role, allowed: [...allowed] });
}

/** The actor must belong to the unit answerable for the step. */
export function checkUnit(actor: Actor, unitId: string | null | undefined): CaseRejection | null {
  return unitId && actor.unitId === unitId ? null : rejection('CASE_NOT_AUTHORIZED_UNIT', { unitId: actor.unitId ?? null, required: unitId ?? null });
}
