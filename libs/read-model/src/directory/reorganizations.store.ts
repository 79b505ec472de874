import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type ReorganizationKind, type ReorganizationProblem, type ReorganizationRequest, planReorganization, successorOf } from './reorganization.model';
import { UnitDirectory } from './unit-directory.store';

export interface ReorganizationRecord {
  reorganizationId: string;
  kind: ReorganizationKind;
  unitIds: string[];
  successorId: string | null;
  details: Record<string, unknown>;
  effectiveFrom: string;
  decidedBy: string;
  decidedAt: string;
  reason: string;
  rolloutWorkflowId: string | null;
}

const COLUMNS = `reorganization_id AS "reorganizationId", kind, unit_ids AS "unitIds", successor_id AS "successorId", details,
  effective_from AS "effectiveFrom", decided_by AS "decidedBy", decided_at AS "decidedAt", reason, rollout_workflow_id AS "rolloutWorkflowId"`;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string));
const normalise = (r: Record<string, unknown>): ReorganizationRecord =>
  ({ ...(r as unknown as ReorganizationRecord), effectiveFrom: iso(r.effectiveFrom), decidedAt: iso(r.decidedAt) });

/**
 * 机构改革 (owner of org_reorganizations): merge, rename, move and close as directory operations. Each is one record
 * (who, when, why, from when) and the unit versions it appends (through UnitDirectory, in the same transaction). The
 * open cases of a merged or closed unit are moved to its successor by the unitSuccession rollout started by the API.
 */
export class Reorganizations {
  private readonly units: UnitDirectory;
  constructor(private readonly ds: DataSource) {
    this.units = new UnitDirectory(ds);
  }

  async record(request: ReorganizationRequest, by: { decidedBy: string; reason: string; effectiveFrom?: string }):
    Promise<{ ok: true; record: ReorganizationRecord; versions: { updated: string[] } } | { ok: false; problems: ReorganizationProblem[] }> {
    const effectiveFrom = by.effectiveFrom ?? new Date().toISOString();
    return this.ds.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 5))', ['org-units']);
      const current = new Map((await this.units.list()).map((u) => [u.id, u]));
      const plan = planReorganization(request, current, effectiveFrom);
      if (!plan.ok) return plan;
      const id = `reorg-${randomUUID()}`;
      const versions = await this.units.import(plan.changes, { changedBy: by.decidedBy, reason: `${by.reason}（${id}）`, effectiveFrom }, tx);
      const unitIds = request.kind === 'merge' ? request.unitIds : [request.unitId];
      const { kind, ...rest } = request as ReorganizationRequest & Record<string, unknown>;
      const [row] = await tx.query(
        `INSERT INTO org_reorganizations (reorganization_id, kind, unit_ids, successor_id, details, effective_from, decided_by, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [id, kind, unitIds, successorOf(request), JSON.stringify(rest), effectiveFrom, by.decidedBy, by.reason]);
      return { ok: true as const, record: normalise(row), versions: { updated: versions.updated } };
    });
  }

  /** The rollout moving the open cases of the abolished units (recorded once started). */
  async setRollout(reorganizationId: string, workflowId: string): Promise<void> {
    await this.ds.query('UPDATE org_reorganizations SET rollout_workflow_id = $2 WHERE reorganization_id = $1', [reorganizationId, workflowId]);
  }

  async list(): Promise<ReorganizationRecord[]> {
    return (await this.ds.query(`SELECT ${COLUMNS} FROM org_reorganizations ORDER BY decided_at, reorganization_id`)).map(normalise);
  }

  async get(id: string): Promise<ReorganizationRecord | null> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM org_reorganizations WHERE reorganization_id = $1`, [id]);
    return row ? normalise(row) : null;
  }

  /**
   * Open cases in which the unit still has a role (lead, co-unit, a pending review or re-review body), in case-id order
   * after the cursor. The case itself decides (a case routed elsewhere since refuses the transfer).
   */
  async openCasesOfUnitAfter(unitId: string, afterCaseId: string | null, limit: number): Promise<string[]> {
    const rows: { case_id: string }[] = await this.ds.query(
      `SELECT c.case_id FROM cases c WHERE c.status = 'open' AND c.case_id > $2 AND (c.lead_unit_id = $1 OR $1 = ANY(c.co_unit_ids)
         OR (c.step IN ('review', 're_review') AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.case_id
           AND e.type IN ('ReviewRequested', 'ReReviewRequested') AND $1 IN (e.payload->>'reviewUnitId', e.payload->>'reReviewUnitId'))))
       ORDER BY c.case_id LIMIT $3`, [unitId, afterCaseId ?? '', Math.min(limit, 1000)]);
    return rows.map((r) => r.case_id);
  }
}

