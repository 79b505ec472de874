import { ApiProxy } from './api-proxy';

describe('ApiProxy backend order', () => {
  const a = 'http://127.0.0.1:1001';
  const b = 'http://127.0.0.1:1002';
  const c = 'http://127.0.0.1:1003';

  it('takes turns over the backends (round robin), each request listing the others as fallbacks', () => {
    const proxy = new ApiProxy([a, b, c]);
    expect(proxy.order(0)).toEqual([a, b, c]);
    expect(proxy.order(0)).toEqual([b, c, a]);
    expect(proxy.order(0)).toEqual([c, a, b]);
    expect(proxy.order(0)).toEqual([a, b, c]);
  });

  it('puts a backend marked down last until its time is up, then back in turn', () => {
    const proxy = new ApiProxy([a, b], 3_000);
    proxy.markDown(a, 2_000); // down until 5,000
    expect(proxy.order(1_000)).toEqual([b, a]);
    expect(proxy.order(1_000)).toEqual([b, a]);
    expect(proxy.order(5_000)).toEqual([a, b]);
    expect(proxy.order(5_000)).toEqual([b, a]);
  });
});
