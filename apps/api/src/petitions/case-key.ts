import { createHmac, randomUUID } from 'node:crypto';

export interface CaseKeys { caseKey: string; petitionerRef: string; matterRef: string }

const digest = (secret: string, value: string, length: number): string =>
  createHmac('sha256', secret).update(value).digest('hex').slice(0, length);

const normalise = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * Same petitioner + same matter ⇒ same case key, so a repeat petition joins the running case.
 * The petitioner is identified by identity number, else name + phone; an anonymous petition gets a fresh key.
 * The matter is the respondent and the content category. Keys are HMACs: no personal data is recoverable.
 */
export function deriveCaseKeys(secret: string, input: {
  petitioner: { name: string; idNumber?: string; phone?: string };
  respondent: { description: string };
  category: string;
}): CaseKeys {
  const who = input.petitioner.idNumber
    ? `id:${input.petitioner.idNumber.toUpperCase()}`
    : input.petitioner.phone ? `np:${normalise(input.petitioner.name)}|${input.petitioner.phone}` : `anon:${randomUUID()}`;
  const petitionerRef = `p-${digest(secret, who, 16)}`;
  const matterRef = `m-${digest(secret, `${normalise(input.respondent.description)}|${input.category}`, 16)}`;
  const caseKey = digest(secret, `${petitionerRef}|${matterRef}`, 20);
  return { caseKey, petitionerRef, matterRef };
}
