import type { BreachWithdrawn } from '@petitions/domain';
import type { CaseRow, LedgerChange } from './case-row.projection';

const iso = (t: string): string => new Date(Date.parse(t)).toISOString();

/** The step columns that mirror a clock's due time. */
export function withStepDue(r: CaseRow, key: string, dueAt: string | null): CaseRow {
  if (key === 'handling') return { ...r, handlingDueAt: dueAt === null ? null : iso(dueAt) };
  if (key === 'acceptance') return { ...r, acceptanceDueAt: dueAt === null ? null : iso(dueAt) };
  return r;
}

/**
 * A published holiday arrangement showed the deadline was not missed: the breach (and the feedback breaches of the
 * letters it caused) leave the ledger and the counts, the clock runs again to its corrected due time, the letters'
 * feedback clocks end (letters.projection marks the letters withdrawn).
 */
export function withdrawBreach(r: CaseRow, e: BreachWithdrawn, ledger: LedgerChange[]): CaseRow {
  const ds = { ...r.openDeadlines };
  const current = ds[e.deadlineKey];
  ledger.push({ kind: 'withdraw', caseId: r.caseId, deadlineKey: e.deadlineKey, dueAt: iso(e.previousDueAt), feedbackKeys: e.feedbackBreaches });
  ds[e.deadlineKey] = { dueAt: iso(e.newDueAt), unitId: current?.unitId ?? null, breachSeq: null, paused: current?.paused ?? false,
    warnedAt: current?.warnedAt ?? null, escalations: 0 };
  for (const k of e.feedbackKeys) delete ds[k];
  const breachCounts = { ...r.breachCounts };
  for (const k of [e.deadlineKey, ...e.feedbackBreaches]) {
    const n = (breachCounts[k] ?? 0) - 1;
    if (n > 0) breachCounts[k] = n;
    else delete breachCounts[k];
  }
  const breachCount = Math.max(0, r.breachCount - 1 - e.feedbackBreaches.length);
  return withStepDue({ ...r, breachCount, breachCounts, openDeadlines: ds }, e.deadlineKey, e.newDueAt);
}
