import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case list and the append-only domain-event log, keyed by (case_id, seq) so redelivery is a no-op. */
export class InitialReadModel1764547200000 implements MigrationInterface {
  name = 'InitialReadModel1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_events (
        case_id      text        NOT NULL,
        seq          integer     NOT NULL CHECK (seq > 0),
        type         text        NOT NULL,
        occurred_at  timestamptz NOT NULL,
        actor_id     text        NOT NULL,
        actor_role   text        NOT NULL,
        actor_unit   text,
        reason       text,
        payload      jsonb       NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, seq)
      )`);
    await q.query(`CREATE INDEX case_events_type_time ON case_events (type, occurred_at)`);
    await q.query(`
      CREATE TABLE cases (
        case_id             text        PRIMARY KEY,
        status              text        NOT NULL,
        step                text        NOT NULL,
        channel             text,
        kind                text,
        category            text,
        region_code         text,
        level               text,
        persons             integer     NOT NULL DEFAULT 1,
        lead_unit_id        text,
        co_unit_ids         text[]      NOT NULL DEFAULT '{}',
        leader_id           text,
        registered_at       timestamptz,
        routed_at           timestamptz,
        routing_mode        text,
        received_at         timestamptz,
        notified_at         timestamptz,
        accepted_at         timestamptz,
        acceptance_outcome  text,
        replied_at          timestamptz,
        closure_type        text,
        closed_at           timestamptz,
        closure_reason      text,
        satisfaction        text,
        repeat_count        integer     NOT NULL DEFAULT 0,
        breach_count        integer     NOT NULL DEFAULT 0,
        next_deadline_key   text,
        next_deadline_at    timestamptz,
        policy_id           text,
        policy_version      integer,
        last_seq            integer     NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX cases_status_deadline ON cases (status, next_deadline_at)`);
    await q.query(`CREATE INDEX cases_unit_status ON cases (lead_unit_id, status)`);
    await q.query(`CREATE INDEX cases_registered_at ON cases (registered_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP TABLE case_events`);
  }
}
