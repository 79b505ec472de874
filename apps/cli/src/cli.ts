import { type ParsedArgs, parseStrict, rewriteInlineJson, scanPositionals, wantsHelp } from './args';
import { PetitionsApiClient, type Transport } from './api-client';
import { UsageError, exitCodeForError } from './cli-errors';
import { ACTION_COMMANDS, ALL_FLAGS, COMMANDS, findCommand } from './commands/registry';
import { type CliCommand, type CommandContext, helpDocOf } from './commands/command';
import { ExitCode } from './exit-codes';
import { formatError } from './format/error.format';
import { renderCommandHelp, renderRootHelp } from './format/help.format';
import { type Env, GLOBAL_FLAGS, resolveSettings } from './settings';

/** Everything the CLI touches outside itself; main.ts wires the real ones, unit tests fakes. */
export interface CliDeps {
  argv: readonly string[];
  env: Env;
  transport: Transport;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Redraws a progress line in place (a terminal's stderr); absent, only final progress lines are written, to stderr. */
  redraw?(text: string): void;
  now(): Date;
  readFile(path: string): string;
  /** Writes a file (a downloaded document); without it, commands that save files refuse with a usage error. */
  writeFile?(path: string, data: Uint8Array): void;
  version: string;
}

const rootHelp = (): string => renderRootHelp(COMMANDS, ACTION_COMMANDS, GLOBAL_FLAGS);

function unknownCommand(name: string): UsageError {
  const names = [...COMMANDS, ...ACTION_COMMANDS].map((c) => c.name).join(' ');
  return new UsageError(`未知命令 "${name}"，可用：${names}`, `Unknown command "${name}"; one of: ${names}`);
}

/** `help [command [action]]` or `<command> … --help`: the help of what was named. */
function helpFor(positionals: readonly string[]): string {
  const [name, ...rest] = positionals;
  if (name === undefined) return rootHelp();
  const command = findCommand(name);
  if (!command) throw unknownCommand(name);
  // `act --help route` and `help act route` read naturally too: a lone action name after act is the action.
  const args = command.name === 'act' && rest.length === 1 ? ['<caseId>', rest[0]] : rest;
  return renderCommandHelp(helpDocOf(command, args), GLOBAL_FLAGS);
}

async function runCommand(command: CliCommand, parsed: ParsedArgs, deps: CliDeps): Promise<void> {
  const settings = resolveSettings(parsed.values, deps.env);
  const api = new PetitionsApiClient({ baseUrl: settings.baseUrl, transport: deps.transport, actor: settings.actor, timeoutMs: settings.timeoutMs });
  const ctx: CommandContext = {
    settings,
    api,
    now: deps.now,
    readFile: deps.readFile,
    writeFile: deps.writeFile ?? (() => { throw new UsageError('此环境不能写文件', 'Cannot write files here', command.name); }),
    progress(text, final) {
      if (deps.redraw) deps.redraw(final ? `${text}\n` : text);
      else if (final) deps.stderr(text);
    },
    note: deps.stderr,
    requireActor() {
      if (settings.actor) return settings.actor;
      throw new UsageError(`缺少操作人身份：${settings.actorMissing.join('、')}`, `Missing actor identity: ${settings.actorMissing.join(', ')}`, command.name);
    },
  };
  const result = await command.run(ctx, parsed);
  deps.stdout(settings.json ? JSON.stringify(result.body, null, 2) : result.text);
}

/** Runs one invocation and returns its exit code; never throws. */
export async function runCli(deps: CliDeps): Promise<number> {
  try {
    const argv = rewriteInlineJson(deps.argv);
    const positionals = scanPositionals(argv, ALL_FLAGS);
    const [name, ...rest] = positionals;

    if (name === 'help') {
      deps.stdout(helpFor(rest));
      return ExitCode.Ok;
    }
    if (wantsHelp(argv)) {
      deps.stdout(helpFor(positionals));
      return ExitCode.Ok;
    }
    if (name === undefined) {
      const { values } = parseStrict(argv, GLOBAL_FLAGS);
      if (values.version === true) {
        deps.stdout(deps.version);
        return ExitCode.Ok;
      }
      deps.stderr(rootHelp());
      return ExitCode.Usage;
    }
    const command = findCommand(name);
    if (!command) throw unknownCommand(name);
    const parsed = parseStrict(argv, [...GLOBAL_FLAGS, ...command.flags(rest)], command.name);
    if (parsed.values.version === true) {
      deps.stdout(deps.version);
      return ExitCode.Ok;
    }
    await runCommand(command, { values: parsed.values, positionals: parsed.positionals.slice(1) }, deps);
    return ExitCode.Ok;
  } catch (err) {
    deps.stderr(formatError(err));
    return exitCodeForError(err);
  }
}
