import type { DecideContext } from './case.context';
import { nextDeadline } from './case.deadlines';
import type { CaseState } from './case.state';
import type { AlarmKey, CaseStatus, CaseStep, ClosureReason, PetitionKind } from './case.types';

/** Small, projection-friendly view (e.g. Temporal search attributes). */
export interface CaseSummary {
  caseId: string | null;
  status: CaseStatus;
  step: CaseStep;
  kind: PetitionKind | null;
  category: string | null;
  regionCode: string | null;
  /** The township (9 digits) when the registration named one, else null. */
  townshipCode: string | null;
  leadUnitId: string | null;
  /** Any pending key: a deadline, a warning, an escalation rung or a feedback clock. */
  nextDeadlineKey: AlarmKey | null;
  nextDeadlineAt: string | null;
  breachCount: number;
  closureReason: ClosureReason | null;
}

export function caseSummary(state: CaseState, ctx?: DecideContext): CaseSummary {
  const next = nextDeadline(state, ctx);
  return {
    caseId: state.caseId,
    status: state.status,
    step: state.step,
    kind: state.petition?.kind ?? null,
    category: state.petition?.category ?? null,
    regionCode: state.petition?.regionCode ?? null,
    townshipCode: state.petition?.townshipCode ?? null,
    leadUnitId: state.assignment?.leadUnitId ?? null,
    nextDeadlineKey: next?.key ?? null,
    nextDeadlineAt: next?.dueAt ?? null,
    breachCount: state.breaches.length,
    closureReason: state.closure?.reason ?? null,
  };
}
