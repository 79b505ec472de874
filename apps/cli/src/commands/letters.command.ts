import { type FlagSpec, stringFlag } from '../args';
import { UsageError } from '../cli-errors';
import type { CliCommand } from './command';
import { LETTER_FEEDBACK_FLAGS, LETTER_FEEDBACK_USAGE, runLetterFeedback } from './letter-feedback.command';

export const LETTERS_FLAGS: readonly FlagSpec[] = [
  { name: 'case', type: 'string', valueName: 'caseId', zh: '按案件列出', en: 'letters of a case' },
  { name: 'unit-id', type: 'string', valueName: 'unit', zh: '按收文单位列出', en: 'letters addressed to a unit' },
  { name: 'limit', type: 'string', valueName: 'n', zh: '条数', en: 'how many' },
  { name: 'out', type: 'string', valueName: 'file', zh: '保存到文件（.pdf 或 .html）', en: 'save to a file (.pdf or .html)' },
  ...LETTER_FEEDBACK_FLAGS,
];

interface LetterRow {
  letterId: number | string; letterNo: string; kind: string; recipientUnit: string; issuedAt: string; caseId: string;
  feedbackState?: string; feedbackDueAt?: string | null; addresseeUnit?: string | null;
}

export const lettersCommand: CliCommand = {
  name: 'letters',
  zh: '督办文书：按案件或单位列出，下载 PDF 或 HTML',
  en: 'Supervision letters: list by case or unit, download as PDF or HTML',
  flags: () => LETTERS_FLAGS,
  help: () => ({
    usage: [
      'petitions letters list (--case <caseId> | --unit-id <unit>) [--awaiting feedback|review] [--limit 50]',
      'petitions letters get <letterId> --out letter.pdf|letter.html',
      ...LETTER_FEEDBACK_USAGE,
    ],
  }),
  async run(ctx, { values, positionals }) {
    const [sub, ...rest] = positionals;
    if (sub === 'list' && rest.length === 0) {
      const params = new URLSearchParams();
      const caseId = stringFlag(values, 'case');
      const unit = stringFlag(values, 'unit-id');
      if (caseId) params.set('caseId', caseId);
      if (unit) params.set('unitId', unit);
      const limit = stringFlag(values, 'limit');
      if (limit) params.set('limit', limit);
      const awaiting = stringFlag(values, 'awaiting');
      if (awaiting !== undefined && awaiting !== 'feedback' && awaiting !== 'review') {
        throw new UsageError('--awaiting 须为 feedback 或 review', '--awaiting is feedback or review', 'letters');
      }
      if (awaiting) params.set('awaiting', awaiting);
      const { body } = await ctx.api.get<{ letters: LetterRow[] }>(`/letters${params.size ? `?${params}` : ''}`);
      const rows = body.letters ?? [];
      return { body, text: rows.length === 0 ? '（无文书） / (no letters)'
        : rows.map((l) => `${l.letterId}  ${l.letterNo}  ${l.kind}  → ${l.addresseeUnit ?? l.recipientUnit}  ${l.issuedAt}  ${l.caseId}`
          + (l.feedbackState ? `  ${l.feedbackState}${l.feedbackDueAt ? ` (${l.feedbackDueAt})` : ''}` : '')).join('\n') };
    }
    if (sub === 'get' && rest.length === 1) {
      const out = stringFlag(values, 'out');
      const format = out?.endsWith('.html') ? 'html' : out?.endsWith('.pdf') ? 'pdf' : undefined;
      if (!out || !format) throw new UsageError('需要 --out <文件.pdf|文件.html>', 'needs --out <file.pdf|file.html>', 'letters');
      if (!/^\d{1,18}$/.test(rest[0]!)) throw new UsageError('文书编号须为数字', 'the letter id is a number (see letters list)', 'letters');
      const { bytes } = await ctx.api.download(`/letters/${rest[0]}.${format}`);
      ctx.writeFile(out, bytes);
      return { body: { letterId: rest[0], format, file: out, bytes: bytes.length }, text: `已保存 Saved ${out} (${bytes.length} bytes)` };
    }
    const answer = await runLetterFeedback(ctx, sub, rest, values);
    if (answer) return answer;
    throw new UsageError('用法：petitions letters list|get|feedback|accept|return|adoption', 'usage: petitions letters list (--case <id> | --unit-id <unit>) | get <letterId> --out <file>', 'letters');
  },
};
