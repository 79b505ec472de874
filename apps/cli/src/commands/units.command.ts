import { type FlagSpec, type FlagValues, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CliCommand, CommandContext, CommandResult } from './command';
import { csvRows } from './import.parse';

const SUBS = ['import', 'list', 'show', 'tree', 'merge', 'rename', 'move', 'close', 'reorganizations'] as const;

export const UNITS_FLAGS: readonly FlagSpec[] = [
  { name: 'reason', type: 'string', valueName: 'text', zh: '变更原因（初始导入、更名、撤并…）', en: 'why (initial import, rename, merger…)' },
  { name: 'effective-from', type: 'string', valueName: 'date', zh: '变更生效日期（默认现在）', en: 'from when the change applies (default now)' },
  { name: 'as-of', type: 'string', valueName: 'date', zh: '按该日期显示当时的名称', en: 'show the unit as it was on that date' },
  { name: 'into', type: 'string', valueName: 'unitId', zh: '合并后的承继单位', en: 'the successor the units merge into' },
  { name: 'successor', type: 'string', valueName: 'unitId', zh: '撤销单位的承继单位（在办案件移交该单位）', en: 'the successor of a closed unit (its open cases move there)' },
  { name: 'new-name', type: 'string', valueName: 'text', zh: '新的单位全称', en: 'the new full name' },
  { name: 'new-short-name', type: 'string', valueName: 'text', zh: '新的简称', en: 'the new short name' },
  { name: 'parent', type: 'string', valueName: 'unitId', zh: '新的上级单位', en: 'the new parent unit' },
];

interface Reorganization { reorganizationId: string; kind: string; unitIds: string[]; successorId: string | null; effectiveFrom: string; decidedBy: string;
  reason: string; rolloutWorkflowId: string | null; rollout?: { considered: number; adopted: number; rejected: number; done: boolean } | null }

const reorgLine = (r: Reorganization) => `${r.reorganizationId}  ${r.kind}  ${r.unitIds.join(',')}${r.successorId ? ` → ${r.successorId}` : ''}  自 from ${r.effectiveFrom}  ${r.decidedBy}：${r.reason}`;

interface Unit { id: string; nameZh: string; shortName: string | null; kind: string; parentId: string | null; regionCode: string | null;
  supervisingBodyId: string | null; validFrom: string | null; validTo: string | null; version: number; effectiveFrom: string; changedBy: string; reason: string | null }

/** Rows of a units file: CSV with a header (id,nameZh,shortName,kind,parentId,regionCode,supervisingBodyId,validFrom,validTo) or JSON Lines. */
export function parseUnitsFile(path: string, text: string): Record<string, unknown>[] {
  const content = text.replace(/^\uFEFF/, '');
  if (/\.csv$/i.test(path)) {
    const [header, ...rows] = csvRows(content);
    if (!header) return [];
    const names = header.cells.map((c) => c.trim());
    // Empty cells are left out (absent = none).
    return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, (r.cells[i] ?? '').trim()]).filter(([, v]) => v !== '')));
  }
  return content.split(/\r?\n/).filter((l) => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new UsageError(`${path} 第${i + 1}行不是有效的 JSON`, `${path} line ${i + 1} is not valid JSON`, 'units');
    }
  });
}

/** Indented lines of the units under their parents (roots: no parent, or a parent not in the list). */
export function unitTree(units: readonly Pick<Unit, 'id' | 'nameZh' | 'parentId'>[]): string[] {
  const ids = new Set(units.map((u) => u.id));
  const lines: string[] = [];
  const walk = (parent: string | null, depth: number, seen: Set<string>) => {
    for (const u of units.filter((x) => (parent === null ? !x.parentId || !ids.has(x.parentId) : x.parentId === parent))) {
      if (seen.has(u.id)) continue;
      lines.push(`${'  '.repeat(depth)}${u.nameZh}  (${u.id})`);
      walk(u.id, depth + 1, new Set([...seen, u.id]));
    }
  };
  walk(null, 0, new Set());
  return lines;
}

async function run(ctx: CommandContext, sub: string, rest: string[], values: FlagValues): Promise<CommandResult> {
  const need = (n: number, usage: string): string[] => {
    if (rest.length !== n) throw new UsageError(`用法：petitions units ${usage}`, `usage: petitions units ${usage}`, 'units');
    return rest;
  };
  switch (sub) {
    case 'import': {
      const [file] = need(1, 'import <units.csv|units.jsonl> --reason "…" [--effective-from YYYY-MM-DD]');
      const reason = stringFlag(values, 'reason');
      if (!reason) throw new UsageError('需要 --reason（变更原因）', 'give the reason with --reason', 'units');
      const units = parseUnitsFile(file!, ctx.readFile(file!));
      ctx.requireActor();
      const effectiveFrom = stringFlag(values, 'effective-from');
      const { body } = await ctx.api.post<{ created: string[]; updated: string[]; unchanged: string[] }>('/units', { units, reason, ...(effectiveFrom ? { effectiveFrom } : {}) });
      return { body, text: `已导入 Imported: 新增 created ${body.created.length}，更新 updated ${body.updated.length}，未变 unchanged ${body.unchanged.length}` };
    }
    case 'list': {
      need(0, 'list');
      const { body } = await ctx.api.get<{ units: Unit[] }>('/units');
      return { body, text: body.units.map((u) => `${u.id}  ${u.nameZh}  ${u.kind}  ${u.parentId ?? '-'}  v${u.version}`).join('\n') || '（目录为空 / the directory is empty）' };
    }
    case 'show': {
      const [id] = need(1, 'show <unitId> [--as-of YYYY-MM-DD]');
      const asOf = stringFlag(values, 'as-of');
      const { body } = await ctx.api.get<Unit>(`/units/${encodeURIComponent(id!)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
      const lines = [`${body.nameZh}（${body.shortName ?? '-'}）  ${body.id}`, `类别 kind: ${body.kind}   上级 parent: ${body.parentId ?? '-'}   区划 region: ${body.regionCode ?? '-'}`,
        `督办建议送 supervising body: ${body.supervisingBodyId ?? '-'}   存续 valid: ${body.validFrom ?? '…'} – ${body.validTo ?? '…'}`,
        `版本 version ${body.version}，自 from ${body.effectiveFrom}，${body.changedBy}：${body.reason ?? ''}`];
      return { body, text: lines.join('\n') };
    }
    case 'tree': {
      need(0, 'tree');
      const { body } = await ctx.api.get<{ units: Unit[] }>('/units');
      return { body, text: unitTree(body.units).join('\n') || '（目录为空 / the directory is empty）' };
    }
    case 'merge': case 'rename': case 'move': case 'close': {
      const reason = stringFlag(values, 'reason');
      if (!reason) throw new UsageError('需要 --reason（机构改革的依据）', 'give the reason (the decision) with --reason', 'units');
      const effectiveFrom = stringFlag(values, 'effective-from');
      const flag = (name: string, usage: string) => {
        const v = stringFlag(values, name);
        if (!v) throw new UsageError(`用法：petitions units ${usage}`, `usage: petitions units ${usage}`, 'units');
        return v;
      };
      const request = sub === 'merge'
        ? { kind: 'merge', unitIds: rest, successorId: flag('into', 'merge <unitId…> --into <successor> --reason "…"') }
        : sub === 'rename'
          ? { kind: 'rename', unitId: need(1, 'rename <unitId> --new-name "…" [--new-short-name …] --reason "…"')[0], nameZh: flag('new-name', 'rename <unitId> --new-name "…" --reason "…"'),
            ...(stringFlag(values, 'new-short-name') ? { shortName: stringFlag(values, 'new-short-name') } : {}) }
          : sub === 'move'
            ? { kind: 'move', unitId: need(1, 'move <unitId> --parent <unitId> --reason "…"')[0], parentId: flag('parent', 'move <unitId> --parent <unitId> --reason "…"') }
            : { kind: 'close', unitId: need(1, 'close <unitId> [--successor <unitId>] --reason "…"')[0], ...(stringFlag(values, 'successor') ? { successorId: stringFlag(values, 'successor') } : {}) };
      if (sub === 'merge' && rest.length === 0) throw new UsageError('用法：petitions units merge <unitId…> --into <successor>', 'usage: petitions units merge <unitId…> --into <successor>', 'units');
      ctx.requireActor();
      const { body } = await ctx.api.post<Reorganization>('/reorganizations', { ...request, reason, ...(effectiveFrom ? { effectiveFrom } : {}) });
      return { body, text: `已记录 Recorded: ${reorgLine(body)}${body.rolloutWorkflowId ? `\n在办案件移交中 moving open cases: ${body.rolloutWorkflowId}（petitions units reorganizations ${body.reorganizationId}）` : ''}` };
    }
    case 'reorganizations': {
      if (rest.length > 1) throw new UsageError('用法：petitions units reorganizations [<id>]', 'usage: petitions units reorganizations [<id>]', 'units');
      if (rest[0]) {
        const { body } = await ctx.api.get<Reorganization>(`/reorganizations/${encodeURIComponent(rest[0])}`);
        const r = body.rollout;
        return { body, text: [reorgLine(body), r ? `案件移交 cases: 已移交 moved ${r.adopted} / 共 considered ${r.considered}，未移交 refused ${r.rejected}${r.done ? '（完成 done）' : '（进行中 running）'}` : ''].filter(Boolean).join('\n') };
      }
      const { body } = await ctx.api.get<{ reorganizations: Reorganization[] }>('/reorganizations');
      return { body, text: body.reorganizations.map(reorgLine).join('\n') || '（无机构改革记录 / no reorganizations）' };
    }
    default:
      throw new UsageError(`未知子命令：${sub}`, `Unknown subcommand "${sub}"; one of ${SUBS.join(', ')}`, 'units');
  }
}

export const unitsCommand: CliCommand = {
  name: 'units',
  zh: '组织机构目录：导入单位（CSV 或 JSON Lines）、列表、查看（按日期）、层级树；机构改革：合并、更名、调整隶属、撤销',
  en: 'Organization directory: import units (CSV or JSON Lines), list, show (as of a date), tree; reorganize: merge, rename, move, close',
  flags: () => UNITS_FLAGS,
  help: () => ({
    usage: [
      'petitions units import units.csv --reason "初始导入" [--effective-from 2027-01-01] --as <id> --role admin',
      'petitions units list',
      'petitions units show <unitId> [--as-of 2026-06-01]',
      'petitions units tree',
      'petitions units merge <unitId…> --into <successor> --reason "机构改革方案" [--effective-from 2027-01-01]',
      'petitions units rename <unitId> --new-name "…" [--new-short-name …] --reason "…"',
      'petitions units move <unitId> --parent <unitId> --reason "…"',
      'petitions units close <unitId> [--successor <unitId>] --reason "…"',
      'petitions units reorganizations [<id>]',
    ],
    notes: ['CSV 表头：id,nameZh,shortName,kind,parentId,regionCode,supervisingBodyId,validFrom,validTo。说明见 docs/unit-directory.md。 / CSV header as above; see docs/unit-directory.md.'],
  }),
  async run(ctx, { values, positionals }) {
    const [sub, ...rest] = positionals;
    if (!sub) throw new UsageError(`用法：petitions units <${SUBS.join('|')}>`, `usage: petitions units <${SUBS.join('|')}>`, 'units');
    return run(ctx, sub, rest, values);
  },
};
