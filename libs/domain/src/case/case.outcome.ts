import type { CaseCommand } from './case.commands';
import type { CaseEvent, EventEnvelope } from './case.events';
import { type CaseRejection, type CaseRejectionCode, rejection } from './case.rejections';

export type DecideResult = { ok: true; events: CaseEvent[] } | { ok: false; rejection: CaseRejection };

export function accept(...events: CaseEvent[]): DecideResult {
  return { ok: true, events };
}

export function reject(code: CaseRejectionCode, details?: Record<string, unknown>): DecideResult {
  return { ok: false, rejection: rejection(code, details) };
}

export function fromRejection(r: CaseRejection): DecideResult {
  return { ok: false, rejection: r };
}

/** Every event a command produces carries that command's who / when / why. */
export function envelope(cmd: CaseCommand): EventEnvelope {
  // Only id, role and unit: the event shape stays fixed whatever the caller attached to the actor.
  const { id, role, unitId } = cmd.actor;
  const e: EventEnvelope = { at: cmd.at, actor: unitId === undefined ? { id, role } : { id, role, unitId } };
  if (hasReason(cmd)) e.reason = cmd.reason;
  return e;
}

export function hasReason(cmd: CaseCommand): cmd is CaseCommand & { reason: string } {
  return typeof cmd.reason === 'string' && cmd.reason.trim().length > 0;
}
