import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Same matter decided by the registrar: each case lists its links to other cases (re-filing after closure, link /
 * unlink), and keeps the pseudonymous facts the registrar's suggestions compare: respondent_ref (HMAC of respondent
 * and category) and content_sketch (keyed MinHash of the summary, no text). Cases registered before this change had
 * matter_ref = HMAC of respondent and category, which is exactly respondent_ref: copied over.
 */
export class RelatedCases1767830437000 implements MigrationInterface {
  name = 'RelatedCases1767830437000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases
      ADD COLUMN related_cases  jsonb NOT NULL DEFAULT '[]'::jsonb,
      ADD COLUMN respondent_ref text,
      ADD COLUMN content_sketch integer[]`);
    await q.query(`UPDATE cases SET respondent_ref = matter_ref WHERE matter_ref IS NOT NULL`);
    await q.query(`CREATE INDEX cases_respondent_ref ON cases (respondent_ref) WHERE respondent_ref IS NOT NULL`);
    await q.query(`CREATE INDEX cases_petitioner_ref ON cases (petitioner_ref) WHERE petitioner_ref IS NOT NULL`);
    await q.query(`CREATE INDEX cases_related_cases ON cases USING gin (related_cases jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_related_cases`);
    await q.query(`DROP INDEX cases_petitioner_ref`);
    await q.query(`DROP INDEX cases_respondent_ref`);
    await q.query(`ALTER TABLE cases DROP COLUMN related_cases, DROP COLUMN respondent_ref, DROP COLUMN content_sketch`);
  }
}
