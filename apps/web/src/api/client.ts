import { authHeaders, signOut } from './session';

/** A refusal of the API: its stable code and its own zh-CN / English message (and the fields it named). */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly problems: { path: string; message?: string; messageZh?: string; messageEn?: string }[];
  constructor(status: number, body: unknown) {
    const e = ((body as { error?: Record<string, unknown> } | null)?.error ?? {}) as Record<string, unknown>;
    super(String(e.messageEn ?? `HTTP ${status}`));
    this.status = status;
    this.code = String(e.code ?? `HTTP_${status}`);
    this.zh = String(e.message ?? '');
    this.en = String(e.messageEn ?? '');
    const details = e.details as { problems?: ApiFailure['problems'] } | undefined;
    this.problems = details?.problems ?? [];
  }
}

export const onSignedOut: { handler: (() => void) | null } = { handler: null };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(path, {
    method, cache: 'no-store',
    headers: { ...authHeaders(), ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let parsed: unknown = null;
    try { parsed = await res.json(); } catch { /* not JSON */ }
    if (res.status === 401) { signOut(); onSignedOut.handler?.(); }
    throw new ApiFailure(res.status, parsed);
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await call('GET', path)).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ body: T; replayed: boolean }> {
  const res = await call('POST', path, body, headers);
  const text = await res.text();
  return { body: (text ? JSON.parse(text) : null) as T, replayed: res.headers.get('idempotent-replayed') === 'true' };
}

export async function getBlob(path: string): Promise<Blob> {
  return (await call('GET', path)).blob();
}

export async function getText(path: string): Promise<string> {
  return (await call('GET', path)).text();
}

/** Settles each request on its own: a 403 on one panel must not blank the others. */
export async function settle<T extends Record<string, Promise<unknown>>>(jobs: T): Promise<{ [K in keyof T]: { ok: true; value: Awaited<T[K]> } | { ok: false; error: ApiFailure } }> {
  const entries = await Promise.all(Object.entries(jobs).map(async ([k, p]) => {
    try { return [k, { ok: true, value: await p }] as const; } catch (e) {
      return [k, { ok: false, error: e instanceof ApiFailure ? e : new ApiFailure(0, { error: { code: 'NETWORK', message: String(e), messageEn: String(e) } }) }] as const;
    }
  }));
  return Object.fromEntries(entries) as never;
}
