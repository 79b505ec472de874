import { type FlagSpec, type FlagValues, intFlag, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CommandContext, CommandResult } from './command';

export const PERSONAL_DATA_READ_FLAGS: readonly FlagSpec[] = [
  { name: 'case', type: 'string', valueName: 'caseId', zh: '只看该案件的查阅记录（personal-data-reads）', en: "only this case's reads (personal-data-reads)" },
  { name: 'actor', type: 'string', valueName: 'id', zh: '只看该人员的查阅记录（personal-data-reads）', en: "only this actor's reads (personal-data-reads)" },
  { name: 'from', type: 'string', valueName: 'date', zh: '起始时间（含；YYYY-MM-DD 或 ISO 8601）', en: 'from (inclusive; YYYY-MM-DD or ISO 8601)' },
  { name: 'to', type: 'string', valueName: 'date', zh: '截止时间（不含）', en: 'to (exclusive)' },
  { name: 'limit', type: 'string', valueName: 'n', zh: '每页条数（默认 50）', en: 'rows per page (default 50)' },
  { name: 'cursor', type: 'string', valueName: 'cursor', zh: '下一页游标（上一页的 nextCursor）', en: "next page's cursor (the previous page's nextCursor)" },
];

export interface PersonalDataReadJson {
  id: string; readAt: string; actorId: string; actorRole: string; actorUnit: string | null; caseId: string;
  route: string; purpose: string; basis: string; fields: string[];
}
interface Page { items: PersonalDataReadJson[]; nextCursor: string | null }

export function formatPersonalDataReads(page: Page): string {
  if (page.items.length === 0) return '没有查阅记录 / no personal-data reads';
  const lines = page.items.map((r) => `#${r.id} ${r.readAt} ${r.actorId} (${r.actorRole}${r.actorUnit ? ` · ${r.actorUnit}` : ''}) `
    + `${r.caseId} [${r.fields.join(',')}] ${r.basis} ${r.route} — ${r.purpose}`);
  if (page.nextCursor) lines.push(`下一页 next page: --cursor ${page.nextCursor}`);
  return lines.join('\n');
}

/** `audit personal-data-reads [--case …] [--actor …] [--from …] [--to …]`: the read log, newest first (auditors). */
export async function personalDataReads(ctx: CommandContext, rest: readonly string[], values: FlagValues): Promise<CommandResult> {
  if (rest.length > 0) throw new UsageError(`多余的参数：${rest.join(' ')}（用 --case 指定案件）`, `Unexpected arguments: ${rest.join(' ')} (use --case)`, 'audit personal-data-reads');
  const q = new URLSearchParams();
  const put = (k: string, v: string | number | undefined) => { if (v !== undefined) q.set(k, String(v)); };
  put('caseId', stringFlag(values, 'case'));
  put('actorId', stringFlag(values, 'actor'));
  put('from', stringFlag(values, 'from'));
  put('to', stringFlag(values, 'to'));
  put('limit', intFlag(values, 'limit', { min: 1 }));
  put('cursor', stringFlag(values, 'cursor'));
  const body = (await ctx.api.get<Page>(`/audit/personal-data-reads${q.size ? `?${q}` : ''}`)).body;
  return { body, text: formatPersonalDataReads(body) };
}
