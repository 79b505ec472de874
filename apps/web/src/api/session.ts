import { computed, reactive } from 'vue';

/** A signed token, or (where the API allows developer headers) a demo identity sent as X-Actor-* headers. */
export type Credentials = { kind: 'token'; token: string } | { kind: 'dev'; id: string; role: string; unit?: string };
export interface Who { id: string; role: string; unit?: string }

// Credentials live for the browser tab only (sessionStorage), never in localStorage.
const KEY = 'petitions.workbench.auth';

function read(): Credentials | null {
  try { return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Credentials | null; } catch { return null; }
}

export const session = reactive<{ credentials: Credentials | null }>({ credentials: read() });

export function signIn(c: Credentials): void {
  session.credentials = c;
  sessionStorage.setItem(KEY, JSON.stringify(c));
}

export function signOut(): void {
  session.credentials = null;
  sessionStorage.removeItem(KEY);
}

/** Who the page acts as, for choosing views only: the API decides what each role may see and do. */
export const who = computed<Who | null>(() => {
  const c = session.credentials;
  if (!c) return null;
  if (c.kind === 'dev') return { id: c.id, role: c.role, ...(c.unit ? { unit: c.unit } : {}) };
  try {
    const payload = JSON.parse(atob(c.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    return { id: String(payload.sub ?? ''), role: String(payload.role ?? ''), ...(payload.unit ? { unit: String(payload.unit) } : {}) };
  } catch { return { id: '?', role: '' }; }
});

export function authHeaders(): Record<string, string> {
  const c = session.credentials;
  if (!c) return {};
  if (c.kind === 'token') return { authorization: `Bearer ${c.token}` };
  return { 'x-actor-id': c.id, 'x-actor-role': c.role, ...(c.unit ? { 'x-actor-unit': c.unit } : {}) };
}

export const UNIT_ROLES = ['handler', 'unit_head'];
export const BUREAU_ROLES = ['supervisor', 'leader', 'auditor', 'admin'];
