import { PetitionsApiClient, toResponseError } from './api-client';
import { ApiResponseError, ApiUnreachableError, UnexpectedResponseError } from './cli-errors';
import { type RecordedRequest, fakeTransport } from './cli.testkit';

const client = (reply: Parameters<typeof fakeTransport>[0], requests: RecordedRequest[], actor = true) => new PetitionsApiClient({
  baseUrl: 'http://api.test/base//', transport: fakeTransport(reply, requests), timeoutMs: 1000,
  ...(actor ? { actor: { id: 'reg-001', role: 'registrar' } } : {}),
});

describe('PetitionsApiClient', () => {
  it('builds each request: method, path, JSON body, identity headers', async () => {
    const requests: RecordedRequest[] = [];
    const api = client(() => ({ status: 200, body: { ok: true } }), requests);
    await api.file({ a: 1 });
    await api.show('petition-x');
    await api.live('petition-x');
    await api.act('petition-x', { type: 'ReceiveCase' });
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', 'http://api.test/base/petitions', { a: 1 }],
      ['GET', 'http://api.test/base/petitions/petition-x', undefined],
      ['GET', 'http://api.test/base/petitions/petition-x/live', undefined],
      ['POST', 'http://api.test/base/petitions/petition-x/commands', { type: 'ReceiveCase' }],
    ]);
    expect(requests[0].headers).toEqual({ accept: 'application/json', 'content-type': 'application/json', 'x-actor-id': 'reg-001', 'x-actor-role': 'registrar' });
    expect(requests[1].headers).toEqual({ accept: 'application/json', 'x-actor-id': 'reg-001', 'x-actor-role': 'registrar' });
  });

  it('returns the parsed body and status', async () => {
    const api = client(() => ({ status: 201, body: { caseId: 'petition-x' } }), []);
    await expect(api.file({})).resolves.toEqual({ status: 201, body: { caseId: 'petition-x' }, meta: { replayed: false } });
  });

  it('reads a replay, the advertised budget and Retry-After from the headers', async () => {
    const replay = client(() => ({ status: 201, body: { caseId: 'petition-x' }, headers: { 'Idempotent-Replayed': 'true' } }), []);
    expect((await replay.file({}, { idempotencyKey: 'k-12345678' })).meta).toEqual({ replayed: true });
    const charged = client(() => ({ status: 201, body: { caseId: 'petition-x' }, headers: { 'RateLimit-Limit': '120', 'RateLimit-Remaining': '7', 'RateLimit-Reset': '57' } }), []);
    expect((await charged.file({})).meta).toEqual({ replayed: false, rateLimit: { limit: 120, remaining: 7, resetSeconds: 57 } });
    const limited = client(() => ({ status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'RATE_LIMITED', message: '请求过于频繁', messageEn: 'Too many requests' } } }), []);
    await expect(limited.file({})).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 3 });
  });

  it('turns an error body into an ApiResponseError, and anything else into HTTP_<status>', async () => {
    const api = client(() => ({ status: 409, body: { error: { code: 'CASE_CLOSED', message: '案件已办结', messageEn: 'closed', details: { a: 1 } } } }), []);
    await expect(api.act('c', {})).rejects.toEqual(new ApiResponseError(409, 'CASE_CLOSED', '案件已办结', 'closed', { a: 1 }));
    expect(toResponseError(502, undefined)).toMatchObject({ status: 502, code: 'HTTP_502', messageEn: 'The API answered HTTP 502' });
    expect(toResponseError(500, { error: 'flat string' })).toMatchObject({ code: 'HTTP_500' });
  });

  it('reports a network failure as unreachable, with the reason fetch hides in `cause`', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const api = client(() => refused, []);
    const err = await api.show('c').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiUnreachableError);
    expect(err).toMatchObject({ url: 'http://api.test/base', causeText: 'connect ECONNREFUSED 127.0.0.1:9', timedOut: false });
    const dns = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(''), { code: 'ENOTFOUND' }) });
    await expect(client(() => dns, []).show('c')).rejects.toMatchObject({ causeText: 'ENOTFOUND' });
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    await expect(client(() => timeout, []).show('c')).rejects.toMatchObject({ causeText: 'timed out', timedOut: true });
  });

  it('refuses a success that is not JSON', async () => {
    await expect(client(() => ({ status: 200, text: 'OK' }), []).show('c')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});
