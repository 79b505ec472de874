import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The writer extends a case's hash chain in one call instead of one UPDATE per event: the same formula
 * (case_event_hash over the previous hash, seq and payload) applied in seq order, stopping at a missing event.
 * Returns the new head, or NULL when the chain cannot be extended (no earlier hash, or a gap).
 */
export class EventChainExtend1767744000000 implements MigrationInterface {
  name = 'EventChainExtend1767744000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION case_chain_extend(p_case_id text, p_from_seq integer, p_to_seq integer) RETURNS text
      LANGUAGE plpgsql AS $$
      DECLARE prev text; s integer;
      BEGIN
        IF p_to_seq = 0 THEN RETURN NULL; END IF;
        IF p_from_seq = 0 THEN
          prev := case_chain_genesis(p_case_id);
        ELSE
          SELECT e.hash INTO prev FROM case_events e WHERE e.case_id = p_case_id AND e.seq = p_from_seq;
        END IF;
        s := p_from_seq + 1;
        WHILE s <= p_to_seq AND prev IS NOT NULL LOOP
          UPDATE case_events e SET prev_hash = prev, hash = case_event_hash(prev, e.seq, e.payload)
            WHERE e.case_id = p_case_id AND e.seq = s RETURNING e.hash INTO prev;
          s := s + 1;
        END LOOP;
        RETURN prev;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION case_chain_extend(text, integer, integer)`);
  }
}
