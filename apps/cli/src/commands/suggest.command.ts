import { UsageError } from '../cli-errors';
import { buildRegistration } from './file.command';
import { readBodyInput } from './body-input';
import type { CliCommand } from './command';

interface SuggestionJson {
  caseId: string; status: string; closureReason: string | null; score: number; reasons: string[]; contentSimilarity: number; fileAs: string;
}

/** POST /petitions/suggest-related: the cases a new petition may be a repeat of, for the registrar to decide. */
export const suggestCommand: CliCommand = {
  name: 'suggest',
  zh: '同一事项建议：列出可能相关的案件（评分与理由），由登记员判定是否 --repeat-of',
  en: 'Same-matter suggestions: possibly related cases (score and reasons); the registrar decides on --repeat-of',
  flags: () => [],
  help: () => ({
    usage: [
      'petitions suggest --json-file <registration.json> --as <id> --role registrar',
      'petitions suggest --category <code> --respondent "<desc>" --name "<name>" [--id-number <id>] [--phone <p>] [--summary "<text>"] --as <id> --role registrar',
    ],
    notes: ['与 petitions file 相同的选项；只比较 HMAC 与摘要的加密指纹，不登记任何内容。 / Takes the options of petitions file; compares HMACs and a keyed sketch only, files nothing.'],
  }),
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`suggest 不接受位置参数：${positionals.join(' ')}`, `suggest takes no positional arguments: ${positionals.join(' ')}`, 'suggest');
    const base = readBodyInput(values, ctx.readFile);
    const all = buildRegistration(values, base ?? {});
    const probe = { category: all.category, respondent: all.respondent, summary: all.summary, petitioner: all.petitioner };
    ctx.requireActor();
    const { body } = await ctx.api.post<{ suggestions: SuggestionJson[] }>('/petitions/suggest-related', probe);
    const lines = body.suggestions.map((s) => `${s.caseId}  ${s.score.toFixed(2)}  ${s.status}${s.closureReason ? `(${s.closureReason})` : ''}  `
      + `${s.reasons.join(',')}  → ${s.fileAs}`);
    return { body, text: lines.length ? ['案件编号 case  评分 score  状态 status  理由 reasons  → repeatOf 的效果 effect', ...lines].join('\n') : '无建议 / no suggestions' };
  },
};
