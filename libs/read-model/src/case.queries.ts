import type { DataSource } from 'typeorm';
import { CaseEventEntity } from './case-event.entity';
import { CaseRowEntity } from './case-row.entity';

/** Reads for the API: one case with its event log. Supervision lists and reports grow here. */
export class CaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  findCase(caseId: string): Promise<CaseRowEntity | null> {
    return this.dataSource.getRepository(CaseRowEntity).findOneBy({ caseId });
  }

  listEvents(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }

  /**
   * Cases the registrar may mean by "same matter": same petitioner, or same respondent and category (pseudonymous
   * references only), latest first. Anonymous petitioners have a unique reference and so match by respondent only.
   */
  async findRelatedCandidates(petitionerRef: string, respondentRef: string, limit = 50): Promise<RelatedCandidateRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT case_id, status, closure_reason, registered_at, category, petitioner_ref, respondent_ref, content_sketch
         FROM cases WHERE petitioner_ref = $1 OR respondent_ref = $2
        ORDER BY registered_at DESC NULLS LAST, case_id LIMIT $3`, [petitionerRef, respondentRef, limit]);
    return rows.map((r) => ({
      caseId: r.case_id as string, status: r.status as string, closureReason: (r.closure_reason as string | null) ?? null,
      registeredAt: r.registered_at instanceof Date ? r.registered_at.toISOString() : (r.registered_at as string | null),
      category: r.category as string | null, petitionerRef: r.petitioner_ref as string | null,
      respondentRef: r.respondent_ref as string | null, contentSketch: (r.content_sketch as number[] | null) ?? null,
    }));
  }

  /** A case's matter reference (pseudonymous; not part of the case as the API shows it). */
  async matterRefOf(caseId: string): Promise<string | null> {
    const [r] = await this.dataSource.query('SELECT matter_ref FROM cases WHERE case_id = $1', [caseId]) as { matter_ref: string | null }[];
    return r?.matter_ref ?? null;
  }

  /** Cases that link to this one (their related_cases name it): the other side of a link. */
  async listLinkedFrom(caseId: string): Promise<{ caseId: string; via: string; linkedAt: string }[]> {
    const rows: { case_id: string; link: { via: string; linkedAt: string } }[] = await this.dataSource.query(
      `SELECT c.case_id, l AS link FROM cases c, jsonb_array_elements(c.related_cases) l
        WHERE c.related_cases @> jsonb_build_array(jsonb_build_object('caseId', $1::text)) AND l->>'caseId' = $1
        ORDER BY c.registered_at, c.case_id`, [caseId]);
    return rows.map((r) => ({ caseId: r.case_id, via: r.link.via, linkedAt: r.link.linkedAt }));
  }
}

export interface RelatedCandidateRow {
  caseId: string; status: string; closureReason: string | null; registeredAt: string | null; category: string | null;
  petitionerRef: string | null; respondentRef: string | null; contentSketch: number[] | null;
}
