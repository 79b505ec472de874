import { type FlagSpec, type FlagValues, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import { isRecord, readBodyInput, BODY_FLAGS } from './body-input';
import type { CliCommand, CommandContext, CommandResult } from './command';

const SUBS = ['list', 'versions', 'publish', 'resolve', 'rollout'] as const;

export const POLICIES_FLAGS: readonly FlagSpec[] = [
  ...BODY_FLAGS,
  { name: 'adopt-open-cases', type: 'boolean', zh: '发布后推送至在办案件（重新计算期限，保留已用时间）', en: 'roll the version out to open cases (re-arm their clocks, keeping the elapsed time)' },
  { name: 'note', type: 'string', valueName: 'text', zh: '发布说明', en: 'publication note' },
  { name: 'region', type: 'string', valueName: 'code', zh: '六位行政区划代码（resolve）', en: 'six-digit division code (resolve)' },
  { name: 'category', type: 'string', valueName: 'code', zh: '内容分类（resolve）', en: 'content category (resolve)' },
  { name: 'channel', type: 'string', valueName: 'channel', zh: '信访渠道（resolve）', en: 'channel (resolve)' },
  { name: 'kind', type: 'string', valueName: 'kind', zh: '类别（resolve）', en: 'kind (resolve)' },
];

const text = (body: unknown): string => JSON.stringify(body, null, 2);
const seg = (s: string): string => encodeURIComponent(s);

async function run(ctx: CommandContext, sub: string, rest: string[], values: FlagValues): Promise<CommandResult> {
  const need = (n: number, usage: string): string[] => {
    if (rest.length !== n) throw new UsageError(`用法：petitions policies ${usage}`, `usage: petitions policies ${usage}`, 'policies');
    return rest;
  };
  switch (sub) {
    case 'list': {
      need(0, 'list');
      const { body } = await ctx.api.get<{ policies?: { id: string; version: number; name: string; scope: unknown; effectiveFrom: string }[] }>('/policies');
      const rows = Array.isArray(body.policies) ? body.policies : [];
      return { body, text: rows.length ? rows.map((p) => `${p.id} v${p.version}  ${p.name}  scope=${JSON.stringify(p.scope)}  from ${p.effectiveFrom}`).join('\n') : text(body) };
    }
    case 'versions': {
      const [id] = need(1, 'versions <policyId>');
      const { body } = await ctx.api.get(`/policies/${seg(id!)}/versions`);
      return { body, text: text(body) };
    }
    case 'rollout': {
      const [id, version] = need(2, 'rollout <policyId> <version>');
      const { body } = await ctx.api.get(`/policies/${seg(id!)}/versions/${seg(version!)}/rollout`);
      return { body, text: text(body) };
    }
    case 'publish': {
      need(0, 'publish --json-file policy.json [--adopt-open-cases] [--note "…"]');
      const document = readBodyInput(values, ctx.readFile);
      if (!isRecord(document)) {
        throw new UsageError('需要用 --json-file 或 --json 提供政策文件', 'give the policy document with --json-file or --json', 'policies');
      }
      ctx.requireActor();
      const note = stringFlag(values, 'note');
      const { body } = await ctx.api.post('/policies', { document, adoptOpenCases: values['adopt-open-cases'] === true, ...(note ? { note } : {}) });
      return { body, text: `已发布 Published\n${text(body)}` };
    }
    case 'resolve': {
      need(0, 'resolve --region <code> --category <code> --channel <c> --kind <k>');
      const facts = { regionCode: stringFlag(values, 'region'), category: stringFlag(values, 'category'),
        channel: stringFlag(values, 'channel'), kind: stringFlag(values, 'kind') };
      const missing = Object.entries({ region: facts.regionCode, category: facts.category, channel: facts.channel, kind: facts.kind })
        .filter(([, v]) => v === undefined).map(([k]) => `--${k}`);
      if (missing.length) throw new UsageError(`缺少选项：${missing.join(' ')}`, `Missing options: ${missing.join(' ')}`, 'policies');
      const { body } = await ctx.api.post('/policies/resolve', facts);
      return { body, text: text(body) };
    }
    default:
      throw new UsageError(`未知子命令：${sub}`, `Unknown subcommand "${sub}"; one of ${SUBS.join(', ')}`, 'policies');
  }
}

export const policiesCommand: CliCommand = {
  name: 'policies',
  zh: '督办政策：列表、版本、发布（可推送至在办案件）、按案件要素求适用政策、推送进度',
  en: 'Supervision policies: list, versions, publish (optionally to open cases), resolve for case facts, rollout progress',
  flags: () => POLICIES_FLAGS,
  help: () => ({
    usage: [
      'petitions policies list',
      'petitions policies versions <policyId>',
      'petitions policies publish --json-file policy.json [--adopt-open-cases] [--note "…"] --as <id> --role supervisor',
      'petitions policies resolve --region 330106 --category urban_construction --channel letter --kind claim',
      'petitions policies rollout <policyId> <version>',
    ],
    notes: ['政策文件的结构见 libs/domain/src/policy/data/zj-2016.json；校验不通过时逐项列出问题（退出码 3）。 / Document shape: libs/domain/src/policy/data/zj-2016.json; an invalid one lists every problem (exit 3).'],
  }),
  async run(ctx, { values, positionals }) {
    const [sub, ...rest] = positionals;
    if (!sub) throw new UsageError(`用法：petitions policies <${SUBS.join('|')}>`, `usage: petitions policies <${SUBS.join('|')}>`, 'policies');
    return run(ctx, sub, rest, values);
  },
};
