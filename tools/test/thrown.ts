/**
 * What a call throws, for tests that check the error's fields: the expects then run unconditionally after the
 * call (never inside a `catch` that a call which does not throw would skip). A call that returns fails the test.
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw, but it returned');
}
