import type { FlagSpec } from '../args';
import { intFlag, stringFlag } from '../args';
import type { CommandOutcomeJson } from '../api-types';
import { ApiResponseError, ApiUnreachableError, UsageError } from '../cli-errors';
import { progressBar } from './audit.format';
import type { CliCommand, CommandContext } from './command';
import { fileWithRetry } from './file.command';
import { type ImportRecord, CSV_COLUMNS, formatOf, parseImport } from './import.parse';
import { IMPORT_PACING, ImportPacer } from './import.pacing';

export const IMPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'format', type: 'string', valueName: 'fmt', values: ['jsonl', 'csv'], zh: '文件格式（默认按扩展名：.csv 为 CSV，否则 JSON Lines）', en: 'file format (default by extension: .csv is CSV, else JSON Lines)' },
  { name: 'concurrency', type: 'string', valueName: 'n', zh: '同时登记的件数（1–16，默认 4）', en: 'registrations in flight (1–16, default 4)' },
];

export interface ImportedRecord {
  line: number;
  caseId?: string;
  /** registered | repeat (a new registration) — or the first answer's result when `replayed`. */
  result?: string;
  /** The API replayed the answer of an earlier run (same idempotency key): nothing was filed now. */
  replayed?: boolean;
  code?: string;
  /** The fields the refusal names (from the API's problems). */
  fields?: string[];
  messageZh?: string;
  messageEn?: string;
}

/** Stops the whole import: every further record would fail the same way. */
const isFatal = (err: unknown): boolean =>
  err instanceof ApiUnreachableError || (err instanceof ApiResponseError && (err.status === 401 || err.status === 403 || err.status >= 500));

const fieldsOf = (details: unknown): string[] | undefined => {
  const problems = (details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return undefined;
  const paths = problems.map((p) => (p as { path?: unknown })?.path).filter((p): p is string => typeof p === 'string');
  return paths.length ? [...new Set(paths)] : undefined;
};

/** The server did not finish the registration in time, or is briefly unavailable: worth the same request again. */
const isTransient = (err: unknown): boolean => err instanceof ApiResponseError && [502, 503, 504].includes(err.status);

/**
 * One record, sent again after each 429 once the API's Retry-After has passed, and after a transient server answer
 * (502/503/504) with backoff; always with the same idempotency key, so Temporal answers a repeated registration with
 * the first one's outcome and nothing is filed twice.
 */
async function importOne(ctx: CommandContext, pacer: ImportPacer, record: ImportRecord & { body: Record<string, unknown> }): Promise<ImportedRecord> {
  let transient = 0;
  for (let limited = 0; ; limited++) {
    await pacer.turn();
    try {
      const { body, meta } = await fileWithRetry(ctx.api, record.body, record.idempotencyKey);
      pacer.observe(meta);
      const outcome = body as CommandOutcomeJson;
      return { line: record.line, caseId: outcome.caseId, result: outcome.result, ...(meta?.replayed ? { replayed: true } : {}) };
    } catch (err) {
      if (err instanceof ApiResponseError && err.status === 429 && limited + 1 < IMPORT_PACING.maxRateLimited) {
        pacer.refused(err.retryAfterSeconds);
        continue;
      }
      if (isTransient(err) && ++transient < IMPORT_PACING.maxTransient) {
        limited--; // not a rate-limit refusal
        await IMPORT_PACING.sleep(Math.min(IMPORT_PACING.transientMaxMs, IMPORT_PACING.transientBaseMs * 2 ** (transient - 1)));
        continue;
      }
      throw err;
    }
  }
}

async function runImport(ctx: CommandContext, records: ImportRecord[], concurrency: number): Promise<ImportedRecord[]> {
  const results: ImportedRecord[] = [];
  const draw = () => ctx.progress(`导入 Importing ${progressBar(results.length, records.length)}`, false);
  const pacer = new ImportPacer(concurrency);
  let next = 0;
  let fatal: unknown = null;
  const worker = async (): Promise<void> => {
    while (fatal === null && next < records.length) {
      const record = records[next++]!;
      if (record.body === null) {
        results.push({ line: record.line, code: 'IMPORT_UNREADABLE', messageZh: record.problem!.zh, messageEn: record.problem!.en });
      } else {
        try {
          results.push(await importOne(ctx, pacer, record as ImportRecord & { body: Record<string, unknown> }));
        } catch (err) {
          if (isFatal(err)) { fatal ??= err; return; }
          if (!(err instanceof ApiResponseError)) throw err;
          const fields = fieldsOf(err.details);
          results.push({ line: record.line, code: err.code, ...(fields ? { fields } : {}), messageZh: err.messageZh, messageEn: err.messageEn });
        }
      }
      draw();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, records.length)) }, worker));
  ctx.progress(`导入 Imported ${progressBar(results.length, records.length)}`, true);
  if (pacer.waitedMs >= 1000) {
    ctx.note(`按 API 的登记限额放慢，共等待 ${Math.round(pacer.waitedMs / 1000)} 秒。 / Paced to the API's registration limit: waited ${Math.round(pacer.waitedMs / 1000)} s in all.`);
  }
  if (fatal !== null) {
    ctx.note(`已处理 ${results.length}/${records.length} 条后中止；重新运行同一文件不会重复登记。 / Stopped after ${results.length} of ${records.length}; running the same file again files nothing twice.`);
    throw fatal;
  }
  return results.sort((a, b) => a.line - b.line);
}

/** New registrations, new repeats, replays of an earlier run, and refused records are counted apart. */
export function summary(results: ImportedRecord[]) {
  const count = (f: (r: ImportedRecord) => boolean) => results.filter(f).length;
  return {
    total: results.length,
    registered: count((r) => !r.replayed && r.result === 'registered'),
    repeat: count((r) => !r.replayed && r.result === 'repeat'),
    replayed: count((r) => r.replayed === true),
    refused: count((r) => r.code !== undefined),
  };
}

const counts = (s: ReturnType<typeof summary>) => ({
  zh: `共 ${s.total} 条：新登记 ${s.registered}，重复信访 ${s.repeat}，此前已导入（重放）${s.replayed}，被拒绝 ${s.refused}`,
  en: `${s.total} records: ${s.registered} registered, ${s.repeat} repeats, ${s.replayed} replayed, ${s.refused} refused`,
});

const describeRecord = (r: ImportedRecord): string =>
  `  line ${r.line}: ${r.caseId} (${r.replayed ? `${r.result}, 此前已导入 replayed` : r.result})`;

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
      '按 API 公布的登记限额（RateLimit-*）自动放慢，遇 429 按 Retry-After 等待后重发同一条，任意大小的文件一次运行即可完成。 / Paces itself to the registration limit the API advertises (RateLimit-*) and, on a 429, waits for Retry-After and sends the same record again: a file of any size finishes in one run.',
      '汇总分列新登记、重复信访、此前已导入（重放，不计入限额）与被拒绝。 / The summary counts new registrations, repeats, replays of an earlier run (not charged to the limit) and refused records apart.',
      '有记录被拒绝时退出码为 3，并逐行列出行号、字段与原因；其余记录照常登记。 / Exits 3 when any record was refused, listing each by line, field and reason; the other records are filed.',
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
    const c = counts(s);
    if (refused.length > 0) {
      throw new ApiResponseError(422, 'IMPORT_RECORDS_REFUSED', c.zh, c.en, {
        problems: refused.map((r) => ({ path: `line ${r.line}`, message: `${r.code}${r.fields ? ` [${r.fields.join(', ')}]` : ''}: ${r.messageZh} / ${r.messageEn}` })),
        ...s, records: results });
    }
    const text2 = [`导入完成 Imported — ${c.zh} / ${c.en}`, ...results.map(describeRecord)].join('\n');
    return { body: { ...s, records: results }, text: text2 };
  },
};
