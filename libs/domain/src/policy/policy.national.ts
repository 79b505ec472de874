import type { CasePolicy } from './policy.types';

/**
 * Defaults of the national Regulation (《信访工作条例》, 2022). "日" limits are calendar days (start day
 * not counted, a deadline ending on a rest day rolls to the next working day); the objection
 * limit is the only one the Regulation states in working days.
 */
export const nationalDefaultPolicy: CasePolicy = {
  id: 'cn-national-2022',
  version: 1,
  name: '《信访工作条例》全国默认期限 / National Regulation defaults',
  limits: {
    route: { amount: 15, unit: 'calendar_days' },
    notify: { amount: 15, unit: 'calendar_days' },
    objection: { amount: 5, unit: 'working_days' },
    acceptance: { amount: 15, unit: 'calendar_days' },
    handleClaim: { amount: 60, unit: 'calendar_days' },
    handleSuggestion: null,
    handleReport: null,
    requestReview: { amount: 30, unit: 'calendar_days' },
    decideReview: { amount: 30, unit: 'calendar_days' },
    requestReReview: { amount: 30, unit: 'calendar_days' },
    decideReReview: { amount: 30, unit: 'calendar_days' },
  },
  // Unconfirmed: the Regulation sets no evaluation window; 30 days mirrors the review window.
  evaluationWindow: { amount: 30, unit: 'calendar_days' },
  maxExtension: { amount: 30, unit: 'calendar_days' },
  continueAsNewAfterEvents: 2000,
};
