import type { CaseEvent } from '@petitions/domain';
import type { CaseRow } from './case-row.projection';

/** The event's provisional marks (clock key → missing years) on the deadlines it opened or moved; [] makes one final. */
export function withProvisional(r: CaseRow, e: CaseEvent): CaseRow {
  if (!e.provisional) return r;
  const ds = { ...r.openDeadlines };
  for (const [key, years] of Object.entries(e.provisional)) {
    const d = ds[key];
    if (d) ds[key] = { ...d, provisionalYears: [...years] };
  }
  return { ...r, openDeadlines: ds };
}
