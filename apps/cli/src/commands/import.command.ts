import type { FlagSpec } from '../args';
import { intFlag, stringFlag } from '../args';
import type { CommandOutcomeJson } from '../api-types';
import { ApiResponseError, ApiUnreachableError, UsageError } from '../cli-errors';
import { progressBar } from './audit.format';
import type { CliCommand, CommandContext } from './command';
import { fileWithRetry } from './file.command';
import { type ImportRecord, CSV_COLUMNS, formatOf, parseImport } from './import.parse';

export const IMPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'format', type: 'string', valueName: 'fmt', values: ['jsonl', 'csv'], zh: '文件格式（默认按扩展名：.csv 为 CSV，否则 JSON Lines）', en: 'file format (default by extension: .csv is CSV, else JSON Lines)' },
  { name: 'concurrency', type: 'string', valueName: 'n', zh: '同时登记的件数（1–16，默认 4）', en: 'registrations in flight (1–16, default 4)' },
];

export interface ImportedRecord {
  line: number;
  caseId?: string;
  result?: string;
  code?: string;
  messageZh?: string;
  messageEn?: string;
}

/** Stops the whole import: every further record would fail the same way. */
const isFatal = (err: unknown): boolean =>
  err instanceof ApiUnreachableError || (err instanceof ApiResponseError && (err.status === 401 || err.status === 403 || err.status >= 500));

async function runImport(ctx: CommandContext, records: ImportRecord[], concurrency: number): Promise<ImportedRecord[]> {
  const results: ImportedRecord[] = [];
  const draw = () => ctx.progress(`导入 Importing ${progressBar(results.length, records.length)}`, false);
  let next = 0;
  let fatal: unknown = null;
  const worker = async (): Promise<void> => {
    while (fatal === null && next < records.length) {
      const record = records[next++]!;
      if (record.body === null) {
        results.push({ line: record.line, code: 'IMPORT_UNREADABLE', messageZh: record.problem!.zh, messageEn: record.problem!.en });
      } else {
        try {
          const { body } = await fileWithRetry(ctx.api, record.body, record.idempotencyKey);
          const outcome = body as CommandOutcomeJson;
          results.push({ line: record.line, caseId: outcome.caseId, result: outcome.result });
        } catch (err) {
          if (isFatal(err)) { fatal ??= err; return; }
          if (!(err instanceof ApiResponseError)) throw err;
          results.push({ line: record.line, code: err.code, messageZh: err.messageZh, messageEn: err.messageEn });
        }
      }
      draw();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, records.length)) }, worker));
  ctx.progress(`导入 Imported ${progressBar(results.length, records.length)}`, true);
  if (fatal !== null) {
    ctx.note(`已处理 ${results.length}/${records.length} 条后中止；重新运行同一文件不会重复登记。 / Stopped after ${results.length} of ${records.length}; running the same file again files nothing twice.`);
    throw fatal;
  }
  return results.sort((a, b) => a.line - b.line);
}

function summary(results: ImportedRecord[]) {
  const count = (f: (r: ImportedRecord) => boolean) => results.filter(f).length;
  return {
    total: results.length,
    registered: count((r) => r.result === 'registered'),
    repeat: count((r) => r.result === 'repeat'),
    refused: count((r) => r.code !== undefined),
  };
}

export const importCommand: CliCommand = {
  name: 'import',
  zh: '批量登记：从 JSON Lines 或 CSV 文件导入信访事项（登记员），显示进度条',
  en: 'Bulk registration: import petitions from a JSON Lines or CSV file (registrar), with a progress bar',
  flags: () => IMPORT_FLAGS,
  help: () => ({
    usage: ['petitions import <file.jsonl|file.csv|-> [--format jsonl|csv] [--concurrency 4] --as <id> --role registrar'],
    notes: [
      'JSON Lines：每行一个与 POST /petitions 相同的登记 JSON。 / JSON Lines: one registration body per line, as POST /petitions takes it.',
      `CSV：首行为表头，列名取自 ${Object.keys(CSV_COLUMNS).join(', ')}。 / CSV: a header row naming the columns above.`,
      '每条记录按文件位置与内容带固定幂等键：中断后重新运行同一文件，已登记的不会重复登记（24 小时内）。 / Each record carries an idempotency key from its position and content: re-running the same file after an interruption files nothing twice (within 24 h).',
      '有记录被拒绝时退出码为 3，并逐行列出原因；其余记录照常登记。 / Exits 3 when any record was refused, listing each by line; the other records are filed.',
      '进度条写在 stderr 上。 / The progress bar goes to stderr.',
    ],
  }),
  async run(ctx, { values, positionals }) {
    const [path, ...extra] = positionals;
    if (!path || extra.length > 0) {
      throw new UsageError('用法：petitions import <文件>', 'usage: petitions import <file>', 'import');
    }
    const concurrency = intFlag(values, 'concurrency', { min: 1, max: 16 }) ?? 4;
    const format = formatOf(path, stringFlag(values, 'format'));
    let text: string;
    try {
      text = ctx.readFile(path);
    } catch (err) {
      throw new UsageError(`无法读取文件 ${path}`, `Cannot read file ${path}: ${err instanceof Error ? err.message : String(err)}`, 'import');
    }
    const records = parseImport(text, format);
    if (records.length === 0) throw new UsageError(`文件 ${path} 中没有记录`, `No records in ${path}`, 'import');
    ctx.requireActor();
    const results = await runImport(ctx, records, concurrency);
    const s = summary(results);
    const refused = results.filter((r) => r.code !== undefined);
    if (refused.length > 0) {
      throw new ApiResponseError(422, 'IMPORT_RECORDS_REFUSED',
        `共 ${s.total} 条：新登记 ${s.registered}，重复信访 ${s.repeat}，被拒绝 ${s.refused}`,
        `${s.total} records: ${s.registered} registered, ${s.repeat} repeats, ${s.refused} refused`,
        { problems: refused.map((r) => ({ path: `line ${r.line}`, message: `${r.code}: ${r.messageZh} / ${r.messageEn}` })), records: results });
    }
    const text2 = [`导入完成 Imported: ${s.total} 条 records — 新登记 registered ${s.registered}, 重复信访 repeats ${s.repeat}`,
      ...results.map((r) => `  line ${r.line}: ${r.caseId} (${r.result})`)].join('\n');
    return { body: { ...s, records: results }, text: text2 };
  },
};
