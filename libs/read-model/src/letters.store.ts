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
  /** A recommendation's addressee (superior or discipline body) and copy line; absent: addressed to recipientUnit. */
  addresseeUnit?: string | null;
  copyTo?: string[];
}

/**
 * awaiting / submitted / accepted / returned / answered / not_required, 'overdue' (awaiting or returned past due), and
 * 'withdrawn' (the letter was withdrawn with its breach: nothing is due).
 */
export type LetterFeedbackStatus = 'not_required' | 'awaiting' | 'submitted' | 'accepted' | 'returned' | 'answered' | 'overdue' | 'withdrawn';

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
  feedbackState: LetterFeedbackStatus;
  addresseeUnit: string | null;
  copyTo: string[];
  feedbackRound: number;
  feedback: { at: string | null; by: string | null; summary: string | null; measures: string | null; documentNo: string | null; attachments: string[] };
  review: { outcome: string | null; reason: string | null; at: string | null; by: string | null };
  adoption: { outcome: string | null; reason: string | null; documentNo: string | null; at: string | null };
  /** 'withdrawn' (已撤回) once the breach that caused the letter was withdrawn (docs/calendar-years.md). */
  status: 'issued' | 'withdrawn';
  withdrawal: { at: string; reason: string | null } | null;
}

/** Who answers: a recommendation's addressee, else the letter's recipient. */
const ANSWERING_UNIT = 'COALESCE(addressee_unit, recipient_unit)';
const STATUS = `CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN feedback_state IN ('awaiting', 'returned') AND feedback_due_at < now() THEN 'overdue' ELSE feedback_state END`;

const COLUMNS = `letter_id AS "letterId", case_id AS "caseId", escalation_key AS "escalationKey", kind, issuing_body AS "issuingBody",
  year, seq_no AS "seqNo", letter_no AS "letterNo", recipient_unit AS "recipientUnit", deadline_key AS "deadlineKey",
  issued_at AS "issuedAt", feedback_due_at AS "feedbackDueAt", ${STATUS} AS "feedbackState", addressee_unit AS "addresseeUnit",
  copy_to AS "copyTo", feedback_round AS "feedbackRound", feedback_at, feedback_by, feedback_summary, feedback_measures, feedback_doc_no,
  feedback_attachments, review_outcome, review_reason, reviewed_at, reviewed_by, adoption_outcome, adoption_reason, adoption_doc_no, adopted_at,
  withdrawn_at, withdrawal_reason`;

/** Letters waiting on someone: the unit's answer (awaiting/returned/overdue) or the office's review (submitted). */
export type LetterAwaiting = 'feedback' | 'review';

/** Letters with official numbers: the number is allocated and the letter stored in one transaction, once. */
export class LettersStore {
  constructor(private readonly ds: DataSource) {}

  async issue(letter: LetterToStore, render: (seqNo: number) => Promise<{ letterNo: string; html: string; pdf: Buffer; model?: unknown }>): Promise<StoredLetter> {
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
           issued_at, feedback_due_at, html, pdf, feedback_state, addressee_unit, copy_to, model)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING ${COLUMNS}`,
        [letter.caseId, letter.escalationKey, letter.kind, letter.issuingBody, letter.year, seqNo, rendered.letterNo,
          letter.recipientUnit, letter.deadlineKey, letter.issuedAt, letter.feedbackDueAt, rendered.html, rendered.pdf,
          letter.feedbackDueAt === null ? 'not_required' : 'awaiting', letter.addresseeUnit ?? null, letter.copyTo ?? [],
          rendered.model === undefined ? null : JSON.stringify(rendered.model)]);
      return normalise(row);
    });
  }

  /**
   * Letters by case or unit (a unit sees letters addressed or copied to it); `awaiting: 'feedback'` the ones its
   * addressee still has to answer (with unitId: the unit's "letters to answer"), `awaiting: 'review'` the feedback the
   * supervision office has to review.
   */
  async list(filter: { caseId?: string; unitId?: string; awaiting?: LetterAwaiting; limit?: number; offset?: number }): Promise<StoredLetter[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.caseId) { params.push(filter.caseId); where.push(`case_id = $${params.length}`); }
    if (filter.unitId && filter.awaiting === 'feedback') {
      params.push(filter.unitId); where.push(`${ANSWERING_UNIT} = $${params.length}`);
    } else if (filter.unitId) {
      params.push(filter.unitId); where.push(`(recipient_unit = $${params.length} OR addressee_unit = $${params.length})`);
    }
    if (filter.awaiting === 'feedback') where.push(`feedback_state IN ('awaiting', 'returned') AND withdrawn_at IS NULL`);
    if (filter.awaiting === 'review') where.push(`feedback_state = 'submitted' AND withdrawn_at IS NULL`);
    params.push(Math.min(filter.limit ?? 50, 500), filter.offset ?? 0);
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY issued_at DESC, letter_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return rows.map(normalise);
  }

  /** One letter by its id or by its number (文号). */
  async find(ref: { letterId?: string; letterNo?: string }): Promise<StoredLetter | null> {
    const [row] = ref.letterId
      ? await this.ds.query(`SELECT ${COLUMNS} FROM letters WHERE letter_id = $1`, [ref.letterId])
      : await this.ds.query(`SELECT ${COLUMNS} FROM letters WHERE letter_no = $1 ORDER BY letter_id DESC LIMIT 1`, [ref.letterNo]);
    return row ? normalise(row) : null;
  }

  /** The stored document, and the letter's model (null for letters issued before it was kept). */
  async document(letterId: string, format: 'html' | 'pdf'): Promise<{ letter: StoredLetter; body: string | Buffer; model: unknown } | null> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS}, ${format} AS body, model FROM letters WHERE letter_id = $1`, [letterId]);
    return row ? { letter: normalise(row), body: row.body, model: row.model ?? null } : null;
  }
}

function normalise(row: Record<string, unknown>): StoredLetter {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    letterId: String(row.letterId), caseId: row.caseId as string, escalationKey: row.escalationKey as string, kind: row.kind as string,
    issuingBody: row.issuingBody as string, year: Number(row.year), seqNo: Number(row.seqNo), letterNo: row.letterNo as string,
    recipientUnit: row.recipientUnit as string, deadlineKey: row.deadlineKey as string, issuedAt: iso(row.issuedAt)!,
    feedbackDueAt: iso(row.feedbackDueAt), feedbackState: row.feedbackState as LetterFeedbackStatus, addresseeUnit: str(row.addresseeUnit),
    copyTo: (row.copyTo as string[] | null) ?? [], feedbackRound: Number(row.feedbackRound ?? 1),
    feedback: { at: iso(row.feedback_at), by: str(row.feedback_by), summary: str(row.feedback_summary), measures: str(row.feedback_measures),
      documentNo: str(row.feedback_doc_no), attachments: (row.feedback_attachments as string[] | null) ?? [] },
    review: { outcome: str(row.review_outcome), reason: str(row.review_reason), at: iso(row.reviewed_at), by: str(row.reviewed_by) },
    adoption: { outcome: str(row.adoption_outcome), reason: str(row.adoption_reason), documentNo: str(row.adoption_doc_no), at: iso(row.adopted_at) },
    status: row.withdrawn_at ? 'withdrawn' : 'issued',
    withdrawal: row.withdrawn_at ? { at: iso(row.withdrawn_at)!, reason: str(row.withdrawal_reason) } : null,
  };
}
