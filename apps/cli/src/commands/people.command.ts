import { type FlagSpec, type FlagValues, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CliCommand, CommandContext, CommandResult } from './command';
import { UNITS_FLAGS, parseUnitsFile } from './units.command';

const SUBS = ['import', 'list', 'show'] as const;

export const PEOPLE_FLAGS: readonly FlagSpec[] = [
  { name: 'of-unit', type: 'string', valueName: 'unitId', zh: '只列该单位的人员', en: 'only the people of this unit' },
];

interface Person { id: string; nameZh: string; unitId: string; roles: string[]; validFrom: string | null; validTo: string | null; version: number;
  effectiveFrom: string; changedBy: string; changedAt: string; reason: string | null }

/** Rows of a people file (CSV header id,nameZh,unitId,roles,validFrom,validTo; roles separated by ; or 、) or JSON Lines. */
export function parsePeopleFile(path: string, text: string): Record<string, unknown>[] {
  return parseUnitsFile(path, text);
}

async function run(ctx: CommandContext, sub: string, rest: string[], values: FlagValues): Promise<CommandResult> {
  const need = (n: number, usage: string): string[] => {
    if (rest.length !== n) throw new UsageError(`用法：petitions people ${usage}`, `usage: petitions people ${usage}`, 'people');
    return rest;
  };
  switch (sub) {
    case 'import': {
      const [file] = need(1, 'import <people.csv|people.jsonl> --reason "…" [--effective-from YYYY-MM-DD]');
      const reason = stringFlag(values, 'reason');
      if (!reason) throw new UsageError('需要 --reason（变更原因）', 'give the reason with --reason', 'people');
      const people = parsePeopleFile(file!, ctx.readFile(file!));
      ctx.requireActor();
      const effectiveFrom = stringFlag(values, 'effective-from');
      const { body } = await ctx.api.post<{ created: string[]; updated: string[]; unchanged: string[] }>('/people', { people, reason, ...(effectiveFrom ? { effectiveFrom } : {}) });
      return { body, text: `已导入 Imported: 新增 created ${body.created.length}，更新 updated ${body.updated.length}，未变 unchanged ${body.unchanged.length}` };
    }
    case 'list': {
      need(0, 'list [--of-unit <unitId>]');
      const unit = stringFlag(values, 'of-unit');
      const { body } = await ctx.api.get<{ people: Person[] }>(`/people${unit ? `?unitId=${encodeURIComponent(unit)}` : ''}`);
      return { body, text: body.people.map((p) => `${p.id}  ${p.nameZh}  ${p.unitId}  ${p.roles.join(',')}  ${p.validFrom ?? '…'}–${p.validTo ?? '…'}  v${p.version}`).join('\n')
        || '（人员目录为空 / the people directory is empty）' };
    }
    case 'show': {
      const [id] = need(1, 'show <personId> [--as-of YYYY-MM-DD]');
      const asOf = stringFlag(values, 'as-of');
      const { body } = await ctx.api.get<Person & { unitName: string; versions: Person[] }>(`/people/${encodeURIComponent(id!)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
      const lines = [`${body.nameZh}  ${body.id}`, `单位 unit: ${body.unitName}（${body.unitId}）   角色 roles: ${body.roles.join(', ')}`,
        `在任 in post: ${body.validFrom ?? '…'} – ${body.validTo ?? '…'}`,
        ...body.versions.map((v) => `  v${v.version} 自 from ${v.effectiveFrom}  ${v.changedBy}：${v.reason ?? ''}`)];
      return { body, text: lines.join('\n') };
    }
    default:
      throw new UsageError(`未知子命令：${sub}`, `Unknown subcommand "${sub}"; one of ${SUBS.join(', ')}`, 'people');
  }
}

export const peopleCommand: CliCommand = {
  name: 'people',
  zh: '人员目录：导入人员（CSV 或 JSON Lines）、列表、查看（按日期）',
  en: 'People directory: import people (CSV or JSON Lines), list, show (as of a date)',
  flags: () => [...UNITS_FLAGS.filter((f) => ['reason', 'effective-from', 'as-of'].includes(f.name)), ...PEOPLE_FLAGS],
  help: () => ({
    usage: [
      'petitions people import people.csv --reason "初始导入" [--effective-from 2027-01-01] --as <id> --role admin',
      'petitions people list [--of-unit <unitId>]',
      'petitions people show <personId> [--as-of 2026-06-01]',
    ],
    notes: ['CSV 表头：id,nameZh,unitId,roles,validFrom,validTo（roles 以 ; 分隔：registrar, handler, unit_head, leader, supervisor, auditor, admin）。见 docs/unit-directory.md。 / '
      + 'CSV header as above (roles separated by ;); see docs/unit-directory.md.'],
  }),
  async run(ctx, { values, positionals }) {
    const [sub, ...rest] = positionals;
    if (!sub) throw new UsageError(`用法：petitions people <${SUBS.join('|')}>`, `usage: petitions people <${SUBS.join('|')}>`, 'people');
    return run(ctx, sub, rest, values);
  },
};
