import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UnitDirectory, yearScope } from '@petitions/read-model';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import { periodBounds } from './supervision.schemas';
import { levelBelow, namedRegionReport } from './regions.query';
import { regionsListQuery, regionsReportQuery } from './regions.schemas';

const WHAT = { zh: '查询参数', en: 'query parameters' };
const HEADER = ['代码 Code', '名称 Name', '上级 Parent', '上级名称 Parent name', '县内/市内名次 Rank', '件 Cases', '人次 Persons',
  '及时受理率 Timely acceptance', '按期答复率 On-time reply', '满意率 Satisfaction', '督办件 Supervised', '超期次数 Breaches', '主要类别 Top categories'];

/**
 * 属地下钻 (drill-down by place): city → county → township, with the directory's names. `GET /supervision/regions`
 * lists the places; `GET /supervision/reports/regions` gives every figure per place under a region prefix.
 */
@Controller('supervision')
export class RegionsController {
  constructor(private readonly ds: DataSource, private readonly directory: UnitDirectory) {}

  /** The places the organization directory names (cities, counties, townships), optionally only the children of `parent`. */
  @Get('regions')
  async regions(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req);
    const q = parseOrThrow(regionsListQuery, query, WHAT);
    const all = await this.directory.regions(q.asOf ?? new Date().toISOString());
    const parentOf = (code: string) => (code.length === 9 ? code.slice(0, 6) : code.length === 6 ? code.slice(0, 4) : null);
    const regions = all.map((r) => ({ code: r.code, level: r.level, name: r.name, parentCode: parentOf(r.code), unitId: r.unitId }))
      .filter((r) => (q.parent ? r.parentCode === q.parent : true));
    return { regions };
  }

  /** Figures per city, county or township under `region` (default: one level below it); JSON, CSV or XLSX. */
  @Get('reports/regions')
  async report(@Req() req: Request, @Res() res: Response, @Query() query: unknown) {
    resolveActor(req);
    const q = parseOrThrow(regionsReportQuery, query, WHAT);
    const bounds = q.year ? yearScope(q.year) : q.period ? periodBounds(q.period) : { from: q.from as string, to: q.to as string };
    const scope = { ...bounds, asOf: q.asOf ?? new Date().toISOString(), ...(q.region ? { regionPrefix: q.region } : {}) };
    const level = q.level ?? levelBelow(q.region);
    const { rows } = await namedRegionReport(this.ds, this.directory, scope, level, q.source);
    const body = { scope, source: q.source, level, rows: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode,
      parentName: r.parentName, countyLevelOnly: r.countyLevelOnly, rankInParent: r.rankInParent, counts: r.counts, figures: r.figures,
      topCategories: r.topCategories })) };
    if (q.format === 'json') {
      res.json(body);
      return;
    }
    const lines = body.rows.map((r) => [r.code, r.name, r.parentCode, r.parentName, r.rankInParent, r.counts.cases, r.counts.persons,
      r.figures.timelyAcceptanceRate.percent, r.figures.onTimeReplyRate.percent, r.figures.satisfactionRate.percent, r.counts.supervisedCases,
      r.counts.breaches, r.topCategories.map((c) => `${c.category ?? '—'} ${c.cases}`).join('; ')]);
    const name = `petition-regions-${level}-${q.region ?? 'all'}`;
    if (q.format === 'csv') {
      const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
      res.send(`\uFEFF${[HEADER, ...lines].map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`);
      return;
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(`属地 ${level}`);
    ws.addRow(HEADER).font = { bold: true };
    for (const l of lines) ws.addRow(l);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="${name}.xlsx"`);
    res.send(Buffer.from(await wb.xlsx.writeBuffer()));
  }
}
