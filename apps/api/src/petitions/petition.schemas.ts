import { z } from 'zod';
import {
  ACCEPTANCE_OUTCOMES, BREACH_DEADLINE_KEYS, CHANNELS, DIVERSION_CHANNELS, PETITION_KINDS, PETITION_LEVELS, REPLY_CLOSURE_TYPES,
  REVIEW_DECISIONS, ROUTE_MODES, SATISFACTION_VALUES,
} from '@petitions/domain';

// Edge validation: every string is bounded, every date sane; the domain then checks the rules of the case.
const id = z.string().trim().min(1).max(64).regex(/^[\w.:\-]+$/, 'letters, digits, . _ : - only');
const text = (max: number) => z.string().trim().min(1).max(max);
const MIN_DATE = Date.parse('2000-01-01T00:00:00Z');
const MAX_DATE = Date.parse('2100-01-01T00:00:00Z');
const isoInstant = z.string().max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 instant with offset')
  .refine((s) => { const t = Date.parse(s); return t >= MIN_DATE && t < MAX_DATE; }, 'date out of range 2000–2099');
const limit = z.object({
  amount: z.number().int().min(1).max(3660),
  unit: z.enum(['calendar_days', 'working_days', 'hours', 'minutes', 'seconds']),
  rollToWorkingDay: z.boolean().optional(),
}).strict();

export const registrationSchema = z.object({
  channel: z.enum(CHANNELS),
  kind: z.enum(PETITION_KINDS),
  category: id,
  /** Where the matter arose: a county (6 digits) or a township (乡镇街道, 9 digits; its county is its first 6). */
  regionCode: z.string().regex(/^\d{6}(?:\d{3})?$/, 'administrative division code: 6 digits (county) or 9 (township)'),
  level: z.enum(PETITION_LEVELS),
  persons: z.number().int().min(1).max(100000),
  representatives: z.number().int().min(1).max(5).optional(),
  respondent: z.object({ type: z.enum(['unit', 'person']), description: text(200) }).strict(),
  /** The petition's text: personal data, carried only encrypted. */
  summary: text(20000),
  petitioner: z.object({
    name: text(50),
    idNumber: z.string().regex(/^\d{17}[\dXx]$/, '18-character resident identity number').optional(),
    phone: z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'mobile or landline number').optional(),
    address: text(200).optional(),
  }).strict(),
  /**
   * The registrar's decision on "same matter": file as a repeat of this case. An open case takes the petition as a
   * repeat; a closed one (withdrawn, not accepted, diverted …) gets a new case linked to it; after a re-review decision
   * the new case cites it for 不再受理 (art.36). Without it the petition is a new case, even against the same respondent.
   */
  repeatOf: z.string().regex(/^petition-[a-z0-9]{20}$/, 'case id of the form petition-xxxxxxxxxxxxxxxxxxxx').optional(),
}).strict();
export type RegistrationBody = z.infer<typeof registrationSchema>;

/** The facts a suggestion compares (POST /petitions/suggest-related): a registration's petitioner, respondent, category, summary. */
export const suggestionSchema = z.object({
  category: id,
  respondent: z.object({ type: z.enum(['unit', 'person']).optional(), description: text(200) }).strict(),
  summary: text(20000).optional(),
  petitioner: z.object({
    name: text(50),
    idNumber: z.string().regex(/^\d{17}[\dXx]$/, '18-character resident identity number').optional(),
    phone: z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'mobile or landline number').optional(),
  }).passthrough(),
}).passthrough();
export type SuggestionBody = z.infer<typeof suggestionSchema>;

const reason = text(2000).optional();
const caseIdOf = z.string().regex(/^petition-[a-z0-9]{20}$/, 'case id of the form petition-xxxxxxxxxxxxxxxxxxxx');
const ref = text(200);
const pauseReasonCode = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'pause reason code of the case policy (e.g. appraisal)');
export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RoutePetition'), mode: z.enum(ROUTE_MODES), leadUnitId: id, coUnitIds: z.array(id).max(20).optional(),
    handlingDeadline: isoInstant.optional(), handlingLimit: limit.optional(), reason }).strict(),
  z.object({ type: z.literal('ReceiveCase'), reason }).strict(),
  z.object({ type: z.literal('NotifyPetitioner'), noticeRef: ref.optional(), reason }).strict(),
  z.object({ type: z.literal('RaiseObjection'), reason }).strict(),
  z.object({ type: z.literal('DecideObjection'), approved: z.boolean(), reason }).strict(),
  z.object({ type: z.literal('DecideAcceptance'), outcome: z.enum(ACCEPTANCE_OUTCOMES), divertTo: z.enum(DIVERSION_CHANNELS).optional(), reason }).strict(),
  z.object({ type: z.literal('NotifyDecision'), noticeRef: ref, reason }).strict(),
  z.object({ type: z.literal('AssignLeader'), leaderId: id, reason }).strict(),
  z.object({ type: z.literal('RequestExtension'), extension: limit, reason }).strict(),
  z.object({ type: z.literal('DecideExtension'), approved: z.boolean(), reason }).strict(),
  z.object({ type: z.literal('ReplyToPetitioner'), closureType: z.enum(REPLY_CLOSURE_TYPES), outcomeRef: ref, claimUpheld: z.boolean().optional(), reason }).strict(),
  z.object({ type: z.literal('EvaluateSatisfaction'), value: z.enum(SATISFACTION_VALUES), reason }).strict(),
  z.object({ type: z.literal('RequestReview'), reviewUnitId: id, reason }).strict(),
  z.object({ type: z.literal('DecideReview'), decision: z.enum(REVIEW_DECISIONS), outcomeRef: ref, reason }).strict(),
  z.object({ type: z.literal('RequestReReview'), reReviewUnitId: id, reason }).strict(),
  z.object({ type: z.literal('StartHearing'), reason }).strict(),
  z.object({ type: z.literal('EndHearing'), reason }).strict(),
  z.object({ type: z.literal('DecideReReview'), decision: z.enum(REVIEW_DECISIONS), outcomeRef: ref, reason }).strict(),
  z.object({ type: z.literal('WithdrawPetition'), reason }).strict(),
  // The API adds the related case's matter reference from the read model.
  z.object({ type: z.literal('LinkRelatedCase'), relatedCaseId: caseIdOf, reason: text(2000) }).strict(),
  z.object({ type: z.literal('UnlinkRelatedCase'), relatedCaseId: caseIdOf, reason: text(2000) }).strict(),
  // A clock pause (鉴定, 等待其他机关决定 …): the reason code comes from the case policy, `reason` says why; under a policy
  // with pauseApproval the unit head issues it naming himself approverId (the domain refuses otherwise, with a stable code).
  z.object({ type: z.literal('PauseClock'), deadlineKey: z.enum(BREACH_DEADLINE_KEYS), pauseReason: pauseReasonCode,
    approverId: id.optional(), requestedBy: id.optional(), reason }).strict(),
  z.object({ type: z.literal('ResumeClock'), deadlineKey: z.enum(BREACH_DEADLINE_KEYS), reason }).strict(),
]);
export type CommandBody = z.infer<typeof commandSchema>;

export const caseIdParam = caseIdOf;
