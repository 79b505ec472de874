import { UsageError } from '../cli-errors';
import type { CliCommand } from './command';

export const petitionerCommand: CliCommand = {
  name: 'petitioner',
  zh: '查看信访人信息（登记机构的登记员、主办单位人员及授权角色可见明文并留痕，其他人脱敏）',
  en: "Show the petitioner's details (in clear, and logged, for the filing bureau's registrars, the lead unit's staff and named roles; masked otherwise)",
  flags: () => [],
  help: () => ({ usage: ['petitions petitioner <caseId> --as <id> --role <role> [--unit <unit>]'] }),
  async run(ctx, { positionals }) {
    if (positionals.length !== 1) throw new UsageError('用法：petitions petitioner <案件编号>', 'usage: petitions petitioner <caseId>', 'petitioner');
    const { body } = await ctx.api.get<Record<string, unknown>>(`/petitions/${encodeURIComponent(positionals[0]!)}/petitioner`);
    return { body, text: Object.entries(body).map(([k, v]) => `${k.padEnd(14)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n') };
  },
};
