import type { EventEnvelope } from './case.events';

/** Where the abolished unit stood on the case when its successor took over. */
export type SucceededRole = 'lead' | 'co' | 'review' | 're_review';

/**
 * 机构改革: the unit answerable on this case was merged into or closed in favour of another (its successor), which
 * takes over every role the old unit had on the case. Due times are not touched: the successor inherits the clocks as
 * they stand (same due times), only the unit answerable for them changes. Recorded by the reorganization rollout.
 */
export interface UnitSucceeded extends EventEnvelope {
  type: 'UnitSucceeded';
  fromUnitId: string;
  toUnitId: string;
  /** The directory's reorganization record (who decided it, when, why). */
  reorganizationId: string;
  roles: SucceededRole[];
}
