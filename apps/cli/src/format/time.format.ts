import { SHANGHAI_TIME_ZONE } from '@petitions/domain';

/** The bureau's local time: every instant the CLI prints is shown in this zone (China has no DST since 1991). */
export const LOCAL_TIME_ZONE = SHANGHAI_TIME_ZONE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', timeZoneName: 'longOffset',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * `2025-12-16T15:59:59Z` → `2025-12-16 23:59:59 +08:00` (Asia/Shanghai by default). Text that is not an instant
 * is returned unchanged, so a surprising value is still shown rather than hidden.
 */
export function formatLocalTime(iso: string | null | undefined, timeZone = LOCAL_TIME_ZONE): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(t))) parts[p.type] = p.value;
  const offset = (parts.timeZoneName ?? '').replace(/^GMT/, '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * Time left before a deadline, in the two largest units, rounded down (never more time than there is):
 * 3天4小时 / 3d 4h; 5小时12分钟 / 5h 12m; 7分钟 / 7m; 不足1分钟 / <1m. Negative means overdue.
 */
export function formatRemaining(ms: number): Bilingual {
  if (!Number.isFinite(ms)) return { zh: '未知', en: 'unknown' };
  const overdue = ms < 0;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  let zh: string;
  let en: string;
  if (days > 0) {
    zh = hours > 0 ? `${days}天${hours}小时` : `${days}天`;
    en = hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  } else if (hours > 0) {
    zh = minutes > 0 ? `${hours}小时${minutes}分钟` : `${hours}小时`;
    en = minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  } else if (minutes > 0) {
    zh = `${minutes}分钟`;
    en = `${minutes}m`;
  } else {
    zh = '不足1分钟';
    en = '<1m';
  }
  return overdue ? { zh: `已超期${zh}`, en: `overdue by ${en}` } : { zh: `剩余${zh}`, en: `${en} left` };
}

/** `剩余3天4小时 / 3d 4h left` */
export const bilingual = (b: Bilingual): string => `${b.zh} / ${b.en}`;
