/**
 * Counting an extension (art.34, domain.md Precisions): the extended limit is the original limit plus the
 * extension counted from the ORIGINAL last day (not moved to a working day), then rolled once if it ends on a
 * rest day. Policy setting extensionCounting: 'from_original_last_day' (national v2, the test policy); a document
 * without it (recorded before) keeps the old count, from the due time a holiday had already moved.
 *
 * 2026 arrangement (国办发明电〔2025〕7号): National Day rest Thu 1 – Wed 7 Oct, Sat 10 Oct worked. "00:00 (+08)"
 * of a day is 16:00Z of the day before. Day counts worked out by hand:
 *  - accepted Tue 4 Aug: Aug 5–31 = 27 days, Sep = 30 (57), Oct 3 = day 60 (Sat, National Day) → rolled to Thu 8 Oct.
 *    +30 from the original last day 3 Oct: 4–31 Oct = 28, 1–2 Nov → Mon 2 Nov = day 90 (working) → 3 Nov 00:00 (+08).
 *    Old count: 8 Oct + 30 = Sat 7 Nov → rolled to Mon 9 Nov → 10 Nov 00:00 (+08) (96 days).
 *  - accepted Sun 2 Aug: day 60 = Thu 1 Oct (National Day) → rolled to 8 Oct. +30 from 1 Oct = Sat 31 Oct (day 90, a
 *    rest day) → rolled once to Mon 2 Nov → 3 Nov 00:00 (+08). Old count: 8 Oct + 30 = 7 Nov → 9 Nov, as above.
 */
import { CN_CALENDAR, computeDueAt } from '../calendar';
import type { SupervisionPolicy } from '../policy';
import type { DecideContext } from './case.context';
import { decide } from './case.decide';
import type { CaseEvent, ExtensionApproved, PolicyAdopted } from './case.events';
import { evolveAll } from './case.evolve';
import { TEST_POLICY, TEST_POLICY_V2, UNIT_HEAD, cmd, ev, given, upTo } from './case.testkit';

const { extensionCounting: _new, ...OLD_COUNTING } = TEST_POLICY;
const OLD: SupervisionPolicy = OLD_COUNTING;
const OLD_CTX: DecideContext = { policy: OLD, calendar: CN_CALENDAR };

const ROLLED_DUE = '2026-10-08T16:00:00.000Z'; // end of Thu 8 Oct
const DAY_90 = '2026-11-02T16:00:00.000Z'; // end of Mon 2 Nov
const OLD_COUNT = '2026-11-09T16:00:00.000Z'; // end of Mon 9 Nov

function handlingFrom(acceptedAt: string, policy: SupervisionPolicy): CaseEvent[] {
  return [ev.registered({ policy }), ...upTo.acceptance().slice(1), ev.notified(), ev.accepted({ at: acceptedAt, handlingDueAt: ROLLED_DUE })];
}
const REQUEST_AT = '2026-09-20T10:00:00+08:00';
const DECIDE_AT = '2026-09-21T10:00:00+08:00';
const requested = (requestedDueAt: string) => ev.extensionRequested({ at: REQUEST_AT, currentDueAt: ROLLED_DUE, requestedDueAt });
const approved = (newDueAt: string): ExtensionApproved => ({
  type: 'ExtensionApproved',
  at: DECIDE_AT,
  actor: UNIT_HEAD,
  reason: '涉及多部门会商 / several departments must be consulted',
  extension: { amount: 30, unit: 'calendar_days' },
  previousDueAt: ROLLED_DUE,
  newDueAt,
});

describe('an extension counts from the original last day (extensionCounting: from_original_last_day)', () => {
  it.each([
    ['accepted Tue 4 Aug: day 60 is Sat 3 Oct (National Day), day 90 Mon 2 Nov', '2026-08-04T10:00:00+08:00'],
    ['accepted Sun 2 Aug: day 60 is Thu 1 Oct (National Day), day 90 Sat 31 Oct rolls once to Mon 2 Nov', '2026-08-02T10:00:00+08:00'],
  ])('%s', (_label, acceptedAt) => {
    // The original limit rolled over the holiday to Thu 8 Oct (as the acceptance recorded it).
    expect(computeDueAt(acceptedAt, { amount: 60, unit: 'calendar_days' }, CN_CALENDAR)).toBe(ROLLED_DUE);
    const h = handlingFrom(acceptedAt, TEST_POLICY);
    given(h).when(cmd.requestExtension({ at: REQUEST_AT })).then([requested(DAY_90)]);
    const decided = given([...h, requested(DAY_90)]).when(cmd.decideExtension({ at: DECIDE_AT })).then([approved(DAY_90)]);
    expect(decided.handling?.dueAt).toBe(DAY_90);
  });

  it('the maximum extension is counted the same way (31 days from 3 Oct = Tue 3 Nov is over the 30-day maximum)', () => {
    given(handlingFrom('2026-08-04T10:00:00+08:00', TEST_POLICY))
      .when(cmd.requestExtension({ at: REQUEST_AT, extension: { amount: 31, unit: 'calendar_days' } }))
      .then('CASE_EXTENSION_TOO_LONG');
  });

  it('a document without the setting (recorded before it existed) keeps the old count: 8 Oct + 30 → 9 Nov', () => {
    const h = handlingFrom('2026-08-04T10:00:00+08:00', OLD);
    given(h, OLD_CTX).when(cmd.requestExtension({ at: REQUEST_AT })).then([requested(OLD_COUNT)]);
    given([...h, requested(OLD_COUNT)], OLD_CTX).when(cmd.decideExtension({ at: DECIDE_AT })).then([approved(OLD_COUNT)]);
  });

  it('no holiday in the way: both counts agree (12 Mar + 60 = 11 May, + 30 = 10 Jun)', () => {
    given(upTo.handling()).when(cmd.requestExtension()).then([ev.extensionRequested()]);
    expect(ev.extensionRequested().requestedDueAt).toBe('2026-06-10T16:00:00.000Z');
  });

  it('a running case adopting a document with the setting moves its extended due time back to day 90', () => {
    const h = [...handlingFrom('2026-08-04T10:00:00+08:00', OLD), requested(OLD_COUNT), approved(OLD_COUNT)];
    const result = decide(evolveAll(h), cmd.adoptPolicy(TEST_POLICY_V2, { at: '2026-09-25T10:00:00+08:00' }), OLD_CTX);
    if (!result.ok) throw new Error(result.rejection.code);
    const adopted = result.events[0] as PolicyAdopted;
    expect(adopted.rearmed).toEqual([{ key: 'handling', previousDueAt: OLD_COUNT, newDueAt: DAY_90 }]);
    expect(adopted.changes).toEqual(expect.arrayContaining([{ path: 'extensionCounting', op: 'added', from: null, to: 'from_original_last_day' }]));
  });
});
