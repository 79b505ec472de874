import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BusinessCalendar, CN_CALENDAR, CalendarError, type HolidayYear, createCalendar } from '@petitions/domain';

/**
 * The State Council's holiday arrangement is data: the built-in years (2025, 2026) plus one JSON file per year in
 * CALENDAR_DIR (e.g. `cn-2027.json`, same shape as libs/domain/src/calendar/data). A file for a built-in year
 * replaces it (a corrected notice). A bad file stops start-up with every problem listed by path.
 */
export function loadBusinessCalendar(dir: string | undefined): BusinessCalendar {
  if (!dir) return CN_CALENDAR;
  const imported: HolidayYear[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      throw new CalendarError('CALENDAR_INVALID_YEAR_DATA', `${file} 不是合法的 JSON`, `${file} is not valid JSON: ${(err as Error).message}`);
    }
    imported.push(data as HolidayYear);
  }
  const years = new Map<number, HolidayYear>(CN_CALENDAR.years.map((y) => [y.year, y]));
  const checked = createCalendar(imported);
  for (const y of checked.years) years.set(y.year, y);
  return createCalendar([...years.values()]);
}
