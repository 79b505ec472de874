import ExcelJS from 'exceljs';
import { CONTENT_CATEGORIES, PETITION_KIND_NAMES, type PetitionKind, shanghaiMidnightText } from '@petitions/domain';
import type { Rate, ReportFigures } from './report.formulas';
import type { PauseReasonCount } from './pauses.report';
import type { GroupCount, ReportResult } from './report.queries';
import type { RegionRow } from './region.report';

/** The art.41 annual report (信访情况年度报告) as data; CSV and XLSX render it. */
export interface AnnualReport {
  year: number;
  regionPrefix: string | null;
  asOf: string;
  source: string;
  figures: ReportFigures;
  subjectAreas: { code: string | null; name: string; cases: number; persons: number; share: string }[];
  kinds: { code: string | null; name: string; cases: number; share: string }[];
  channels: { code: string | null; cases: number; share: string }[];
  /** 被反映最多的单位: the respondents (被反映单位) with the most cases. */
  mostComplainedUnits: { rank: number; respondent: string; cases: number; persons: number; supervisedCases: number; breaches: number; dissatisfied: number }[];
  /** The units handling the most cases (责任单位), a list of its own. */
  mostHandledUnits: { rank: number; unitId: string; unitName: string; cases: number; persons: number; supervisedCases: number; breaches: number; dissatisfied: number }[];
  routing: { forwarded: number; assigned: number; redirected: number; supervised: number };
  breachesByKey: Record<string, number>;
  /** Clock pauses started in the year per reason code: count and days stopped. */
  pausesByReason: Record<string, PauseReasonCount>;
  recommendations: { issued: number; adopted: number; partlyAdopted: number; notAdopted: number; pending: number; adoptionRate: Rate; note: string };
  /** 属地（乡镇街道）: every township with cases, by county, ranked within its county; a county's cases without township last. */
  townships: AnnualTownshipRow[];
}

export interface AnnualTownshipRow {
  countyCode: string;
  countyName: string;
  /** The township code, or the county code for the county's cases registered without a township. */
  code: string;
  name: string;
  countyLevelOnly: boolean;
  rankInCounty: number | null;
  cases: number;
  persons: number;
  timelyAcceptance: string;
  onTimeReply: string;
  satisfaction: string;
  breaches: number;
  topCategory: string | null;
}

const CHANNEL_NAMES: Record<string, string> = { letter: '来信', visit: '来访', phone: '来电', online: '网上信访' };
const CATEGORY_NAMES = new Map<string, string>(CONTENT_CATEGORIES.map((c) => [c.code, c.zh]));
const share = (n: number, total: number): string => (total === 0 ? '—' : `${(Math.round((n / total) * 10_000) / 100).toFixed(2)}%`);

/** Period of a calendar year in Asia/Shanghai. */
export function yearScope(year: number): { from: string; to: string } {
  return { from: shanghaiMidnightText(`${year}-01-01`), to: shanghaiMidnightText(`${year + 1}-01-01`) };
}

/** The township table from a township-level region report; `names` by code (townships and counties), else the code. */
export function townshipTable(rows: readonly RegionRow[], names: ReadonlyMap<string, string> = new Map()): AnnualTownshipRow[] {
  return rows.map((t) => {
    const county = t.code.slice(0, 6);
    const top = t.topCategories[0]?.category ?? null;
    return { countyCode: county, countyName: names.get(county) ?? county, code: t.code,
      name: t.countyLevelOnly ? '（未细分到乡镇 county level only）' : names.get(t.code) ?? t.code,
      countyLevelOnly: t.countyLevelOnly, rankInCounty: t.rankInParent, cases: t.counts.cases, persons: t.counts.persons,
      timelyAcceptance: t.figures.timelyAcceptanceRate.percent, onTimeReply: t.figures.onTimeReplyRate.percent,
      satisfaction: t.figures.satisfactionRate.percent, breaches: t.counts.breaches, topCategory: top === null ? null : CATEGORY_NAMES.get(top) ?? top };
  }).sort((a, b) => a.countyCode.localeCompare(b.countyCode) || Number(a.countyLevelOnly) - Number(b.countyLevelOnly)
    || (a.rankInCounty ?? 0) - (b.rankInCounty ?? 0));
}

/**
 * `unitNames`: the directory's names as of the year's end (a unit renamed later keeps the name it had then); a unit
 * the directory does not know is named by its id.
 */
export function buildAnnualReport(year: number, r: ReportResult, topUnits = 10, townships: AnnualTownshipRow[] = [],
  unitNames: ReadonlyMap<string, string> = new Map()): AnnualReport {
  const total = r.counts.cases;
  const cat = (g: GroupCount) => ({ code: g.key, name: g.key === null ? '未分类' : CATEGORY_NAMES.get(g.key) ?? g.key,
    cases: g.cases, persons: g.persons, share: share(g.cases, total) });
  return {
    year, regionPrefix: r.scope.regionPrefix ?? null, asOf: r.scope.asOf, source: r.source, figures: r.figures,
    subjectAreas: r.categories.map(cat),
    kinds: r.kinds.map((g) => ({ code: g.key, name: g.key ? PETITION_KIND_NAMES[g.key as PetitionKind]?.zh ?? g.key : '未分类',
      cases: g.cases, share: share(g.cases, total) })),
    channels: r.channels.map((g) => ({ code: g.key, cases: g.cases, share: share(g.cases, total) })),
    mostComplainedUnits: r.respondents.filter((u) => u.key !== null).slice(0, topUnits).map((u, i) => ({ rank: i + 1, respondent: u.key!,
      cases: u.cases, persons: u.persons, supervisedCases: u.supervisedCases, breaches: u.breaches, dissatisfied: u.dissatisfied })),
    mostHandledUnits: r.units.filter((u) => u.key !== null).slice(0, topUnits).map((u, i) => ({ rank: i + 1, unitId: u.key!, unitName: unitNames.get(u.key!) ?? u.key!,
      cases: u.cases, persons: u.persons, supervisedCases: u.supervisedCases, breaches: u.breaches, dissatisfied: u.dissatisfied })),
    routing: { forwarded: r.counts.routing.forwarded, assigned: r.counts.routing.assigned, redirected: r.counts.routing.redirected,
      supervised: r.counts.supervisedCases },
    breachesByKey: r.breachesByKey,
    pausesByReason: r.pausesByReason,
    recommendations: recommendationsSection(r),
    townships,
  };
}

/**
 * 问责建议函 issued in the year and their adoption. Adoption rate = (adopted + partly adopted) / recommendations
 * whose adoption is recorded; pending ones are not in the denominator.
 */
function recommendationsSection(r: ReportResult): AnnualReport['recommendations'] {
  const c = r.recommendations ?? { issued: 0, adopted: 0, partlyAdopted: 0, notAdopted: 0, pending: 0 };
  const numerator = c.adopted + c.partlyAdopted;
  const denominator = numerator + c.notAdopted;
  const rate = denominator === 0 ? null : numerator / denominator;
  return {
    ...c,
    adoptionRate: { numerator, denominator, rate, percent: rate === null ? '—' : `${(Math.round(rate * 10_000) / 100).toFixed(2)}%` },
    note: '问责建议函（LetterIssued）按制发时间计；采纳情况按受函机关记录（LetterAdoptionRecorded），采纳率=（采纳+部分采纳）/已反馈 / '
      + 'Accountability recommendations by issue date; adoption as recorded by the addressee; rate = (adopted + partly) / answered',
  };
}

type Line = (string | number | null)[];

/** Rows of the report as a table: section, item, value(s). Shared by CSV and XLSX. */
export function annualReportRows(a: AnnualReport): { title: string; header: string[]; rows: Line[] }[] {
  const f = a.figures;
  const rateRow = (name: string, r: Rate): Line => [name, r.percent, r.numerator, r.denominator];
  return [
    { title: '一、受理、办理信访事项数据统计 Statistics', header: ['项目 Item', '数值 Value', '分子 Numerator', '分母 Denominator'], rows: [
      ['年度 Year', a.year, null, null],
      ['地区 Region', a.regionPrefix ?? '全部 all', null, null],
      ['截至 As of', a.asOf, null, null],
      ['信访总量（件）Cases', f.volume.cases, null, null],
      ['信访总量（人次）Persons', f.volume.persons, null, null],
      ['信访批次 Petitions received', f.volume.petitions, null, null],
      ['初次信访（件）First-time', f.firstTimeCases, null, null],
      ['重复信访（件）Repeat', f.repeatCases, null, null],
      rateRow('重复信访率 Repeat rate', f.repeatRate),
      rateRow('及时受理率 Timely acceptance', f.timelyAcceptanceRate),
      ['  及时 timely / 超期 late / 逾期未受理 overdue', `${f.acceptanceSplit.timely} / ${f.acceptanceSplit.late} / ${f.acceptanceSplit.overdueUnaccepted}`, null, null],
      rateRow('按期答复率 On-time reply', f.onTimeReplyRate),
      ['  按期 / 超期 / 在办 / 在办超期', `${f.replySplit.onTime} / ${f.replySplit.late} / ${f.replySplit.open} / ${f.replySplit.openOverdue}`, null, null],
      rateRow('满意率 Satisfaction', f.satisfactionRate),
      rateRow('参评率 Participation', f.participationRate),
      rateRow('申请化解率 Resolution application (repeat)', f.resolutionApplicationRate),
      rateRow('一次性化解率 First-time one-off resolution', f.oneOffResolutionRate),
      rateRow('五大类占比 Share of the five named categories', f.namedTopCategoryShare),
    ] },
    { title: '二、信访事项涉及领域 Subject areas', header: ['类别代码 Code', '类别 Category', '件 Cases', '人次 Persons', '占比 Share'],
      rows: a.subjectAreas.map((s) => [s.code, s.name, s.cases, s.persons, s.share]) },
    { title: '信访类别 Kinds', header: ['代码 Code', '类别 Kind', '件 Cases', '占比 Share'],
      rows: a.kinds.map((k) => [k.code, k.name, k.cases, k.share]) },
    { title: '信访渠道 Channels', header: ['代码 Code', '渠道 Channel', '件 Cases', '占比 Share'],
      rows: a.channels.map((c) => [c.code, c.code ? CHANNEL_NAMES[c.code] ?? c.code : '', c.cases, c.share]) },
    { title: '三、被投诉较多的机关或单位 Most-complained units (respondents, 被反映单位)', header: ['名次 Rank', '被反映单位 Respondent', '件 Cases', '人次 Persons', '督办件 Supervised', '超期次数 Breaches', '不满意 Dissatisfied'],
      rows: a.mostComplainedUnits.map((u) => [u.rank, u.respondent, u.cases, u.persons, u.supervisedCases, u.breaches, u.dissatisfied]) },
    { title: '承办信访事项较多的单位 Units handling the most cases (责任单位)', header: ['名次 Rank', '责任单位 Unit', '单位编号 Unit id', '件 Cases', '人次 Persons', '督办件 Supervised', '超期次数 Breaches', '不满意 Dissatisfied'],
      rows: a.mostHandledUnits.map((u) => [u.rank, u.unitName, u.unitId, u.cases, u.persons, u.supervisedCases, u.breaches, u.dissatisfied]) },
    { title: '四、转送、交办、督办情况 Forwarded / assigned / supervised', header: ['项目 Item', '件 Cases'], rows: [
      ['转送 Forwarded', a.routing.forwarded], ['交办 Assigned', a.routing.assigned], ['导入政法/纪检 Redirected', a.routing.redirected],
      ['督办（超期或升级）Supervised', a.routing.supervised],
      ...Object.entries(a.breachesByKey).map(([k, n]): Line => [`超期记录（${k}）Breaches recorded in the year`, n]),
    ] },
    { title: '暂停计时情况 Clock pauses', header: ['事由 Reason', '次数 Pauses', '进行中 Ongoing', '暂停天数 Days stopped'],
      rows: Object.entries(a.pausesByReason).map(([code, c]): Line => [code, c.pauses, c.ongoing, c.pausedDays]) },
    { title: '五、建议及采纳情况 Recommendations and adoption', header: ['项目 Item', '数值 Value'], rows: [
      ['提出问责建议 Issued', a.recommendations.issued], ['采纳 Adopted', a.recommendations.adopted],
      ['部分采纳 Partly adopted', a.recommendations.partlyAdopted], ['未采纳 Not adopted', a.recommendations.notAdopted],
      ['待反馈 Pending', a.recommendations.pending],
      ['采纳率 Adoption rate', a.recommendations.adoptionRate.percent], ['说明 Note', a.recommendations.note],
    ] },
    { title: '属地分布（乡镇街道）Townships', header: ['县市区 County', '县市区名称 County name', '乡镇街道代码 Code', '乡镇街道 Township',
      '县内名次 Rank in county', '件 Cases', '人次 Persons', '及时受理率 Timely acceptance', '按期答复率 On-time reply', '满意率 Satisfaction',
      '超期次数 Breaches', '主要类别 Top category'],
    rows: a.townships.map((t) => [t.countyCode, t.countyName, t.code, t.name, t.rankInCounty, t.cases, t.persons, t.timelyAcceptance,
      t.onTimeReply, t.satisfaction, t.breaches, t.topCategory]) },
  ];
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 CSV with a BOM so spreadsheet programs read the Chinese text correctly. */
export function annualReportCsv(a: AnnualReport): string {
  const out: string[] = [];
  for (const s of annualReportRows(a)) {
    out.push(csvCell(s.title), s.header.map(csvCell).join(','));
    for (const r of s.rows) out.push(r.map(csvCell).join(','));
    out.push('');
  }
  return `\uFEFF${out.join('\r\n')}`;
}

export async function annualReportXlsx(a: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'petitions read model';
  const names = ['统计 Statistics', '领域 Subject areas', '类别 Kinds', '渠道 Channels', '被反映单位 Respondents', '承办单位 Handling units',
    '转送交办督办 Routing', '暂停计时 Pauses', '建议 Recommendations', '乡镇街道 Townships'];
  annualReportRows(a).forEach((s, i) => {
    const ws = wb.addWorksheet(names[i] ?? `Sheet${i + 1}`);
    ws.addRow([s.title]).font = { bold: true, size: 13 };
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.columns.forEach((c, j) => { c.width = j === 0 ? 44 : 18; });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
