import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of registrations (POST /petitions), shared by every API process. A row holds no personal
 * data: the key and the request body are kept only as HMACs, the response is the case id, outcome and event types.
 */
export class IdempotencyKeys1767657600000 implements MigrationInterface {
  name = 'IdempotencyKeys1767657600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope         text        NOT NULL,
        actor_id      text        NOT NULL,
        key_hash      text        NOT NULL,
        request_hash  text        NOT NULL,
        state         text        NOT NULL CHECK (state IN ('in_progress', 'completed')),
        owner_token   text        NOT NULL,
        locked_until  timestamptz NOT NULL,
        status_code   integer,
        response      jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        completed_at  timestamptz,
        expires_at    timestamptz NOT NULL,
        PRIMARY KEY (scope, actor_id, key_hash)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
