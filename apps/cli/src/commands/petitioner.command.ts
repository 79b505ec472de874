import { UsageError } from '../cli-errors';
import type { CliCommand } from './command';

export const petitionerCommand: CliCommand = {
  name: 'petitioner',
  zh: '查看信访人信息（按角色脱敏：登记员、经办人、单位负责人可见全文）',
  en: "Show the petitioner's details (masked by role: registrars, handlers and unit heads see them whole)",
  flags: () => [],
  help: () => ({ usage: ['petitions petitioner <caseId> --as <id> --role <role> [--unit <unit>]'] }),
  async run(ctx, { positionals }) {
    if (positionals.length !== 1) throw new UsageError('用法：petitions petitioner <案件编号>', 'usage: petitions petitioner <caseId>', 'petitioner');
    const { body } = await ctx.api.get<Record<string, unknown>>(`/petitions/${encodeURIComponent(positionals[0]!)}/petitioner`);
    return { body, text: Object.entries(body).map(([k, v]) => `${k.padEnd(14)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n') };
  },
};
