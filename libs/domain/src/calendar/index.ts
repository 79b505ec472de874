export { CalendarError, type CalendarErrorCode, type CalendarProblem } from './calendar-error';
export {
  type HolidayPeriod,
  type HolidayYear,
  type HolidayYearValidation,
  validateHolidayYear,
} from './holiday-year.schema';
export {
  type BusinessCalendar,
  type Limit,
  type LimitUnit,
  CN_CALENDAR,
  MAX_LIMIT_DAYS,
  addWorkingDays,
  calendarCovers,
  computeDueAt,
  countWorkingDaysBetween,
  createCalendar,
  isWorkingDay,
  localDate,
} from './business-calendar';
export { type DueWithCoverage, computeDueWithCoverage, coversInstant, uncoveredYearsOf, withYears } from './calendar-coverage';
export { DEFAULT_CALENDAR_WARN_FROM, type MissingYearWarning, isMonthDay, missingYearWarning } from './calendar-missing-year';
