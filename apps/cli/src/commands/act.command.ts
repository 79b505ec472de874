import type { FlagValues } from '../args';
import type { CommandOutcomeJson } from '../api-types';
import { UsageError } from '../cli-errors';
import { formatApplied } from '../format/outcome.format';
import { ACTIONS, type ActionSpec, actionFlags, buildActionCommand, findAction, reasonFlag, rolesOf, withDefaultApprover } from './act.actions';
import { BODY_FLAGS, readBodyInput } from './body-input';
import type { CliCommand, CommandContext, CommandHelp, CommandResult } from './command';

function unknownAction(name: string): UsageError {
  return new UsageError(`未知操作 "${name}"，可用：${ACTIONS.map((a) => a.name).join(' ')}`,
    `Unknown action "${name}"; one of: ${ACTIONS.map((a) => a.name).join(' ')} (or its command type, e.g. RoutePetition)`, 'act');
}

function actionUsage(a: ActionSpec, prefix: string): string {
  const parts = a.flags.filter((f) => !f.hidden).map((f) => {
    const shown = f.type === 'boolean' ? `--${f.name}` : `--${f.name} <${f.valueName ?? 'value'}>`;
    const one = f.multiple ? `${shown} ...` : shown;
    return f.required ? one : `[${one}]`;
  });
  return [`petitions ${prefix}`, ...parts, '[--reason <text>]'].join(' ');
}

function actionHelp(a: ActionSpec): CommandHelp {
  return {
    zh: `${a.zh}（发送 ${a.type}）`,
    en: `${a.en} (sends ${a.type})`,
    usage: [actionUsage(a, `${a.name} <caseId>`), actionUsage(a, `act <caseId> ${a.name}`), `petitions act <caseId> ${a.name} --json '<JSON>' [--reason <text>]`],
    flags: [...actionFlags(a), ...BODY_FLAGS],
    notes: [
      `可执行角色 Roles: ${rolesOf(a)}（须给出 --as 与 --role，按需 --unit / needs --as and --role, and --unit where the step belongs to a unit）`,
      `请求 Request: POST /petitions/<caseId>/commands {"type":"${a.type}",…}`,
    ],
  };
}

async function send(ctx: CommandContext, caseId: string, command: Record<string, unknown>): Promise<CommandResult> {
  const actor = ctx.requireActor();
  const { body } = await ctx.api.act(caseId, withDefaultApprover(command, actor.id));
  return { body, text: formatApplied(String(command.type), body as CommandOutcomeJson) };
}

function requireCaseId(positionals: readonly string[], command: string): string {
  const caseId = positionals[0];
  if (caseId === undefined || caseId.trim() === '') throw new UsageError('缺少案件编号 <caseId>', 'Missing <caseId>', command);
  return caseId;
}

function rejectExtra(extra: readonly string[], command: string): void {
  if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`, `Unexpected arguments: ${extra.join(' ')}`, command);
}

/** `petitions <action> <caseId> [flags]`: one top-level command per action (route, receive, accept, …). */
export function actionCommand(a: ActionSpec): CliCommand {
  return {
    name: a.name,
    zh: a.zh,
    en: a.en,
    flags: () => [...BODY_FLAGS, ...actionFlags(a)],
    help: () => actionHelp(a),
    async run(ctx, { values, positionals }) {
      const caseId = requireCaseId(positionals, a.name);
      rejectExtra(positionals.slice(1), a.name);
      return send(ctx, caseId, buildActionCommand(a, values, readBodyInput(values, ctx.readFile)));
    },
  };
}

/** The command to send for `act <caseId> [<action>] [flags]`. */
export function buildActCommand(positionals: readonly string[], values: FlagValues, body: Record<string, unknown> | undefined): { caseId: string; command: Record<string, unknown> } {
  const caseId = requireCaseId(positionals, 'act');
  const actionName = positionals[1];
  rejectExtra(positionals.slice(2), 'act');
  if (actionName !== undefined) {
    const action = findAction(actionName);
    if (!action) throw unknownAction(actionName);
    return { caseId, command: buildActionCommand(action, values, body) };
  }
  if (!body) {
    throw new UsageError('须指定操作（如 route、receive）或用 --json 给出完整命令', "Give an action (e.g. route, receive) or the whole command with --json '{\"type\":…}'", 'act');
  }
  if (typeof body.type !== 'string' || body.type.trim() === '') {
    throw new UsageError('--json 给出的命令缺少 "type"', 'The command given with --json has no "type"', 'act');
  }
  const reason = values.reason;
  return { caseId, command: typeof reason === 'string' ? { ...body, reason } : body };
}

export const actCommand: CliCommand = {
  name: 'act',
  zh: '对案件执行操作（POST /petitions/:id/commands）',
  en: 'Send a command to a case (POST /petitions/:id/commands)',
  flags(positionals) {
    const action = positionals[1] === undefined ? undefined : findAction(positionals[1]);
    return action ? [...BODY_FLAGS, ...actionFlags(action)] : [...BODY_FLAGS, reasonFlag];
  },
  help(positionals) {
    const action = positionals[1] === undefined ? undefined : findAction(positionals[1]);
    if (action) return actionHelp(action);
    return {
      usage: [
        'petitions act <caseId> <action|CommandType> [--flag value ...] --as <id> --role <role> [--unit <unit>]',
        `petitions act <caseId> --json '{"type":"ReceiveCase"}' --as <id> --role <role> [--unit <unit>]`,
        'petitions <action> <caseId> [--flag value ...]          （简写 shorthand）',
      ],
      notes: [
        '操作 Actions（petitions <action> --help 查看各自选项 / see each one\'s --help for its flags）:',
        ...ACTIONS.map((a) => `  ${a.name.padEnd(18)} ${a.type.padEnd(22)} ${a.zh} / ${a.en}`),
        '单独的 --json（后面不跟 JSON 对象）表示输出原始 JSON。 / A bare --json (not followed by a JSON object) asks for raw JSON output.',
      ],
    };
  },
  async run(ctx, { values, positionals }) {
    const { caseId, command } = buildActCommand(positionals, values, readBodyInput(values, ctx.readFile));
    return send(ctx, caseId, command);
  },
};
