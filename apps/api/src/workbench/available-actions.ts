import { type Actor, type BusinessCalendar, type CaseCommand, type CasePolicy, type CaseState, decide } from '@petitions/domain';
import type { CommandForm, FormField } from './form-descriptions';

/**
 * Rejections that mean "not now, not for you": the role, the unit, the step, a closed window or a thing already done.
 * Any other rejection of a probe depends on what the person types in (a reason, a deadline, a choice), so the action
 * is offered and the domain judges the real command when it is sent.
 */
export const NOT_NOW_CODES: ReadonlySet<string> = new Set([
  'CASE_NOT_REGISTERED', 'CASE_CLOSED', 'CASE_WRONG_STEP', 'CASE_DUPLICATE_COMMAND', 'CASE_NOT_AUTHORIZED_ROLE', 'CASE_NOT_AUTHORIZED_UNIT',
  'CASE_OBJECTION_TOO_LATE', 'CASE_EXTENSION_NOT_APPLICABLE', 'CASE_EXTENSION_ALREADY_USED', 'CASE_EXTENSION_TOO_LATE', 'CASE_NO_PENDING_EXTENSION',
  'CASE_EVALUATION_WINDOW_LAPSED', 'CASE_REVIEW_WINDOW_LAPSED', 'CASE_RE_REVIEW_WINDOW_LAPSED', 'CASE_HEARING_IN_PROGRESS',
  'CASE_NO_HEARING_IN_PROGRESS', 'CASE_CLOCK_PAUSED', 'CASE_CLOCK_NOT_PAUSED', 'CASE_DEADLINE_NOT_PENDING',
]);

export interface ActionVerdict {
  type: string;
  allowed: boolean;
  /** For an enum the probe went through: the choices that are open now (e.g. which clock may be paused). */
  choices?: { field: string; values: string[] };
  /** Why not, when not allowed: the domain's own code and message. */
  code?: string;
  message?: string;
  messageEn?: string;
}

const PROBE_CASE_ID = 'petition-probeprobeprobeprobe';

/** A value that passes the form's own checks, so the domain's answer is about the case, not about the typing. */
function sample(f: FormField): unknown {
  switch (f.kind) {
    case 'enum': return f.options?.[0]?.value;
    case 'boolean': return true;
    case 'integer': case 'number': return f.minimum ?? 1;
    case 'array': return [];
    case 'object': return Object.fromEntries((f.fields ?? []).filter((c) => c.required).map((c) => [c.name, sample(c)]));
    default: return f.input === 'case' ? PROBE_CASE_ID : 'probe';
  }
}

/**
 * Which of the forms' commands this actor may take on the case now: each is decided by the case's own pure decider
 * (decide) on the live state, with sample values; nothing is recorded. A command whose first required choice changes
 * the answer (the clock to pause, the routing mode) is probed once per choice.
 */
export function availableActions(state: CaseState, actor: Actor, forms: readonly CommandForm[],
  ctx: { at: string; calendar: BusinessCalendar; policy: CasePolicy }): ActionVerdict[] {
  return forms.map((form) => {
    const base = Object.fromEntries(form.fields.filter((f) => f.required).map((f) => [f.name, sample(f)]));
    const pivot = form.fields.find((f) => f.required && f.kind === 'enum');
    const values = pivot ? (pivot.options ?? []).map((o) => o.value) : [undefined];
    let refusal: ActionVerdict | undefined;
    const open: string[] = [];
    for (const value of values) {
      const command = { ...base, ...(pivot ? { [pivot.name]: value } : {}), type: form.type, actor, at: ctx.at } as unknown as CaseCommand;
      const result = decide(state, command, ctx);
      if (result.ok || !NOT_NOW_CODES.has(result.rejection.code)) {
        if (value !== undefined) open.push(value);
        continue;
      }
      refusal ??= { type: form.type, allowed: false, code: result.rejection.code, message: result.rejection.messageZh, messageEn: result.rejection.messageEn };
    }
    if (pivot && open.length > 0) return { type: form.type, allowed: true, choices: { field: pivot.name, values: open } };
    if (!pivot && !refusal) return { type: form.type, allowed: true };
    return refusal!;
  });
}
