import { SHANGHAI_TIME_ZONE, shanghaiDate } from '@petitions/domain/time';
import { lang, t } from '../i18n';

/** An instant as the bureau reads it: Asia/Shanghai, to the minute. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang.value === 'en' ? 'en-GB' : 'zh-CN', { timeZone: SHANGHAI_TIME_ZONE, hour12: false,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** A span in its largest two units: 3天4小时, 2h 5min. */
export function span(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const parts: [number, 'days' | 'hours' | 'minutes' | 'seconds'][] = [[Math.floor(s / 86400), 'days'], [Math.floor((s % 86400) / 3600), 'hours'],
    [Math.floor((s % 3600) / 60), 'minutes'], [s % 60, 'seconds']];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return t('seconds', { n: 0 });
  return parts.slice(first, first + 2).filter(([n]) => n > 0).map(([n, u]) => t(u, { n })).join(lang.value === 'en' ? ' ' : '');
}

/** Time left before a deadline, or how long it is overdue. */
export function timeLeft(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 0 ? span(ms) : t('overdueBy', { t: span(ms) });
}

/** Shanghai date 'YYYY-MM-DD' of now. */
export function today(): string {
  return shanghaiDate(Date.now());
}
