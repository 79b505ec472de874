import { ref } from 'vue';
import { getJson } from './client';
import type { FormDescriptions, Unit } from './types';

/** The command and registration forms as the API describes them (GET /workbench/forms): loaded once. */
export const forms = ref<FormDescriptions | null>(null);
let loading: Promise<FormDescriptions> | null = null;

export function loadForms(): Promise<FormDescriptions> {
  loading ??= getJson<FormDescriptions>('/workbench/forms').then((f) => { forms.value = f; return f; });
  loading.catch(() => { loading = null; });
  return loading;
}

/** The organization directory (GET /units): empty where none was imported. */
export const units = ref<Unit[]>([]);
let unitsLoading: Promise<Unit[]> | null = null;

export function loadUnits(): Promise<Unit[]> {
  unitsLoading ??= getJson<{ units: Unit[] }>('/units').then((r) => { units.value = r.units; return r.units; });
  unitsLoading.catch(() => { unitsLoading = null; });
  return unitsLoading;
}

export function unitName(id: string | null | undefined): string {
  if (!id) return '—';
  const u = units.value.find((x) => x.id === id);
  return u ? `${u.nameZh}（${id}）` : id;
}
