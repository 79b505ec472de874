import type { FlagSpec } from '../args';
import { GLOBAL_FLAGS } from '../settings';
import { ACTIONS, actionFlags } from './act.actions';
import { actCommand, actionCommand } from './act.command';
import { AUDIT_FLAGS, auditCommand } from './audit.command';
import { BODY_FLAGS } from './body-input';
import { CALENDAR_FLAGS, calendarCommand } from './calendar.command';
import type { CliCommand } from './command';
import { FILE_FLAGS, fileCommand } from './file.command';
import { IMPORT_FLAGS, importCommand } from './import.command';
import { LETTERS_FLAGS, lettersCommand } from './letters.command';
import { liveCommand } from './live.command';
import { petitionerCommand } from './petitioner.command';
import { POLICIES_FLAGS, policiesCommand } from './policies.command';
import { showCommand } from './show.command';
import { SUPERVISION_FLAGS, supervisionCommand } from './supervision.command';
import { suggestCommand } from './suggest.command';
import { UNITS_FLAGS, unitsCommand } from './units.command';
import { PEOPLE_FLAGS, peopleCommand } from './people.command';

/** The commands, in the order of the help. `help` itself is handled by the runner. */
export const COMMANDS: readonly CliCommand[] = [fileCommand, suggestCommand, importCommand, showCommand, liveCommand, petitionerCommand, actCommand, auditCommand, supervisionCommand, policiesCommand, calendarCommand, lettersCommand, unitsCommand, peopleCommand];
/** One shorthand per action: `petitions route <caseId> …` = `petitions act <caseId> route …`. */
export const ACTION_COMMANDS: readonly CliCommand[] = ACTIONS.map(actionCommand);

export function findCommand(name: string): CliCommand | undefined {
  return [...COMMANDS, ...ACTION_COMMANDS].find((c) => c.name === name || c.aliases?.includes(name));
}

/** Every flag any command knows: lets the runner find the command name whatever flags come first. */
export const ALL_FLAGS: readonly FlagSpec[] = [...GLOBAL_FLAGS, ...BODY_FLAGS, ...FILE_FLAGS, ...IMPORT_FLAGS, ...POLICIES_FLAGS, ...CALENDAR_FLAGS, ...UNITS_FLAGS, ...PEOPLE_FLAGS, ...LETTERS_FLAGS, ...AUDIT_FLAGS, ...SUPERVISION_FLAGS, ...ACTIONS.flatMap(actionFlags)];
