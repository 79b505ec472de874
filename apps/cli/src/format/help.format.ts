import type { FlagSpec } from '../args';
import type { CliCommand, HelpDoc } from '../commands/command';
import { EXIT_CODE_LINES } from '../exit-codes';
import { displayWidth, padEnd } from './text.format';

function flagLabel(f: FlagSpec): string {
  if (f.label) return f.label;
  const short = f.short ? `-${f.short}, ` : '';
  return f.type === 'boolean' ? `${short}--${f.name}` : `${short}--${f.name} <${f.valueName ?? 'value'}>`;
}

export function flagLines(flags: readonly FlagSpec[]): string[] {
  const shown = flags.filter((f) => !f.hidden);
  const width = Math.min(30, Math.max(0, ...shown.map((f) => displayWidth(flagLabel(f)))));
  return shown.map((f) => {
    const values = f.values ? `: ${f.values.join(' | ')}` : '';
    const required = f.required ? '（必填 required）' : '';
    return `  ${padEnd(flagLabel(f), width)}  ${f.zh} / ${f.en}${values}${required}`;
  });
}

export const exitCodeLines = (): string[] => EXIT_CODE_LINES.map((e) => `  ${e.code}  ${e.zh} / ${e.en}`);

/** A command's help: zh-CN line, English line, usage, its flags, the global flags and the exit codes. */
export function renderCommandHelp(doc: HelpDoc, globalFlags: readonly FlagSpec[]): string {
  return [
    doc.zh,
    doc.en,
    '',
    '用法 Usage:',
    ...doc.usage.map((u) => `  ${u}`),
    ...(doc.flags.some((f) => !f.hidden) ? ['', '选项 Options:', ...flagLines(doc.flags)] : []),
    ...(doc.notes && doc.notes.length > 0 ? ['', ...doc.notes] : []),
    '',
    '全局选项 Global options:',
    ...flagLines(globalFlags),
    '',
    '退出码 Exit codes:',
    ...exitCodeLines(),
  ].join('\n');
}

/** `petitions --help`. */
export function renderRootHelp(commands: readonly CliCommand[], actions: readonly CliCommand[], globalFlags: readonly FlagSpec[]): string {
  const all = [...commands, ...actions];
  const width = Math.max(...all.map((c) => c.name.length));
  const row = (c: CliCommand): string => `  ${c.name.padEnd(width)}  ${c.zh} / ${c.en}`;
  return [
    'petitions — 信访案件命令行工具（信访 HTTP API 的客户端）',
    'petitions — command-line client of the petition case HTTP API',
    '',
    '用法 Usage:',
    '  petitions <command> [arguments] [options]',
    '  npm run petitions -- <command> [arguments] [options]',
    '',
    '命令 Commands:',
    ...commands.filter((c) => !c.unlisted).map(row),
    '',
    '案件操作 Actions（= act <caseId> <action>，需要 --as/--role / need --as/--role）:',
    ...actions.map(row),
    '',
    '全局选项 Global options:',
    ...flagLines(globalFlags),
    '',
    '退出码 Exit codes:',
    ...exitCodeLines(),
    '',
    '错误信息写到标准错误：错误码、中文说明、英文说明。 / Errors go to stderr: the code, the zh-CN message, the English message.',
    '',
    '示例 Examples:',
    '  export PETITIONS_API=http://127.0.0.1:3000',
    '  petitions file --json-file petition.json --as reg-001 --role registrar --unit city-bureau',
    '  petitions route <caseId> --mode forward --unit-lead xuhui-housing --as reg-001 --role registrar',
    '  petitions receive <caseId> --as h-7 --role handler --unit xuhui-housing',
    '  petitions accept <caseId> --outcome accepted --as h-7 --role handler --unit xuhui-housing',
    '  petitions show <caseId>',
    '  petitions live <caseId> --json',
    '',
    '各命令用法：petitions <command> --help / Each command: petitions <command> --help',
  ].join('\n');
}
