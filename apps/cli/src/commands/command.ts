import type { FlagSpec, ParsedArgs } from '../args';
import type { ActorIdentity, PetitionsApiClient } from '../api-client';
import type { Settings } from '../settings';

/** What a command may use: the API client and the settings; time and files come in as functions. */
export interface CommandContext {
  settings: Settings;
  api: PetitionsApiClient;
  now(): Date;
  /** Reads a file as UTF-8; `-` reads standard input. */
  readFile(path: string): string;
  /** Writes a file (a downloaded document). */
  writeFile(path: string, data: Uint8Array): void;
  /** A progress line on stderr: redrawn in place on a terminal; elsewhere (logs, CI) only the final one is written. */
  progress(text: string, final: boolean): void;
  /** A line for people on stderr (not part of the command's output). */
  note(text: string): void;
  /** The actor, or a usage error naming what is missing. */
  requireActor(): ActorIdentity;
}

/** What a command produced: the API's JSON (printed with --json) and the human text (printed otherwise). */
export interface CommandResult {
  body: unknown;
  text: string;
}

export interface HelpDoc {
  /** First line of the help: zh-CN. */
  zh: string;
  /** Second line: English. */
  en: string;
  usage: readonly string[];
  flags: readonly FlagSpec[];
  notes?: readonly string[];
}

/** What a command's help adds; the title lines and the flags are the command's own unless given here. */
export interface CommandHelp extends Partial<Pick<HelpDoc, 'zh' | 'en' | 'flags'>> {
  usage: readonly string[];
  notes?: readonly string[];
}

/** The whole help of a command for these positionals. */
export function helpDocOf(command: CliCommand, positionals: readonly string[]): HelpDoc {
  const h = command.help(positionals);
  return { zh: h.zh ?? command.zh, en: h.en ?? command.en, usage: h.usage, flags: h.flags ?? command.flags(positionals), notes: h.notes };
}

export interface CliCommand {
  name: string;
  aliases?: readonly string[];
  zh: string;
  en: string;
  /** Hidden from the command list of the root help (still documented in its own help). */
  unlisted?: boolean;
  /** The command's own flags (the global ones are added by the runner); may depend on the positionals. */
  flags(positionals: readonly string[]): readonly FlagSpec[];
  help(positionals: readonly string[]): CommandHelp;
  /** `positionals` excludes the command name. */
  run(ctx: CommandContext, args: ParsedArgs): Promise<CommandResult>;
}
