import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence: each case's events form a hash chain (hash = sha256(prev_hash | seq | payload)), computed by
 * PostgreSQL itself so the writer and the auditor use one definition. The chain head the writer returns is also
 * recorded in Temporal's history (the projection activity's result), so rewriting PostgreSQL alone is caught.
 */
export class EventHashChain1767484800000 implements MigrationInterface {
  name = 'EventHashChain1767484800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION case_chain_genesis(case_id text) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT encode(sha256(convert_to('genesis|' || case_id, 'UTF8')), 'hex') $$`);
    await q.query(`CREATE OR REPLACE FUNCTION case_event_hash(prev_hash text, seq integer, payload jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT encode(sha256(convert_to(prev_hash || '|' || seq::text || '|' || payload::text, 'UTF8')), 'hex') $$`);
    await q.query(`ALTER TABLE case_events ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    // Chain the events already projected, case by case in seq order.
    await q.query(`
      DO $$
      DECLARE r record; prev text; last_case text := NULL;
      BEGIN
        FOR r IN SELECT case_id, seq, payload FROM case_events ORDER BY case_id, seq LOOP
          IF last_case IS DISTINCT FROM r.case_id THEN prev := case_chain_genesis(r.case_id); last_case := r.case_id; END IF;
          UPDATE case_events SET prev_hash = prev, hash = case_event_hash(prev, r.seq, r.payload) WHERE case_id = r.case_id AND seq = r.seq
            RETURNING hash INTO prev;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events DROP COLUMN prev_hash, DROP COLUMN hash`);
    await q.query(`DROP FUNCTION case_event_hash(text, integer, jsonb)`);
    await q.query(`DROP FUNCTION case_chain_genesis(text)`);
  }
}
