/** Columns line up in a terminal: CJK and full-width characters take two cells. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
      || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
      || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

export const padEnd = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** `label value` rows with the values in one column; rows whose value is undefined are left out. */
export function fieldRows(rows: readonly (readonly [string, string | undefined])[], indent = '  '): string[] {
  const shown = rows.filter((r): r is readonly [string, string] => r[1] !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => displayWidth(label)));
  return shown.map(([label, value]) => `${indent}${padEnd(label, width)}  ${value}`);
}

/** `reg-001 (registrar @ city-bureau)` */
export function formatActor(actor: { id?: string; role?: string; unitId?: string | null } | undefined | null): string {
  if (!actor || !actor.id) return '—';
  const role = actor.role ?? '?';
  return actor.unitId ? `${actor.id} (${role} @ ${actor.unitId})` : `${actor.id} (${role})`;
}

export const orDash = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));
