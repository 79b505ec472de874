import type { Request } from 'express';
import type { IdempotencyStore } from './idempotency.store';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.store';
import { registrationSchema } from './petition.schemas';

/** The idempotency scope of registrations (POST /petitions). */
export const REGISTRATION_SCOPE = 'POST /petitions';

/**
 * Whether a registration request only replays one already answered (same actor, Idempotency-Key and body, completed
 * and not expired): such a request files nothing, so the rate limiter does not charge it. Anything else (no key,
 * a malformed key or body, a key in progress or used for another body) is not a replay and is charged.
 */
export async function isRegistrationReplay(store: IdempotencyStore, req: Request, actorId: string): Promise<boolean> {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) return false;
  const parsed = registrationSchema.safeParse(req.body);
  if (!parsed.success) return false;
  return store.isCompleted(REGISTRATION_SCOPE, actorId, key, store.requestHash(REGISTRATION_SCOPE, parsed.data));
}
