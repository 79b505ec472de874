import type { CaseLiveViewJson } from '../api-types';
import { UsageError } from '../cli-errors';
import { formatLiveView } from '../format/live.format';
import type { CliCommand } from './command';

export const liveCommand: CliCommand = {
  name: 'live',
  zh: '查看案件实时状态（工作流：状态、时间线、待届期限及剩余时间）',
  en: 'Show the live case from its workflow (GET /petitions/:id/live): state, timeline, pending deadlines and time left',
  flags: () => [],
  help: () => ({
    usage: ['petitions live <caseId> [--json]'],
    notes: ['截止时间以北京时间（Asia/Shanghai）显示，剩余时间如“3天4小时 / 3d 4h”。 / Due times in Asia/Shanghai; time left as "3天4小时 / 3d 4h".'],
  }),
  async run(ctx, { positionals }) {
    const [caseId, ...extra] = positionals;
    if (!caseId) throw new UsageError('缺少案件编号 <caseId>', 'Missing <caseId>', 'live');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`, `Unexpected arguments: ${extra.join(' ')}`, 'live');
    const { body } = await ctx.api.live(caseId);
    return { body, text: formatLiveView(body as CaseLiveViewJson) };
  },
};
