import type { Payload } from '@temporalio/common';
import type { PetitionerDetails } from '@petitions/contracts';

/** The petitioner's fields that are personal data, in the order the log lists them. */
export const PERSONAL_FIELDS = ['name', 'idNumber', 'phone', 'address', 'summary'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A petitioner's details: a `name` text and nothing but personal fields (what FilePetition, carried state and the query hold). */
export function isPetitionerDetails(v: unknown): v is PetitionerDetails {
  return isObject(v) && typeof v.name === 'string'
    && Object.keys(v).every((k) => (PERSONAL_FIELDS as readonly string[]).includes(k))
    && Object.values(v).every((x) => x === undefined || typeof x === 'string');
}

/** The fields a petitioner's details give (non-empty), in PERSONAL_FIELDS order. */
export const fieldsOf = (p: PetitionerDetails): string[] =>
  PERSONAL_FIELDS.filter((k) => typeof p[k] === 'string' && p[k] !== '');

export const samePetitioner = (a: PetitionerDetails, b: PetitionerDetails): boolean =>
  PERSONAL_FIELDS.every((k) => (a[k] ?? '') === (b[k] ?? ''));

/**
 * Personal data in a decoded JSON value: the value itself when it is a petitioner's details (the `petitioner` query's
 * answer), and every object held under a `petitioner` key (FilePetition arguments, the state a case carries over on
 * continue-as-new). Elsewhere the payloads hold pseudonymous references only (petitionerRef, matterRef, sketches).
 */
export function mapPersonalData(value: unknown, map: (p: PetitionerDetails) => unknown): { value: unknown; found: PetitionerDetails[] } {
  const found: PetitionerDetails[] = [];
  const walk = (v: unknown, key: string | null): unknown => {
    if ((key === null || key === 'petitioner') && isPetitionerDetails(v)) {
      found.push(v);
      return map(v);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return { value: walk(value, null), found };
}

const encodingOf = (p: Payload): string => Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString('utf8');

export interface ScannedPayload {
  payload: Payload;
  /** Personal data found in it (empty: none). */
  found: PetitionerDetails[];
  /** The case id the payload names at its top level (a workflow's input), if any. */
  caseId?: string;
  /** The same payload with every personal-data object replaced by `map`'s answer. */
  mapped: Payload;
}

/** Looks into one decoded payload (JSON only: the data converter writes json/plain; other encodings hold no details). */
export function scanPayload(payload: Payload, map: (p: PetitionerDetails) => unknown): ScannedPayload {
  if (encodingOf(payload) !== 'json/plain') return { payload, found: [], mapped: payload };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8'));
  } catch {
    return { payload, found: [], mapped: payload };
  }
  const { value, found } = mapPersonalData(json, map);
  const caseId = isObject(json) && typeof json.caseId === 'string' ? json.caseId : undefined;
  const mapped = found.length ? { ...payload, data: Buffer.from(JSON.stringify(value), 'utf8') } : payload;
  return { payload, found, mapped, ...(caseId ? { caseId } : {}) };
}
