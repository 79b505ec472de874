export * from './case.types';
export * from './case.commands';
export * from './case.events';
export * from './case.state';
export { type CaseRejection, type CaseRejectionCode, CASE_REJECTION_CODES, CASE_REJECTION_MESSAGES, rejection } from './case.rejections';
export { type DecideContext, type DecideResult, type SupervisionContext, decide } from './case.decide';
export { evolve, evolveAll } from './case.evolve';
export {
  type PendingClock,
  type PendingDeadline,
  type PendingEscalation,
  type PendingFeedback,
  type PendingWarning,
  DEADLINE_ARTICLES,
  ESCALATION_ARTICLES,
  nextDeadline,
  objectionWindow,
  pendingDeadlines,
  isDeadlineKey,
} from './case.deadlines';
export { rungDueAt, warningInstant } from './case.alarms';
export { letterCitations } from './case.citations';
export { activePause, clockDueAt, clockStartedAt } from './case.clocks';
export { rearmClocks } from './case.rearm';
export { caseCalendar, clockUncoveredYears } from './case.calendar';
export { COMMAND_ROLES } from './case.roles';
export { type LetterFeedbackStatus, feedbackStateOf, letterFeedbackStatus } from './case.letters.state';
export { windowsSpent } from './case.closure';
export { type CaseSummary, caseSummary } from './case.summary';
export { MAX_VISIT_REPRESENTATIVES } from './case.validate';
