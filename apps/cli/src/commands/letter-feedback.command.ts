import { type FlagSpec, type FlagValues, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CommandContext } from './command';

/** Flags of the letter feedback loop (petitions letters feedback|accept|return|adoption). */
export const LETTER_FEEDBACK_FLAGS: readonly FlagSpec[] = [
  { name: 'awaiting', type: 'string', valueName: 'feedback|review', zh: '待反馈（单位）或待审核（督查部门）', en: 'awaiting feedback (unit) or review (office)' },
  { name: 'summary', type: 'string', valueName: 'text', zh: '反馈情况', en: 'feedback summary' },
  { name: 'measures', type: 'string', valueName: 'text', zh: '整改措施', en: 'measures taken' },
  { name: 'doc-no', type: 'string', valueName: '文号', zh: '文书文号', en: 'document number' },
  { name: 'attachments', type: 'string', valueName: 'id,id', zh: '附件（文档编号，逗号分隔）', en: 'attachments by reference (comma-separated)' },
  { name: 'note', type: 'string', valueName: 'text', zh: '说明', en: 'note' },
  { name: 'reason', type: 'string', valueName: 'text', zh: '理由', en: 'reason' },
  { name: 'outcome', type: 'string', valueName: 'adopted|partly_adopted|not_adopted', zh: '采纳情况', en: 'adoption outcome' },
];

export const LETTER_FEEDBACK_USAGE = [
  'petitions letters feedback <letterId|文号> --summary <text> --doc-no <文号> [--measures <text>] [--attachments a,b]',
  'petitions letters accept <letterId|文号> [--note <text>]',
  'petitions letters return <letterId|文号> --reason <text> --limit 10d|5wd',
  'petitions letters adoption <letterId|文号> --outcome adopted|partly_adopted|not_adopted [--reason <text>] [--doc-no <文号>]',
];

const OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'];

/** '10d' = 10 calendar days, '5wd' = 5 working days. */
export function parseLetterLimit(raw: string): { amount: number; unit: 'calendar_days' | 'working_days' } {
  const m = /^(\d{1,3})(d|wd)$/.exec(raw.trim());
  if (!m || Number(m[1]) < 1) throw new UsageError('--limit 须为如 10d（自然日）或 5wd（工作日）', '--limit reads like 10d (calendar days) or 5wd (working days)', 'letters');
  return { amount: Number(m[1]), unit: m[2] === 'wd' ? 'working_days' : 'calendar_days' };
}

function need(values: FlagValues, name: string): string {
  const v = stringFlag(values, name);
  if (v === undefined || v.trim() === '') throw new UsageError(`缺少必填选项 --${name}`, `Missing required option --${name}`, 'letters');
  return v;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** letters feedback|accept|return|adoption <letter>; null when `sub` is none of them. */
export async function runLetterFeedback(ctx: CommandContext, sub: string | undefined, rest: string[], values: FlagValues) {
  const routes: Record<string, () => { path: string; body: Record<string, unknown> }> = {
    feedback: () => ({ path: 'feedback', body: compact({ summary: need(values, 'summary'), measures: stringFlag(values, 'measures'),
      documentNo: need(values, 'doc-no'), attachments: stringFlag(values, 'attachments')?.split(',').map((a) => a.trim()).filter(Boolean) }) }),
    accept: () => ({ path: 'feedback/accept', body: compact({ note: stringFlag(values, 'note') }) }),
    return: () => ({ path: 'feedback/return', body: { reason: need(values, 'reason'), limit: parseLetterLimit(need(values, 'limit')) } }),
    adoption: () => {
      const outcome = need(values, 'outcome');
      if (!OUTCOMES.includes(outcome)) throw new UsageError(`--outcome 须为 ${OUTCOMES.join('|')}`, `--outcome is ${OUTCOMES.join('|')}`, 'letters');
      return { path: 'adoption', body: compact({ outcome, reason: stringFlag(values, 'reason'), documentNo: stringFlag(values, 'doc-no') }) };
    },
  };
  if (sub === undefined || !(sub in routes)) return null;
  if (rest.length !== 1) throw new UsageError(`用法：petitions letters ${sub} <文书编号或文号>`, `usage: petitions letters ${sub} <letterId|letterNo>`, 'letters');
  const { path, body } = routes[sub]!();
  const { body: answer } = await ctx.api.post<{ letterNo: string; events: { type: string }[] }>(`/letters/${encodeURIComponent(rest[0]!)}/${path}`, body);
  return { body: answer, text: `${answer.letterNo}: ${(answer.events ?? []).map((e) => e.type).join(', ')}` };
}
