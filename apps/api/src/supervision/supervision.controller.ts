import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  type CaseFilter, ReportQueries, SupervisionQueries, UnitDirectory, annualReportCsv, annualReportXlsx, buildAnnualReport, townshipTable,
  yearScope,
} from '@petitions/read-model';
import { DataSource } from 'typeorm';
import { namedRegionReport } from './regions.query';
import type { z } from 'zod';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import { CalendarWarningService } from '../calendar/calendar-warning.service';
import {
  type FilterInput, annualQuery, dueListQuery, dueSoonQuery, ledgerListQuery, ledgerUnitsQuery, periodBounds, repeatsQuery, reportQuery,
  unitsQuery, workloadQuery,
} from './supervision.schemas';

const WHAT = { zh: '查询参数', en: 'query parameters' };

function toFilter(q: FilterInput): CaseFilter {
  const period = q.period ? periodBounds(q.period) : { from: q.from, to: q.to };
  const f: CaseFilter = { unitId: q.unit, regionPrefix: q.region, category: q.category, channel: q.channel, kind: q.kind,
    status: q.status, step: q.step, handlerId: q.handler, from: period.from, to: period.to };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as CaseFilter;
}

/**
 * The supervision office's lists and figures, from the PostgreSQL read model. Any authenticated actor may read
 * them for now (roles come with the auth issue), but identity is required.
 */
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly queries: SupervisionQueries, private readonly reports: ReportQueries, private readonly directory: UnitDirectory,
    private readonly calendar: CalendarWarningService, private readonly ds: DataSource) {}

  /** Adds `unitName`: the directory's name as of the period's end (else now), the id when the directory does not know it. */
  private async named<T extends { unitId: string | null }>(items: T[], to?: string): Promise<(T & { unitName: string | null })[]> {
    const asOf = to ? new Date(Date.parse(to) - 1).toISOString() : new Date().toISOString();
    const names = await this.directory.namesAsOf(items.map((i) => i.unitId ?? ''), asOf);
    return items.map((i) => ({ ...i, unitName: i.unitId ? names.get(i.unitId) ?? i.unitId : null }));
  }

  /** Adds `<field>Name` to each item: the unit's name as of the item's own date (`dateOf`), else as of now. */
  private async namedBy<T extends object, K extends keyof T & ('unitId' | 'leadUnitId')>(items: T[], field: K, dateOf?: (i: T) => string | null):
    Promise<(T & Record<string, string | null>)[]> {
    const idOf = (i: T) => (i[field] as unknown as string | null) ?? null;
    const lookup = await this.directory.nameLookup(items.map((i) => idOf(i) ?? ''));
    const now = new Date().toISOString();
    const name = field === 'unitId' ? 'unitName' : 'leadUnitName';
    return items.map((i) => ({ ...i, [name]: lookup(idOf(i), dateOf?.(i) ?? now) }));
  }

  private parse<S extends z.ZodType>(req: Request, schema: S, query: unknown): z.output<S> {
    resolveActor(req);
    return parseOrThrow(schema, query, WHAT) as z.output<S>;
  }

  /** Open cases past their earliest unit deadline, most overdue first. */
  @Get('overdue')
  async overdue(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, dueListQuery, query);
    const asOf = q.asOf ?? new Date().toISOString();
    const page = await this.queries.overdue(toFilter(q), asOf, { limit: q.limit, cursor: q.cursor });
    return { asOf, ...page, items: await this.namedBy(page.items, 'leadUnitId') };
  }

  /** Open cases whose earliest unit deadline falls within N calendar (or, with working=true, working) days. */
  @Get('due-soon')
  async dueSoon(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, dueSoonQuery, query);
    const asOf = q.asOf ?? new Date().toISOString();
    const page = await this.queries.dueWithin(toFilter(q), asOf, q.days, q.working, { limit: q.limit, cursor: q.cursor });
    return { asOf, days: q.days, working: q.working, ...page, items: await this.namedBy(page.items, 'leadUnitId') };
  }

  /** Breaches (ledger rows), newest first; the period applies to the breach time. */
  @Get('breaches')
  async breaches(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, ledgerListQuery, query);
    const page = await this.queries.breaches({ ...toFilter(q), deadlineKey: q.deadlineKey, open: q.open }, { limit: q.limit, cursor: q.cursor });
    // Each breach names the unit as it was called when it failed the deadline.
    return { ...page, items: await this.namedBy(page.items, 'unitId', (i) => i.breachedAt) };
  }

  /** The accountability ledger per responsible unit for a period (breach time). */
  @Get('ledger')
  async ledger(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, ledgerUnitsQuery, query);
    const f = toFilter(q);
    return { from: f.from ?? null, to: f.to ?? null,
      items: await this.named(await this.queries.ledgerByUnit({ ...f, deadlineKey: q.deadlineKey }, { limit: q.limit, offset: q.offset }), f.to) };
  }

  /** 被反映最多的单位: the respondents (被反映单位) of the cases, not the units handling them. */
  @Get('units/most-complained')
  async units(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, unitsQuery, query);
    return { items: await this.queries.mostComplainedUnits(toFilter(q), { limit: q.limit, offset: q.offset }) };
  }

  /** The units handling the most cases (责任单位). */
  @Get('units/most-handled')
  async handledUnits(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, unitsQuery, query);
    const f = toFilter(q);
    return { items: await this.named(await this.queries.mostHandledUnits(f, { limit: q.limit, offset: q.offset }), f.to) };
  }

  @Get('handlers/workload')
  async workload(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, workloadQuery, query);
    const asOf = q.asOf ?? new Date().toISOString();
    return { asOf, items: await this.queries.handlerWorkload(toFilter(q), asOf, { limit: q.limit, offset: q.offset }, q.days) };
  }

  /** Repeat cases with the cases they are linked to (same petitioner, same matter). */
  @Get('repeats')
  repeats(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, repeatsQuery, query);
    return this.queries.repeatCases(toFilter(q), { limit: q.limit, cursor: q.cursor });
  }

  /** Every formula of the supervision reports for a period; source=events recomputes them from the event log alone. */
  /** `calendarWarning`: the coming year's holiday arrangement missing (the overview's December warning), else null. */
  @Get('reports/summary')
  async summary(@Req() req: Request, @Query() query: unknown) {
    const q = this.parse(req, reportQuery, query);
    const bounds = q.period ? periodBounds(q.period) : { from: q.from as string, to: q.to as string };
    const asOf = q.asOf ?? new Date().toISOString();
    const report = await this.reports.report({ ...bounds, asOf, ...(q.region ? { regionPrefix: q.region } : {}) }, q.source);
    // The units handling the cases, named as of the period's end.
    const names = await this.directory.namesAsOf(report.units.map((u) => u.key ?? ''), new Date(Date.parse(bounds.to) - 1).toISOString());
    return { ...report, units: report.units.map((u) => ({ ...u, unitName: u.key === null ? null : names.get(u.key) ?? u.key })),
      calendarWarning: await this.calendar.warning() };
  }

  /** The art.41 annual report: JSON, or a download as CSV (UTF-8 with BOM) or XLSX. */
  @Get('reports/annual')
  async annual(@Req() req: Request, @Res() res: Response, @Query() query: unknown) {
    const q = this.parse(req, annualQuery, query);
    const asOf = q.asOf ?? new Date().toISOString();
    const result = await this.reports.report({ ...yearScope(q.year), asOf, ...(q.region ? { regionPrefix: q.region } : {}) }, q.source);
    // 属地: every township of the scope (a county's cases without township in a row of their own), with names.
    const townships = await namedRegionReport(this.ds, this.directory, { ...yearScope(q.year), asOf, ...(q.region ? { regionPrefix: q.region } : {}) },
      'township', q.source);
    // Units named as of the year's end (31 December): a unit renamed later keeps the name it had in that year.
    const names = await this.directory.namesAsOf(result.units.map((u) => u.key ?? ''), new Date(Date.parse(yearScope(q.year).to) - 1).toISOString());
    const report = buildAnnualReport(q.year, result, q.top, townshipTable(townships.report.rows, townships.names), names);
    const name = `petition-annual-report-${q.year}${q.region ? `-${q.region}` : ''}`;
    if (q.format === 'json') {
      res.json(report);
      return;
    }
    if (q.format === 'csv') {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
      res.send(annualReportCsv(report));
      return;
    }
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="${name}.xlsx"`);
    res.send(await annualReportXlsx(report));
  }
}
