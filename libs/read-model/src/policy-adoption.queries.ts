import type { DataSource } from 'typeorm';
import { type SupervisionPolicy, nationalDefaultPolicy } from '@petitions/domain';

/**
 * Which open cases a published version should reach: cases already under an earlier version of the same policy,
 * and cases under the national default that fall in the new policy's scope. Cases under another, more specific
 * policy keep theirs (they adopt only when that policy is republished).
 */
export async function listCasesForAdoption(ds: DataSource, policy: SupervisionPolicy, afterCaseId: string | null, limit: number): Promise<string[]> {
  const s = policy.scope ?? {};
  const params: unknown[] = [policy.id, nationalDefaultPolicy.id, afterCaseId ?? '', Math.min(limit, 1000)];
  const inScope: string[] = [];
  const add = (sql: string, value: unknown) => { params.push(value); inScope.push(sql.replace('?', `$${params.length}`)); };
  if (s.regionPrefixes?.length) add(`region_code LIKE ANY(?)`, s.regionPrefixes.map((p) => `${p}%`));
  if (s.categories?.length) add(`category = ANY(?)`, s.categories);
  if (s.channels?.length) add(`channel = ANY(?)`, s.channels);
  if (s.kinds?.length) add(`kind = ANY(?)`, s.kinds);
  const scope = inScope.length ? inScope.join(' AND ') : 'TRUE';
  const rows: { case_id: string }[] = await ds.query(
    `SELECT case_id FROM cases
      WHERE status = 'open' AND case_id > $3
        AND (policy_id = $1 OR (policy_id = $2 AND ${scope}))
      ORDER BY case_id LIMIT $4`, params);
  return rows.map((r) => r.case_id);
}
