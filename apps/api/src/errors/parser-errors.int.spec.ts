import { type TestStack, startStack } from '../../../../tools/test/harness';

describe('requests rejected by the HTTP parser still get the error shape', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack('parser-errors'); });
  afterAll(async () => { await stack?.stop(); });

  it('answers an oversized URL with 431 and a typed body', async () => {
    const res = await fetch(`${stack.url}/petitions/${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    const body = (await res.json()) as { error: { code: string; message: string; messageEn: string } };
    expect(body.error).toMatchObject({ code: 'REQUEST_HEADERS_TOO_LARGE', messageEn: 'Request URL or headers too large' });
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
