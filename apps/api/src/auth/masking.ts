import type { PetitionerDetails } from '@petitions/contracts';

/**
 * Masked forms of a petitioner's identifiers. Who sees them in clear is decided by the one personal-data access rule
 * (apps/api/src/personal-data/personal-data.rule.ts); everyone else sees these.
 */

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** 李秀英 → 李**; 欧阳 → 欧*. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + stars(chars.length - 1);
}

/** 310104198805061234 → 310***********1234 (region prefix and the last four kept). */
export function maskIdNumber(id: string): string {
  const c = [...id];
  if (c.length <= 7) return stars(c.length);
  return c.slice(0, 3).join('') + stars(c.length - 7) + c.slice(-4).join('');
}

/** 13912345678 → 139****5678. */
export function maskPhone(phone: string): string {
  const c = [...phone];
  if (c.length <= 7) return stars(c.length);
  return c.slice(0, 3).join('') + stars(c.length - 7) + c.slice(-4).join('');
}

/** Keeps the first six characters (district, street) of an address. */
export function maskAddress(address: string): string {
  const c = [...address];
  return c.length <= 6 ? stars(c.length) : c.slice(0, 6).join('') + stars(Math.min(8, c.length - 6));
}

export type PetitionerView = PetitionerDetails & { masked: boolean };

/** In clear: only after the access rule allowed it and the read was logged. */
export const clearPetitioner = (p: PetitionerDetails): PetitionerView => ({ ...p, masked: false });

/**
 * Masked identifiers, and no summary: the petition's own text names people and places, so it is personal data
 * too and is given only in clear, under the rule.
 */
export function maskedPetitioner(p: PetitionerDetails): PetitionerView {
  return {
    name: maskName(p.name),
    ...(p.idNumber ? { idNumber: maskIdNumber(p.idNumber) } : {}),
    ...(p.phone ? { phone: maskPhone(p.phone) } : {}),
    ...(p.address ? { address: maskAddress(p.address) } : {}),
    masked: true,
  };
}
