import { ApiResponseError, ApiUnreachableError, UnexpectedResponseError } from './cli-errors';
import type { CaseLiveViewJson, CaseReadModelJson, CommandOutcomeJson } from './api-types';

/** The part of `fetch` the client uses; global fetch fits, unit tests pass a fake. */
export type Transport = (url: string, init: TransportRequest) => Promise<TransportResponse>;
export interface TransportRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}
export interface TransportResponse {
  status: number;
  /** Response headers (fetch has them); read for Idempotent-Replayed, RateLimit-* and Retry-After. */
  headers?: { get(name: string): string | null };
  text(): Promise<string>;
  /** The raw body (fetch has it); used for documents such as letter PDFs. */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/** Who acts: sent as X-Actor-Id / X-Actor-Role / X-Actor-Unit. */
export interface ActorIdentity {
  id: string;
  role: string;
  unitId?: string;
}

export interface ApiClientOptions {
  baseUrl: string;
  transport: Transport;
  actor?: ActorIdentity;
  /** Abort after this long; 0 = never. */
  timeoutMs?: number;
}

/** A successful answer: the parsed JSON, its status, and what its headers say. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
  meta?: ResponseMeta;
}

/** What the API says in headers: a replayed idempotent answer, the registration budget (RateLimit-*), Retry-After. */
export interface ResponseMeta {
  replayed: boolean;
  rateLimit?: { limit: number; remaining: number; resetSeconds: number };
  retryAfterSeconds?: number;
}

const nonNegative = (v: string | null | undefined): number | undefined =>
  (v !== null && v !== undefined && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : undefined);

export function readMeta(headers: TransportResponse['headers']): ResponseMeta {
  const get = (name: string) => headers?.get(name) ?? null;
  const limit = nonNegative(get('ratelimit-limit'));
  const remaining = nonNegative(get('ratelimit-remaining'));
  const reset = nonNegative(get('ratelimit-reset'));
  const retryAfter = nonNegative(get('retry-after'));
  return {
    replayed: get('idempotent-replayed') === 'true',
    ...(limit !== undefined && limit > 0 && remaining !== undefined ? { rateLimit: { limit, remaining, resetSeconds: reset ?? 0 } } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** A thin client of the petitions HTTP API: one method per endpoint, typed errors for everything else. */
export class PetitionsApiClient {
  private readonly baseUrl: string;

  constructor(private readonly opts: ApiClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  }

  /** With an idempotency key the API answers a repeated request with the first one's outcome (safe to retry). */
  file(registration: unknown, opts: { idempotencyKey?: string } = {}): Promise<ApiAnswer<CommandOutcomeJson>> {
    return this.request('POST', '/petitions', registration, opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {});
  }

  show(caseId: string): Promise<ApiAnswer<CaseReadModelJson>> {
    return this.request('GET', `/petitions/${encodeURIComponent(caseId)}`);
  }

  live(caseId: string): Promise<ApiAnswer<CaseLiveViewJson>> {
    return this.request('GET', `/petitions/${encodeURIComponent(caseId)}/live`);
  }

  act(caseId: string, command: unknown): Promise<ApiAnswer<CommandOutcomeJson>> {
    return this.request('POST', `/petitions/${encodeURIComponent(caseId)}/commands`, command);
  }

  /** Any read endpoint (audit, supervision): same headers, timeout and error mapping as the named calls. */
  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.request('GET', path);
  }

  /** Any JSON endpoint taking a body (policies): same headers, timeout and error mapping as the named calls. */
  post<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.request('POST', path, body);
  }

  /** A document (letter PDF or HTML) as bytes; a refusal is mapped like any other answer. */
  async download(path: string): Promise<{ status: number; bytes: Uint8Array }> {
    const { status, body: bytes } = await this.send('GET', path, { accept: '*/*' }, undefined, async (res) =>
      (res.arrayBuffer ? new Uint8Array(await res.arrayBuffer()) : new TextEncoder().encode(await res.text())));
    if (status < 200 || status >= 300) throw toResponseError(status, parseJson(new TextDecoder().decode(bytes)));
    return { status, bytes };
  }

  private identify(headers: Record<string, string>): void {
    const token = process.env.PETITIONS_TOKEN;
    if (token) headers.authorization = `Bearer ${token}`;
    const { actor } = this.opts;
    if (actor) {
      headers['x-actor-id'] = actor.id;
      headers['x-actor-role'] = actor.role;
      if (actor.unitId) headers['x-actor-unit'] = actor.unitId;
    }
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const { status, body: { text, meta } } = await this.send(method, path, { accept: 'application/json', ...extraHeaders }, body,
      async (res) => ({ text: await res.text(), meta: readMeta(res.headers) }));
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) {
      if (parsed === undefined) throw new UnexpectedResponseError(status, 'body is not JSON');
      return { status, body: parsed as T, meta };
    }
    throw toResponseError(status, parsed, meta);
  }

  /**
   * One call through the transport: identity headers, JSON body, timeout; the body is read by `read` inside the same
   * guard, so a connection lost while reading is reported as unreachable too.
   */
  private async send<B>(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: unknown,
    read: (res: TransportResponse) => Promise<B>): Promise<{ status: number; body: B }> {
    // A signed token (PETITIONS_TOKEN, minted by apps/api/src/auth/mint-token.ts) is what a production API accepts;
    // the identity headers work only where the API allows development headers.
    this.identify(headers);
    const init: TransportRequest = { method, headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const { timeoutMs = 0 } = this.opts;
    if (timeoutMs > 0) init.signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await this.opts.transport(`${this.baseUrl}${path}`, init);
      return { status: res.status, body: await read(res) };
    } catch (err) {
      throw new ApiUnreachableError(this.baseUrl, describeNetworkError(err), isTimeout(err));
    }
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The API's `{ error: { code, message, messageEn } }`, or a stand-in when something else answered. */
export function toResponseError(status: number, body: unknown, meta?: ResponseMeta): ApiResponseError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error && typeof error.code === 'string') {
    return new ApiResponseError(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : '',
      typeof error.messageEn === 'string' ? error.messageEn : '',
      error.details,
      meta?.retryAfterSeconds,
    );
  }
  return new ApiResponseError(status, `HTTP_${status}`, `API 返回 HTTP ${status}`, `The API answered HTTP ${status}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, …). */
function describeNetworkError(err: unknown): string {
  if (isTimeout(err)) return 'timed out';
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code !== 'string') return cause.message || err.message;
    return cause.message.includes(code) ? cause.message : `${code} ${cause.message}`.trim();
  }
  return err.message;
}
