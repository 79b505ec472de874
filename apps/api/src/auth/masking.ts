import type { PetitionerDetails } from '@petitions/contracts';

/**
 * Roles that see a petitioner in full: the registrar who filed the petition and the responsible unit's staff who
 * must reach the petitioner (written notice, reply). Everyone else sees masked identifiers.
 */
export const FULL_PETITIONER_ROLES: readonly string[] = ['registrar', 'handler', 'unit_head'];

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

export function petitionerFor(role: string, p: PetitionerDetails): PetitionerView {
  if (FULL_PETITIONER_ROLES.includes(role)) return { ...p, masked: false };
  return {
    name: maskName(p.name),
    ...(p.idNumber ? { idNumber: maskIdNumber(p.idNumber) } : {}),
    ...(p.phone ? { phone: maskPhone(p.phone) } : {}),
    ...(p.address ? { address: maskAddress(p.address) } : {}),
    ...(p.summary !== undefined ? { summary: p.summary } : {}),
    masked: true,
  };
}
