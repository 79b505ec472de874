import { createHmac, randomBytes } from 'node:crypto';

const digest = (secret: string, value: string, length: number): string =>
  createHmac('sha256', secret).update(value).digest('hex').slice(0, length);

const normalise = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * The pseudonymous petitioner reference: identity number, else name + phone; an anonymous petition gets a fresh
 * one (it matches nobody). An HMAC: no personal data is recoverable.
 */
export function petitionerRefOf(secret: string, petitioner: { name: string; idNumber?: string; phone?: string }): string {
  const who = petitioner.idNumber
    ? `id:${petitioner.idNumber.toUpperCase()}`
    : petitioner.phone ? `np:${normalise(petitioner.name)}|${petitioner.phone}` : `anon:${randomBytes(16).toString('hex')}`;
  return `p-${digest(secret, who, 16)}`;
}

/**
 * Respondent + category, for suggestions only (never decides "same matter"). The formula of the matterRef of cases
 * registered before the registrar decided the matter, so those cases match too.
 */
export function respondentRefOf(secret: string, respondent: { description: string }, category: string): string {
  return `m-${digest(secret, `${normalise(respondent.description)}|${category}`, 16)}`;
}

/**
 * The key of a NEW case (its id is `petition-<key>`, 20 hex digits). With an Idempotency-Key it is derived from the
 * request's Temporal Update id (actor, key and body), so a retry, or a re-run of an import after the key expired,
 * reaches the same case; without one it is random. Case ids no longer encode petitioner or matter: a second petition
 * of the same person against the same respondent is a new case unless the registrar files it as a repeat.
 */
export function newCaseKey(secret: string, updateId?: string): string {
  return updateId ? digest(secret, `case-id|${updateId}`, 20) : randomBytes(10).toString('hex');
}

/** A new case's own matter reference: its matter is its own until the registrar links it to another case. */
export function ownMatterRefOf(secret: string, caseKey: string): string {
  return `m-${digest(secret, `matter|${caseKey}`, 16)}`;
}
