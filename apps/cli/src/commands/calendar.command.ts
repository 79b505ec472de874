import { type FlagSpec, type FlagValues, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CliCommand, CommandContext, CommandResult } from './command';
import { POLICIES_FLAGS } from './policies.command';

const SUBS = ['import', 'list', 'coverage'] as const;

/** Flags only this command has (the note flag is shared with `policies`). */
export const CALENDAR_FLAGS: readonly FlagSpec[] = [
  { name: 'doc-no', type: 'string', valueName: 'number', zh: '国务院办公厅通知文号，如 国办发明电〔2026〕N号', en: 'document number of the State Council notice' },
  { name: 'no-rollout', type: 'boolean', zh: '只发布，不推送至在办案件', en: 'publish only; do not bring it to open cases' },
];
const NOTE = POLICIES_FLAGS.filter((f) => f.name === 'note');

const text = (body: unknown): string => JSON.stringify(body, null, 2);

interface YearsBody { inForce?: { year: number; source: string }[]; published?: { year: number; version: number; documentNo: string; publishedBy: string; publishedAt: string }[] }
interface CoverageBody {
  years?: { year: number; source: string; documentNo: string | null }[];
  provisionalOpenCases?: { year: number; cases: number }[];
  missingYear?: { missingYears: number[]; messageZh: string; messageEn: string } | null;
}

async function run(ctx: CommandContext, sub: string, rest: string[], values: FlagValues): Promise<CommandResult> {
  const need = (n: number, usage: string): string[] => {
    if (rest.length !== n) throw new UsageError(`用法：petitions calendar ${usage}`, `usage: petitions calendar ${usage}`, 'calendar');
    return rest;
  };
  switch (sub) {
    case 'import': {
      const [file] = need(1, 'import <cn-YYYY.json> --doc-no "国办发明电〔YYYY〕N号" [--note "…"] [--no-rollout]');
      const documentNo = stringFlag(values, 'doc-no');
      if (!documentNo) throw new UsageError('需要 --doc-no（通知文号）', 'give the notice document number with --doc-no', 'calendar');
      let arrangement: unknown;
      try {
        arrangement = JSON.parse(ctx.readFile(file!));
      } catch (err) {
        throw new UsageError(`${file} 不是合法的 JSON`, `${file} is not valid JSON: ${(err as Error).message}`, 'calendar');
      }
      ctx.requireActor();
      const note = stringFlag(values, 'note');
      const { body } = await ctx.api.post('/calendar/years', {
        arrangement, documentNo, adoptOpenCases: values['no-rollout'] !== true, ...(note ? { note } : {}),
      });
      return { body, text: `已发布 Published\n${text(body)}` };
    }
    case 'list': {
      need(0, 'list');
      const { body } = await ctx.api.get<YearsBody>('/calendar/years');
      const lines = [
        '在用年度 Years in force:',
        ...(body.inForce ?? []).map((y) => `  ${y.year}  ${y.source}`),
        '发布记录 Publications:',
        ...(body.published ?? []).map((p) => `  ${p.year} v${p.version}  ${p.documentNo}  ${p.publishedBy}  ${p.publishedAt}`),
      ];
      return { body, text: lines.join('\n') };
    }
    case 'coverage': {
      need(0, 'coverage');
      const { body } = await ctx.api.get<CoverageBody>('/calendar/coverage');
      const lines = [
        `已载入年度 Loaded years: ${(body.years ?? []).map((y) => y.year).join(', ')}`,
        ...(body.provisionalOpenCases ?? []).map((p) => `  ${p.year}年未发布：${p.cases} 件在办案件期限暂定 / ${p.year} not published: ${p.cases} open cases with provisional deadlines`),
        ...(body.missingYear ? [`提醒 Warning: ${body.missingYear.messageZh}`, `  ${body.missingYear.messageEn}`] : []),
      ];
      return { body, text: lines.join('\n') };
    }
    default:
      throw new UsageError(`未知子命令：${sub}`, `Unknown subcommand "${sub}"; one of ${SUBS.join(', ')}`, 'calendar');
  }
}

export const calendarCommand: CliCommand = {
  name: 'calendar',
  zh: '节假日安排：导入某年度（推送至在办案件，重新计算暂定期限）、列表、覆盖情况',
  en: 'Holiday arrangements: import a year (brought to open cases, provisional deadlines recomputed), list, coverage',
  flags: () => [...CALENDAR_FLAGS, ...NOTE],
  help: () => ({
    usage: [
      'petitions calendar import cn-2027.json --doc-no "国办发明电〔2026〕N号" [--note "…"] [--no-rollout] --as <id> --role admin',
      'petitions calendar list',
      'petitions calendar coverage',
    ],
    notes: [
      '文件结构同 libs/domain/src/calendar/data/cn-2026.json；校验不通过时逐项列出问题。 / Same shape as libs/domain/src/calendar/data/cn-2026.json; an invalid one lists every problem.',
      '说明见 docs/calendar-years.md。 / See docs/calendar-years.md.',
    ],
  }),
  async run(ctx, { values, positionals }) {
    const [sub, ...rest] = positionals;
    if (!sub) throw new UsageError(`用法：petitions calendar <${SUBS.join('|')}>`, `usage: petitions calendar <${SUBS.join('|')}>`, 'calendar');
    return run(ctx, sub, rest, values);
  },
};
