import type { FormItemRule } from 'element-plus';
import type { FormField } from '../api/types';
import { t, tl } from '../i18n';

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** One field's checks, exactly the bounds and patterns the API's schema declares (GET /workbench/forms). */
function check(f: FormField, required: boolean) {
  return (_rule: unknown, value: unknown, done: (e?: Error) => void) => {
    const name = tl(f.label);
    if (empty(value)) return done(required ? new Error(t('v_required', { f: name })) : undefined);
    if (f.kind === 'string' && typeof value === 'string') {
      const v = value.trim();
      if (required && v === '') return done(new Error(t('v_required', { f: name })));
      if (f.maxLength !== undefined && v.length > f.maxLength) return done(new Error(t('v_tooLong', { f: name, n: f.maxLength })));
      if (f.pattern && !new RegExp(f.pattern).test(v)) return done(new Error(t('v_pattern', { f: name })));
    }
    if (f.kind === 'integer' || f.kind === 'number') {
      const n = Number(value);
      if (f.kind === 'integer' && !Number.isInteger(n)) return done(new Error(t('v_integer', { f: name })));
      if ((f.minimum !== undefined && n < f.minimum) || (f.maximum !== undefined && n > f.maximum)) {
        return done(new Error(t('v_range', { f: name, min: f.minimum ?? '', max: f.maximum ?? '' })));
      }
    }
    if (f.kind === 'array' && Array.isArray(value) && f.items?.pattern) {
      const bad = value.find((x) => !new RegExp(f.items!.pattern!).test(String(x)));
      if (bad !== undefined) return done(new Error(t('v_pattern', { f: name })));
    }
    return done();
  };
}

/**
 * el-form rules by dotted path. A field inside an optional group (a handling limit) is required only as part of the
 * group: the group is left out when it is empty (see prune), and the API judges the rest.
 */
export function rulesFor(fields: FormField[], parentRequired = true): Record<string, FormItemRule[]> {
  const rules: Record<string, FormItemRule[]> = {};
  for (const f of fields) {
    if (f.kind === 'object') Object.assign(rules, rulesFor(f.fields ?? [], parentRequired && f.required));
    else {
      const required = parentRequired && f.required;
      // `required` draws the asterisk; the validator gives the message (empty, too long, wrong format, out of range).
      rules[f.path] = [{ required, message: t('v_required', { f: tl(f.label) }), validator: check(f, required), trigger: ['blur', 'change'] }];
    }
  }
  return rules;
}

/** Drops what was left empty (optional fields and groups), trims text: the body the API's schema expects. */
export function prune(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) { const a = value.map(prune).filter((x) => x !== undefined); return a.length ? a : undefined; }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, prune(v)] as const).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === null ? undefined : value;
}

/**
 * The starting values of a form: required choices open at their first allowed value, required switches off. Inside an
 * optional group (a handling limit) nothing is preset, so an untouched group is left out of the body.
 */
export function initialValues(fields: FormField[], choices?: { field: string; values: string[] }, parentRequired = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const required = parentRequired && f.required;
    if (f.kind === 'object') out[f.name] = initialValues(f.fields ?? [], undefined, required);
    else if (f.kind === 'boolean') out[f.name] = required ? false : undefined;
    else if (f.kind === 'array') out[f.name] = [];
    else if (f.kind === 'enum' && required) out[f.name] = choices?.field === f.name ? choices.values[0] : f.options?.[0]?.value;
    else out[f.name] = f.kind === 'integer' || f.kind === 'number' || f.kind === 'enum' ? undefined : '';
  }
  return out;
}
