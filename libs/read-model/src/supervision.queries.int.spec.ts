import type { DataSource } from 'typeorm';
import { CaseProjectionWriter } from './case-projection.writer';
import { createReadModelDataSource } from './read-model.data-source';
import { type HistorySpec, SYSTEM, day, history, numbered } from './read-model.testkit';
import { ReadModelQueryError } from './supervision.filters';
import { SupervisionQueries } from './supervision.queries';
import { caseStatsSelect, ledgerStatsSelect } from './unit-stats.rollup';

// Region 51xxxx belongs to this file: every query below filters on it, so other files' cases never interfere.
const R = '510104';
const A = 'sq-unit-a';
const B = 'sq-unit-b';
const specs: HistorySpec[] = [
  { caseId: 'sq-0', start: 0, unit: A, handlerId: 'h-a1', acceptance: 'pending' },
  { caseId: 'sq-1', start: 1, unit: A, handlerId: 'h-a1', acceptance: 'pending' },
  { caseId: 'sq-2', start: 2, unit: A, handlerId: 'h-a2', acceptance: 'pending', category: 'health' },
  { caseId: 'sq-3', start: 3, unit: A, handlerId: 'h-a2', acceptance: 'pending' },
  { caseId: 'sq-7', start: 7, unit: B, handlerId: 'h-b1', acceptance: 'pending' },
  { caseId: 'sq-10', start: 10, unit: B, handlerId: 'h-b1', acceptance: 'pending' },
  { caseId: 'sq-30', start: 30, unit: B, handlerId: 'h-b1', acceptance: 'pending', persons: 3 },
  { caseId: 'sq-l', start: 0, unit: B, handlerId: 'h-b2', acceptance: 'late', channel: 'visit' },
  { caseId: 'sq-r1', start: 0, unit: 'sq-unit-c', petitionerRef: 'p-sq', matterRef: 'm-sq', acceptance: 'on_time' },
  { caseId: 'sq-r2', start: 40, unit: 'sq-unit-c', petitionerRef: 'p-sq', matterRef: 'm-sq', acceptance: 'on_time', repeats: 1 },
];
const asOf = day(20);
const region = { regionPrefix: '51' };
let ds: DataSource;
let q: SupervisionQueries;

beforeAll(async () => {
  ds = await createReadModelDataSource(process.env.DATABASE_URL as string, { poolSize: 4 }).initialize();
  q = new SupervisionQueries(ds);
  const writer = new CaseProjectionWriter(ds);
  const summary = { nextDeadlineKey: null, nextDeadlineAt: null, policyId: 'cn-national-2022', policyVersion: 1 };
  for (const s of specs) {
    const evs = history({ regionCode: R, ...s });
    if (s.caseId === 'sq-0') {
      const due = day(17, 14);
      evs.push({ type: 'DeadlineBreached', at: due, actor: SYSTEM, deadlineKey: 'acceptance', step: 'acceptance', unitId: A, article: '第三十一条', dueAt: due });
    }
    await writer.write({ caseId: s.caseId, events: numbered(evs), summary });
  }
});
afterAll(async () => ds?.destroy());

const ids = (items: { caseId: string }[]) => items.map((i) => i.caseId);

describe('supervision queries: filters and pagination', () => {
  it('overdue now: most overdue first, keyset pages, filters', async () => {
    const all = await q.overdue(region, asOf, { limit: 10 });
    expect(ids(all.items)).toEqual(['sq-0', 'sq-1', 'sq-2']);
    expect(all.items[0]).toMatchObject({ openBreachKeys: ['acceptance'], unitDueKey: 'acceptance', currentHandlerId: 'h-a1', leadUnitId: A });
    const p1 = await q.overdue(region, asOf, { limit: 2 });
    expect(ids(p1.items)).toEqual(['sq-0', 'sq-1']);
    const p2 = await q.overdue(region, asOf, { limit: 2, cursor: p1.nextCursor as string });
    expect(ids(p2.items)).toEqual(['sq-2']);
    expect(p2.nextCursor).toBeNull();
    expect(ids((await q.overdue({ ...region, handlerId: 'h-a1' }, asOf, { limit: 10 })).items)).toEqual(['sq-0', 'sq-1']);
    expect(ids((await q.overdue({ ...region, category: 'health' }, asOf, { limit: 10 })).items)).toEqual(['sq-2']);
    expect((await q.overdue({ ...region, unitId: B }, asOf, { limit: 10 })).items).toEqual([]);
    expect((await q.overdue({ regionPrefix: '5102' }, asOf, { limit: 10 })).items).toEqual([]);
    expect(ids((await q.overdue({ ...region, from: day(1), to: day(2) }, asOf, { limit: 10 })).items)).toEqual(['sq-1']);
  });

  it('due within N calendar or working days (CN calendar)', async () => {
    expect(ids((await q.dueWithin(region, asOf, 7, false, { limit: 10 })).items)).toEqual(['sq-3', 'sq-7', 'sq-10']);
    expect(ids((await q.dueWithin(region, asOf, 3, false, { limit: 10 })).items)).toEqual(['sq-3']);
    const working = await q.dueWithin(region, asOf, 3, true, { limit: 10 });
    expect(ids(working.items)).toEqual(['sq-3', 'sq-7']);
    // Wed 21 Jan 2026 + 3 working days = Mon 26 Jan: deadlines ending that day or earlier (due ≤ 00:00 on the 27th).
    expect(working.horizon).toBe('2026-01-26T16:00:00.000Z');
  });

  it('breaches and the ledger per unit for a period', async () => {
    const list = await q.breaches({ ...region }, { limit: 1 });
    expect(list.items).toHaveLength(1);
    const rest = await q.breaches({ ...region }, { limit: 10, cursor: list.nextCursor as string });
    expect([...ids(list.items), ...ids(rest.items)].sort()).toEqual(['sq-0', 'sq-l']);
    expect(ids((await q.breaches({ ...region, open: true }, { limit: 10 })).items)).toEqual(['sq-0']);
    expect(ids((await q.breaches({ ...region, channel: 'visit' }, { limit: 10 })).items)).toEqual(['sq-l']);
    expect(ids((await q.breaches({ ...region, unitId: A, from: day(17), to: day(18) }, { limit: 10 })).items)).toEqual(['sq-0']);
    const byUnit = await q.ledgerByUnit({ ...region }, { limit: 10, offset: 0 });
    expect(byUnit.map((u) => [u.unitId, u.breaches, u.open, u.fulfilledLate, u.byKey.acceptance])).toEqual([[A, 1, 1, 0, 1], [B, 1, 0, 1, 1]]);
    const monthly = await q.ledgerByUnit({ ...region, from: '2026-01-01T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' }, { limit: 10, offset: 0 });
    expect(monthly).toEqual(byUnit);
  });

  it('most-handled units (the units handling the cases) and handler workload', async () => {
    const units = await q.mostHandledUnits(region, { limit: 2, offset: 0 });
    expect(units.map((u) => [u.unitId, u.cases, u.persons])).toEqual([[B, 4, 6], [A, 4, 4]]);
    expect((await q.mostHandledUnits(region, { limit: 2, offset: 1 })).map((u) => u.unitId)).toEqual([A, 'sq-unit-c']);
    const load = await q.handlerWorkload({ ...region, unitId: A }, asOf, { limit: 10, offset: 0 });
    expect(load).toEqual([
      { handlerId: 'h-a1', unitId: A, openCases: 2, overdue: 2, dueSoon: 0, openBreaches: 1 },
      { handlerId: 'h-a2', unitId: A, openCases: 2, overdue: 1, dueSoon: 1, openBreaches: 0 },
    ]);
  });

  it('repeat cases with their links', async () => {
    const page = await q.repeatCases(region, { limit: 10 });
    expect(page.items.map((i) => [i.caseId, i.priorCaseId, i.linkedCaseIds, i.repeatCount])).toEqual([['sq-r2', 'sq-r1', ['sq-r1', 'sq-r2'], 1]]);
  });

  it('refuses a forged cursor with a typed error', async () => {
    await expect(q.overdue(region, asOf, { limit: 2, cursor: 'bm90LWpzb24' })).rejects.toBeInstanceOf(ReadModelQueryError);
  });
});

describe('unit rollups stay exact', () => {
  it('answer like the base tables for whole months, years and all time', async () => {
    for (const f of [{ ...region }, { ...region, from: '2026-01-01T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' },
      { ...region, from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' }, { ...region, unitId: B }, { ...region, category: 'health' }]) {
      expect(await q.mostHandledUnits(f, { limit: 50, offset: 0 })).toEqual(await q.mostHandledUnits(f, { limit: 50, offset: 0 }, { rollup: false }));
      expect(await q.ledgerByUnit(f, { limit: 50, offset: 0 })).toEqual(await q.ledgerByUnit(f, { limit: 50, offset: 0 }, { rollup: false }));
    }
  });

  it('equal a full recomputation after every write of every test file so far', async () => {
    await ds.transaction('REPEATABLE READ', async (tx) => {
      for (const g of ['month', 'year'] as const) {
        for (const [table, select] of [['case_unit_stats', caseStatsSelect(g)], ['ledger_unit_stats', ledgerStatsSelect(g)]]) {
          const diff = await tx.query(`(SELECT * FROM ${table} WHERE granularity = '${g}' EXCEPT ${select})
            UNION ALL (${select} EXCEPT SELECT * FROM ${table} WHERE granularity = '${g}')`);
          expect({ table, g, diff }).toEqual({ table, g, diff: [] });
        }
      }
    });
  });
});
