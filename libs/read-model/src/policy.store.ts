import type { DataSource } from 'typeorm';
import { type PolicyChange, type SupervisionPolicy, diffPolicies, nationalDefaultPolicy } from '@petitions/domain';

export interface PublishedPolicy {
  policyId: string;
  version: number;
  document: SupervisionPolicy;
  publishedBy: string;
  publishedAt: string;
  changes: PolicyChange[];
  note: string | null;
  adoptOpenCases: boolean;
}

const COLUMNS = `policy_id AS "policyId", version, document, published_by AS "publishedBy", published_at AS "publishedAt",
  changes, note, adopt_open_cases AS "adoptOpenCases"`;

const normalise = (row: Record<string, unknown>): PublishedPolicy => ({
  ...(row as unknown as PublishedPolicy),
  publishedAt: row.publishedAt instanceof Date ? row.publishedAt.toISOString() : (row.publishedAt as string),
});

/**
 * Supervision policies as versioned data. Publishing never edits a version: it appends the next one with who,
 * when and what changed against the previous version (or against the national default for a new policy).
 */
export class PolicyStore {
  constructor(private readonly ds: DataSource) {}

  /** `document` must already be validated (validatePolicyDocument); its version is assigned here. */
  async publish(input: { document: SupervisionPolicy; publishedBy: string; note?: string; adoptOpenCases: boolean }): Promise<PublishedPolicy> {
    return this.ds.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 2))', [input.document.id]);
      const [previous] = await tx.query(`SELECT ${COLUMNS} FROM policy_versions WHERE policy_id = $1 ORDER BY version DESC LIMIT 1`, [input.document.id]);
      const base: SupervisionPolicy = previous ? (previous.document as SupervisionPolicy) : nationalDefaultPolicy;
      const version = previous ? Number(previous.version) + 1 : Math.max(1, input.document.version);
      const document: SupervisionPolicy = { ...input.document, version };
      const changes = diffPolicies(base, document).filter((c) => c.path !== 'version');
      const [row] = await tx.query(
        `INSERT INTO policy_versions (policy_id, version, document, published_by, changes, note, adopt_open_cases)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [document.id, version, JSON.stringify(document), input.publishedBy, JSON.stringify(changes), input.note ?? null, input.adoptOpenCases]);
      return normalise(row);
    });
  }

  /** The latest version of every published policy (the national default is built in and not listed). */
  async current(): Promise<SupervisionPolicy[]> {
    const rows = await this.ds.query(`SELECT DISTINCT ON (policy_id) document FROM policy_versions ORDER BY policy_id, version DESC`);
    return rows.map((r: { document: SupervisionPolicy }) => r.document);
  }

  async versions(policyId: string): Promise<PublishedPolicy[]> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM policy_versions WHERE policy_id = $1 ORDER BY version`, [policyId]);
    return rows.map(normalise);
  }

  async get(policyId: string, version: number): Promise<PublishedPolicy | null> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM policy_versions WHERE policy_id = $1 AND version = $2`, [policyId, version]);
    return row ? normalise(row) : null;
  }
}
