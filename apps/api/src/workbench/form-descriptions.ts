import { z } from 'zod';
import { COMMAND_ROLES, CONTENT_CATEGORIES } from '@petitions/domain';
import { commandSchema, registrationSchema } from '../petitions/petition.schemas';
import { letterAcceptBody, letterAdoptionBody, letterFeedbackBody, letterReturnBody } from '../letters/letter-feedback.controller';
import { ACCESS_RULES } from '../auth/access-rules';
import {
  COMMAND_LABELS, FIELD_LABELS, type FieldLabel, type InputHint, type Label, LETTER_ACTION_LABELS, LETTER_FIELD_LABELS, LETTER_OPTION_LABELS, OPTION_LABELS,
} from './form-labels';

/** One field of a form, as the API validates it: generated from the zod schema, labelled from form-labels.ts. */
export interface FormField {
  path: string;
  name: string;
  label: Label;
  hint?: Label;
  input?: InputHint;
  required: boolean;
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'array' | 'object';
  options?: { value: string; label: Label }[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  fields?: FormField[];
  items?: FormField;
}
export interface CommandForm { type: string; label: Label; roles: readonly string[]; fields: FormField[] }
/** A step of the letter feedback loop: POST /letters/:letter/<action> (accept and return under …/feedback/). */
export interface LetterForm { action: string; path: string; label: Label; roles: readonly string[]; fields: FormField[] }
export interface FormDescriptions {
  commands: CommandForm[];
  letters: LetterForm[];
  registration: { fields: FormField[] };
  categories: { value: string; label: Label }[];
}

type JsonSchema = {
  type?: string; const?: unknown; enum?: unknown[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; minLength?: number; maxLength?: number; pattern?: string; minimum?: number; maximum?: number; maxItems?: number;
};

/** The label of a field: its dotted path first, then its own name. Throws when none exists (the unit test's guard). */
export function labelOf(path: string, labels: Record<string, FieldLabel> = FIELD_LABELS): FieldLabel {
  const name = path.split('.').pop()!;
  const found = labels[path] ?? labels[name] ?? FIELD_LABELS[path] ?? FIELD_LABELS[name];
  if (!found) throw new Error(`no label for form field ${path}`);
  return found;
}

/** Where a form's names come from: the commands' and registration's, or the letter loop's first. */
interface Names { fields: Record<string, FieldLabel>; options: Record<string, Record<string, Label>> }
const COMMAND_NAMES: Names = { fields: FIELD_LABELS, options: OPTION_LABELS };
const LETTER_NAMES: Names = { fields: LETTER_FIELD_LABELS, options: LETTER_OPTION_LABELS };

function optionLabel(name: string, value: string, names: Names): Label {
  const found = names.options[name]?.[value] ?? OPTION_LABELS[name]?.[value];
  if (!found) throw new Error(`no label for choice ${name}=${value}`);
  return found;
}

function field(path: string, s: JsonSchema, required: boolean, names: Names): FormField {
  const name = path.split('.').pop()!;
  const { zh, en, input, hint } = labelOf(path, names.fields);
  const base: FormField = { path, name, label: { zh, en }, required, kind: 'string', ...(input ? { input } : {}), ...(hint ? { hint } : {}) };
  if (s.enum) return { ...base, kind: 'enum', options: s.enum.map((v) => ({ value: String(v), label: optionLabel(name, String(v), names) })) };
  switch (s.type) {
    case 'object': return { ...base, kind: 'object', fields: fieldsOf(s, `${path}.`, names) };
    case 'array': return { ...base, kind: 'array', ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}), items: field(path, s.items ?? {}, true, names) };
    case 'boolean': return { ...base, kind: 'boolean' };
    case 'integer': case 'number':
      return { ...base, kind: s.type, ...(s.minimum !== undefined ? { minimum: s.minimum } : {}), ...(s.maximum !== undefined ? { maximum: s.maximum } : {}) };
    default:
      return { ...base, ...(s.minLength !== undefined ? { minLength: s.minLength } : {}), ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
        ...(s.pattern !== undefined ? { pattern: s.pattern } : {}) };
  }
}

function fieldsOf(s: JsonSchema, prefix = '', names: Names = COMMAND_NAMES): FormField[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {})
    .filter(([, p]) => p.const === undefined) // the command's `type` discriminator
    .map(([name, p]) => field(`${prefix}${name}`, p, required.has(name), names));
}

/** Refinements (date ranges) stay on the server: a form cannot express them, the API still refuses with its message. */
const toJson = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonSchema;

let cached: FormDescriptions | undefined;

/** Every command the API accepts on POST /petitions/:id/commands, and the registration of POST /petitions. */
export function describeForms(): FormDescriptions {
  if (cached) return cached;
  const union = toJson(commandSchema);
  const commands = (union.oneOf ?? union.anyOf ?? []).map((s): CommandForm => {
    const type = String(s.properties?.type?.const);
    const label = COMMAND_LABELS[type];
    if (!label) throw new Error(`no label for command ${type}`);
    return { type, label, roles: COMMAND_ROLES[type as keyof typeof COMMAND_ROLES] ?? [], fields: fieldsOf(s) };
  });
  const letter = (action: string, path: string, schema: z.ZodType): LetterForm => {
    const rule = ACCESS_RULES[`POST ${path}`];
    return { action, path, label: LETTER_ACTION_LABELS[action]!, roles: rule && rule.roles !== 'public' ? rule.roles : [], fields: fieldsOf(toJson(schema), '', LETTER_NAMES) };
  };
  cached = {
    commands,
    letters: [
      letter('feedback', '/letters/:letter/feedback', letterFeedbackBody),
      letter('accept', '/letters/:letter/feedback/accept', letterAcceptBody),
      letter('return', '/letters/:letter/feedback/return', letterReturnBody),
      letter('adoption', '/letters/:letter/adoption', letterAdoptionBody),
    ],
    registration: { fields: fieldsOf(toJson(registrationSchema)) },
    categories: CONTENT_CATEGORIES.map((c) => ({ value: c.code, label: { zh: c.zh, en: c.en } })),
  };
  return cached;
}
