import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors';

/** One flag: how node:util parseArgs reads it, and how the help text describes it. */
export interface FlagSpec {
  /** Without the leading `--`. */
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Help: `--unit-lead <unit>`. */
  valueName?: string;
  /** Help: the allowed values, listed after the description. */
  values?: readonly string[];
  required?: boolean;
  zh: string;
  en: string;
  /** Help: how the flag is written when it differs from `--name <valueName>`. */
  label?: string;
  /** Accepted but not listed in help (aliases, internal names). */
  hidden?: boolean;
}

export type FlagValue = string | boolean | (string | boolean)[] | undefined;
export type FlagValues = Record<string, FlagValue>;

export interface ParsedArgs {
  values: FlagValues;
  positionals: string[];
}

type OptionsConfig = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

function toOptions(specs: readonly FlagSpec[]): OptionsConfig {
  const options: OptionsConfig = {};
  for (const s of specs) {
    const prev = options[s.name];
    if (prev && (prev.type !== s.type || Boolean(prev.multiple) !== Boolean(s.multiple))) {
      throw new Error(`flag --${s.name} is declared twice with different types`);
    }
    options[s.name] = { type: s.type, ...(s.multiple ? { multiple: true } : {}), ...(s.short ? { short: s.short } : {}) };
  }
  return options;
}

/**
 * `--json '{"type":…}'` (and `--json='{…}'`) carries a request body; a bare `--json` asks for raw JSON output.
 * The body form is rewritten to `--body <json>` so both can be plain parseArgs options.
 */
export function rewriteInlineJson(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--json' && i + 1 < argv.length && looksLikeJsonObject(argv[i + 1])) {
      out.push('--body', argv[i + 1]);
      i++;
    } else if (a.startsWith('--json=')) {
      out.push(`--body=${a.slice('--json='.length)}`);
    } else {
      out.push(a);
    }
  }
  return out;
}

const looksLikeJsonObject = (s: string): boolean => s.trimStart().startsWith('{');

/** Positionals only, tolerating unknown flags: used to find the command before its own flags are known. */
export function scanPositionals(argv: readonly string[], specs: readonly FlagSpec[]): string[] {
  const { positionals } = parseArgs({ args: [...argv], options: toOptions(specs), strict: false, allowPositionals: true });
  return positionals;
}

/** `--help` / `-h` anywhere before `--`. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** Strict parse: an unknown flag, a missing value or a value of the wrong kind is a usage error. */
export function parseStrict(argv: readonly string[], specs: readonly FlagSpec[], command?: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: toOptions(specs), strict: true, allowPositionals: true });
    return { values: values as FlagValues, positionals };
  } catch (err) {
    throw toUsageError(err, command);
  }
}

function toUsageError(err: unknown, command?: string): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown })?.code;
  const raw = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  // A `--json '{…}'` body reaches parseArgs as --body (see rewriteInlineJson): name it as the user wrote it.
  const flag = raw === '--body' ? "--json '<JSON>' (--body)" : raw;
  const where = command ? `（命令 ${command}）` : '';
  const whereEn = command ? ` (command ${command})` : '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`未知选项 ${flag}${where}`, `Unknown option ${flag}${whereEn}`, command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`选项 ${flag} 的取值有误${where}`, `${message}${whereEn}`, command);
    default:
      return new UsageError(`参数有误${where}`, `${message}${whereEn}`, command);
  }
}

// ——— reading parsed values: each helper throws a UsageError naming the flag ———

export function stringFlag(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`选项 --${name} 需要一个值`, `--${name} needs a value`);
  return v;
}

export function requiredString(values: FlagValues, name: string): string {
  const v = stringFlag(values, name);
  if (v === undefined || v.trim() === '') throw new UsageError(`缺少必填选项 --${name}`, `Missing required option --${name}`);
  return v;
}

export function listFlag(values: FlagValues, name: string): string[] | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string').flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
}

export function booleanFlag(values: FlagValues, name: string): boolean {
  return values[name] === true;
}

export function intFlag(values: FlagValues, name: string, range: { min?: number; max?: number } = {}): number | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const bounds = `${range.min ?? '…'}–${range.max ?? '…'}`;
    throw new UsageError(`选项 --${name} 须为整数（${bounds}），收到 "${v}"`, `--${name} must be a whole number (${bounds}), got "${v}"`);
  }
  return n;
}

export function enumFlag<T extends string>(values: FlagValues, name: string, allowed: readonly T[]): T | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`选项 --${name} 的取值须为 ${allowed.join(' | ')}，收到 "${v}"`, `--${name} must be one of ${allowed.join(' | ')}, got "${v}"`);
  }
  return v as T;
}

export function requiredEnum<T extends string>(values: FlagValues, name: string, allowed: readonly T[]): T {
  const v = enumFlag(values, name, allowed);
  if (v === undefined) {
    throw new UsageError(`缺少必填选项 --${name}（${allowed.join(' | ')}）`, `Missing required option --${name} (${allowed.join(' | ')})`);
  }
  return v;
}

/** Exactly one of two opposite switches, e.g. --approve / --reject; undefined when neither and not required. */
export function eitherFlag(values: FlagValues, yes: string, no: string, required: boolean): boolean | undefined {
  const y = booleanFlag(values, yes);
  const n = booleanFlag(values, no);
  if (y && n) throw new UsageError(`--${yes} 与 --${no} 只能选一个`, `Use either --${yes} or --${no}, not both`);
  if (!y && !n) {
    if (required) throw new UsageError(`须指定 --${yes} 或 --${no}`, `Give --${yes} or --${no}`);
    return undefined;
  }
  return y;
}

/** Parses a JSON object given on the command line or in a file. */
export function parseJsonObject(text: string, source: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(`${source} 不是合法的 JSON：${why}`, `${source} is not valid JSON: ${why}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new UsageError(`${source} 须为 JSON 对象`, `${source} must be a JSON object`);
  }
  return v as Record<string, unknown>;
}
