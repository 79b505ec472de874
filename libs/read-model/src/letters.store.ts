import type { DataSource } from 'typeorm';

export interface LetterToStore {
  caseId: string;
  /** The escalation that caused the letter (unique per case): a retried activity finds the same letter. */
  escalationKey: string;
  kind: string;
  issuingBody: string;
  year: number;
  recipientUnit: string;
  deadlineKey: string;
  issuedAt: string;
  feedbackDueAt: string | null;
}

export interface StoredLetter {
  letterId: string;
  caseId: string;
  escalationKey: string;
  kind: string;
  issuingBody: string;
  year: number;
  seqNo: number;
  letterNo: string;
  recipientUnit: string;
  deadlineKey: string;
  issuedAt: string;
  feedbackDueAt: string | null;
}

const COLUMNS = `letter_id AS "letterId", case_id AS "caseId", escalation_key AS "escalationKey", kind, issuing_body AS "issuingBody",
  year, seq_no AS "seqNo", letter_no AS "letterNo", recipient_unit AS "recipientUnit", deadline_key AS "deadlineKey",
  issued_at AS "issuedAt", feedback_due_at AS "feedbackDueAt"`;

/** Letters with official numbers: the number is allocated and the letter stored in one transaction, once. */
export class LettersStore {
  constructor(private readonly ds: DataSource) {}

  async issue(letter: LetterToStore, render: (seqNo: number) => Promise<{ letterNo: string; html: string; pdf: Buffer }>): Promise<StoredLetter> {
    return this.ds.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [`${letter.caseId}|${letter.escalationKey}`]);
      const [existing] = await tx.query(`SELECT ${COLUMNS} FROM letters WHERE case_id = $1 AND escalation_key = $2`, [letter.caseId, letter.escalationKey]);
      if (existing) return normalise(existing);
      // The sequence row is locked by the UPDATE, so numbers per body and year have no gaps and no duplicates.
      const [{ last_no: seqNo }] = await tx.query(
        `INSERT INTO letter_sequences (issuing_body, year, last_no) VALUES ($1, $2, 1)
         ON CONFLICT (issuing_body, year) DO UPDATE SET last_no = letter_sequences.last_no + 1 RETURNING last_no`,
        [letter.issuingBody, letter.year]);
      const rendered = await render(seqNo);
      const [row] = await tx.query(
        `INSERT INTO letters (case_id, escalation_key, kind, issuing_body, year, seq_no, letter_no, recipient_unit, deadline_key,
           issued_at, feedback_due_at, html, pdf)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
        [letter.caseId, letter.escalationKey, letter.kind, letter.issuingBody, letter.year, seqNo, rendered.letterNo,
          letter.recipientUnit, letter.deadlineKey, letter.issuedAt, letter.feedbackDueAt, rendered.html, rendered.pdf]);
      return normalise(row);
    });
  }

  async list(filter: { caseId?: string; unitId?: string; limit?: number; offset?: number }): Promise<StoredLetter[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.caseId) { params.push(filter.caseId); where.push(`case_id = $${params.length}`); }
    if (filter.unitId) { params.push(filter.unitId); where.push(`recipient_unit = $${params.length}`); }
    params.push(Math.min(filter.limit ?? 50, 500), filter.offset ?? 0);
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY issued_at DESC, letter_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return rows.map(normalise);
  }

  async document(letterId: string, format: 'html' | 'pdf'): Promise<{ letter: StoredLetter; body: string | Buffer } | null> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS}, ${format} AS body FROM letters WHERE letter_id = $1`, [letterId]);
    return row ? { letter: normalise(row), body: row.body } : null;
  }
}

function normalise(row: Record<string, unknown>): StoredLetter {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
  return { ...(row as unknown as StoredLetter), letterId: String(row.letterId), issuedAt: iso(row.issuedAt)!, feedbackDueAt: iso(row.feedbackDueAt) };
}
