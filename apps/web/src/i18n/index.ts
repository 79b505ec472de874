import { ref } from 'vue';
import { CODES } from './codes';
import { en } from './en';
import { type Messages, zh } from './zh';

export type Lang = 'zh-CN' | 'en';
const KEY = 'petitions.workbench.lang';

/** zh-CN first; the English switch is remembered in this browser. */
export const lang = ref<Lang>(localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN');

export function setLang(l: Lang): void {
  lang.value = l;
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

/** A label, with {name} placeholders filled in. */
export function t(key: keyof Messages, vars: Record<string, string | number> = {}): string {
  const text = (lang.value === 'en' ? en : zh)[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A bilingual label from the API ({ zh, en }). */
export function tl(label: { zh: string; en: string } | undefined | null): string {
  if (!label) return '';
  return lang.value === 'en' ? label.en : label.zh;
}

/** A domain code's label (step, status, event …); an unknown code shows as itself. */
export function code(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const found = CODES[group]?.[value];
  return found ? found[lang.value === 'en' ? 1 : 0] : value;
}

/** The label of a pending deadline's key ('handling', 'warning:handling:…', 'feedback:…'). */
export function deadlineName(key: string | null | undefined): string {
  if (!key) return '—';
  const parts = key.split(':');
  const base = CODES.deadline?.[parts[0]!] ? parts[0]! : (parts.find((p) => CODES.deadline?.[p]) ?? key);
  return code('deadline', base);
}
