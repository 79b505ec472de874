import { evolveAll } from './case.evolve';
import { CASE_ID, T, cmd, ev, given, upTo } from './case.testkit';

const EARLIER = 'petition-earlier000000000000';
const refiled = { caseId: EARLIER, closureReason: 'withdrawn' as const, matterRef: 'matter-earlier' };

describe('re-filing after closure and same-matter links', () => {
  it('a petition taking up a withdrawn case is a new case recording the link and the suggestion facts', () => {
    given([]).when(cmd.register({ relatedCase: refiled, respondentRef: 'r-1', contentSketch: [3, 1, 2] }))
      .then([ev.registered({ relatedCase: refiled, respondentRef: 'r-1', contentSketch: [3, 1, 2] })]);
    const state = evolveAll([ev.registered({ relatedCase: refiled })]);
    expect(state.relatedCases).toEqual([{ caseId: EARLIER, matterRef: 'matter-earlier', linkedAt: T.reg, via: 'registration' }]);
  });

  it('a registration without the new fields records the event as before (no new keys)', () => {
    given([]).when(cmd.register()).then([ev.registered()]);
    expect(Object.keys(ev.registered())).not.toContain('relatedCase');
    expect(evolveAll([ev.registered()]).relatedCases).toBeUndefined();
  });

  it('refuses a broken earlier-case reference or sketch', () => {
    given([]).when(cmd.register({ relatedCase: { ...refiled, caseId: CASE_ID } })).then('CASE_RELATED_CASE_INVALID');
    given([]).when(cmd.register({ relatedCase: { ...refiled, matterRef: '' } })).then('CASE_RELATED_CASE_INVALID');
    given([]).when(cmd.register({ contentSketch: [1.5] })).then('CASE_INVALID_INPUT');
    given([]).when(cmd.register({ contentSketch: Array.from({ length: 65 }, () => 1) })).then('CASE_INVALID_INPUT');
  });

  it('the registrar links a case as a repeat, with a reason; the case takes the related matter reference', () => {
    given(upTo.routing()).when(cmd.link()).then([ev.linked()]);
    given(upTo.routing()).when(cmd.link({ reason: undefined })).then('CASE_REASON_REQUIRED');
    given(upTo.routing()).when(cmd.link({ relatedMatterRef: '' })).then('CASE_INVALID_INPUT');
  });

  it('unlinking falls back to the latest remaining link, else to the case\'s own matter reference', () => {
    const second = ev.linked({ relatedCaseId: 'petition-second00000000000000', matterRef: 'matter-second', at: '2026-03-05T11:00:00+08:00' });
    given([...upTo.routing(), ev.linked(), second]).when(cmd.unlink({ relatedCaseId: 'petition-second00000000000000' }))
      .then([ev.unlinked({ relatedCaseId: 'petition-second00000000000000', matterRef: 'matter-earlier' })]);
    given([...upTo.routing(), ev.linked(), second]).when(cmd.unlink())
      .then([ev.unlinked({ matterRef: 'matter-second' })]);
    given([...upTo.routing(), ev.linked()]).when(cmd.unlink()).then([ev.unlinked({ matterRef: 'matter-81c2' })]);
    expect(evolveAll([...upTo.routing(), ev.linked(), ev.unlinked()]).relatedCases).toEqual([]);
  });

  it('a closed case takes no links (CASE_CLOSED)', () => {
    const closed = [...upTo.routing(), ev.closed({ closureReason: 'withdrawn', step: 'routing', at: '2026-03-04T10:00:00+08:00', actor: cmd.link().actor })];
    given(closed).when(cmd.link()).then('CASE_CLOSED');
  });
});
