import { type FlagSpec, type FlagValues, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CliCommand } from './command';

/** Supervision views → API paths (GET /supervision/...). The API validates every parameter. */
export const SUPERVISION_VIEWS: Record<string, string> = {
  overdue: 'overdue',
  'due-soon': 'due-soon',
  breaches: 'breaches',
  ledger: 'ledger',
  'ledger-units': 'ledger/units',
  'most-complained': 'units/most-complained',
  'most-handled': 'units/most-handled',
  workload: 'handlers/workload',
  repeats: 'repeats',
  summary: 'reports/summary',
  annual: 'reports/annual',
  clusters: 'cluster-warnings',
};

/** Common filters as flags; anything else the API takes goes through `--q name=value`. */
const FILTERS = ['region', 'category', 'channel', 'kind', 'status', 'step', 'handler', 'period', 'from', 'to', 'days', 'year', 'limit', 'cursor', 'offset'];
export const SUPERVISION_FLAGS: readonly FlagSpec[] = [
  // --unit is the caller's own unit (global flag); the unit a list is about is --unit-id.
  { name: 'unit-id', type: 'string', valueName: 'unit', zh: '按责任单位筛选', en: 'filter by responsible unit' },
  ...FILTERS.map((name): FlagSpec => ({ name, type: 'string', valueName: 'value', zh: `筛选条件 ${name}`, en: `filter ${name}` })),
  { name: 'working', type: 'boolean', zh: '按工作日计算（due-soon）', en: 'count working days (due-soon)' },
  { name: 'q', type: 'string', multiple: true, valueName: 'name=value', zh: '其他查询参数', en: 'any other query parameter' },
];

/** Builds the request path from the view and the flags (pure; tested). */
export function supervisionPath(view: string | undefined, values: FlagValues): string {
  const path = view ? SUPERVISION_VIEWS[view] : undefined;
  if (!path) {
    throw new UsageError(`未知的督查视图：${view ?? '(缺少)'}`, `Unknown supervision view: ${view ?? '(missing)'}; one of ${Object.keys(SUPERVISION_VIEWS).join(', ')}`, 'supervision');
  }
  const params = new URLSearchParams();
  const unitId = stringFlag(values, 'unit-id');
  if (unitId !== undefined) params.set('unit', unitId);
  for (const name of FILTERS) {
    const v = stringFlag(values, name);
    if (v !== undefined) params.set(name, v);
  }
  if (values.working === true) params.set('working', 'true');
  const extra = values.q;
  for (const pair of Array.isArray(extra) ? extra : extra === undefined ? [] : [extra]) {
    const text = String(pair);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--q 需要 name=value：${text}`, `--q needs name=value: ${text}`, 'supervision');
    params.set(text.slice(0, eq), text.slice(eq + 1));
  }
  if (path === 'reports/annual') params.set('format', 'json');
  const query = params.toString();
  return `/supervision/${path}${query ? `?${query}` : ''}`;
}

/** A unit the API names (unitName, leadUnitName) is shown by its name with the id in brackets, in the id's place. */
function named(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'unitName' || k === 'leadUnitName') continue;
    const name = k === 'unitId' ? row.unitName : k === 'leadUnitId' ? row.leadUnitName : undefined;
    if (typeof v === 'string' && typeof name === 'string' && name !== v) out[k === 'unitId' ? 'unit' : 'leadUnit'] = `${name}（${v}）`;
    else out[k] = v;
  }
  return out;
}

/** Human output: the list in the answer, one line per row with its fields; other answers as indented JSON. */
export function formatSupervision(body: unknown): string {
  if (body && typeof body === 'object') {
    const list = Object.values(body as Record<string, unknown>).find(Array.isArray) as Record<string, unknown>[] | undefined;
    if (list) {
      if (list.length === 0) return '（无记录） / (no rows)';
      return list.map((row) => Object.entries(named(row)).filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('  ')).join('\n');
    }
  }
  return JSON.stringify(body, null, 2);
}

export const supervisionCommand: CliCommand = {
  name: 'supervision',
  zh: '督查查询与报表（超期、临期、违限、问责台账、被投诉最多单位、工作量、重复信访、统计报表、类案预警）',
  en: 'Supervision lists and reports: overdue, due soon, breaches, ledger, most-complained units (respondents), most-handled units, workload, repeats, summary, annual, cluster warnings',
  flags: () => SUPERVISION_FLAGS,
  help: () => ({
    usage: [
      `petitions supervision <${Object.keys(SUPERVISION_VIEWS).join('|')}> [--unit-id U] [--region 3101] [--period 2026-11] [--limit N] [--q name=value ...] [--json]`,
      'petitions supervision due-soon --days 3 --working',
      'petitions supervision annual --year 2026 --json',
    ],
    notes: ['年报 CSV/XLSX 请用 API：GET /supervision/reports/annual?year=2026&format=xlsx / CSV and XLSX of the annual report: use the API with format=csv|xlsx.'],
  }),
  async run(ctx, { positionals, values }) {
    const [view, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`, `Unexpected arguments: ${extra.join(' ')}`, 'supervision');
    ctx.requireActor();
    const { body } = await ctx.api.get<unknown>(supervisionPath(view, values));
    return { body, text: formatSupervision(body) };
  },
};
