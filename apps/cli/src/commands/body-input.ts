import { type FlagSpec, type FlagValues, parseJsonObject, stringFlag } from '../args';
import { UsageError } from '../cli-errors';

/** `--json '<object>'` (rewritten to --body) and `--json-file <path>`: a request body given whole. */
export const BODY_FLAGS: readonly FlagSpec[] = [
  { name: 'body', type: 'string', label: "--json '<JSON>'", zh: '请求体（JSON 对象；也可写作 --body）', en: 'the request body as a JSON object (also --body)' },
  { name: 'json-file', type: 'string', valueName: 'path', zh: '从文件读取请求体（JSON 对象；- 为标准输入）', en: 'read the request body (a JSON object) from a file; - = stdin' },
];

/** The body given with --json/--body or --json-file, or undefined when neither. */
export function readBodyInput(values: FlagValues, readFile: (path: string) => string): Record<string, unknown> | undefined {
  const inline = stringFlag(values, 'body');
  const path = stringFlag(values, 'json-file');
  if (inline !== undefined && path !== undefined) {
    throw new UsageError('--json 与 --json-file 只能选一个', 'Use either --json or --json-file, not both');
  }
  if (inline !== undefined) return parseJsonObject(inline, '--json');
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(`无法读取文件 ${path}：${why}`, `Cannot read ${path}: ${why}`);
  }
  return parseJsonObject(text, path === '-' ? 'stdin' : path);
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
