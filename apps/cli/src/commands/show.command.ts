import type { CaseReadModelJson } from '../api-types';
import { UsageError } from '../cli-errors';
import { formatReadModel } from '../format/case.format';
import type { CliCommand } from './command';

export const showCommand: CliCommand = {
  name: 'show',
  zh: '查看案件（读取模型：状态、环节、单位、下一期限、事件列表）',
  en: 'Show a case from the read model (GET /petitions/:id): status, step, unit, next deadline, events',
  flags: () => [],
  help: () => ({
    usage: ['petitions show <caseId> [--json]'],
    notes: [
      '时间以北京时间（Asia/Shanghai）显示；读取模型在操作后稍有延迟。 / Times are shown in Asia/Shanghai; the read model trails commands slightly.',
    ],
  }),
  async run(ctx, { positionals }) {
    const [caseId, ...extra] = positionals;
    if (!caseId) throw new UsageError('缺少案件编号 <caseId>', 'Missing <caseId>', 'show');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`, `Unexpected arguments: ${extra.join(' ')}`, 'show');
    const { body } = await ctx.api.show(caseId);
    return { body, text: formatReadModel(body as CaseReadModelJson, ctx.now()) };
  },
};
