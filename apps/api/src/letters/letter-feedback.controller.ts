import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { LettersStore, type StoredLetter } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import type { CommandBody } from '../petitions/petition.schemas';
import { PetitionWorkflowsService } from '../petitions/petition-workflows.service';

/** A letter by its id (digits) or its number (文号, e.g. 信联办督〔2026〕12号). */
export const letterRefParam = z.string().min(1).max(60).regex(/^(\d{1,18}|[^/\\]+号)$/, 'letter id or letter number (…号)')
  .meta({ description: '文书编号或文号 · letter id or letter number' });
const text = (max: number) => z.string().trim().min(1).max(max);
const limitSchema = z.object({
  amount: z.number().int().min(1).max(365),
  unit: z.enum(['calendar_days', 'working_days']),
}).strict();

export const letterFeedbackBody = z.object({
  summary: text(4000).meta({ description: '反馈情况 · what was done' }),
  measures: text(4000).optional().meta({ description: '整改措施 · measures taken' }),
  documentNo: text(200).optional().meta({ description: '反馈文书文号 · document number' }),
  feedbackRef: text(200).optional().meta({ description: '反馈文书引用 · document reference' }),
  attachments: z.array(text(200)).max(20).optional().meta({ description: '附件（文档编号）· attachments by reference' }),
}).strict().refine((b) => b.documentNo !== undefined || b.feedbackRef !== undefined, { message: 'documentNo or feedbackRef is required', path: ['documentNo'] });
export const letterAcceptBody = z.object({ note: text(4000).optional() }).strict();
export const letterReturnBody = z.object({
  reason: text(4000).meta({ description: '退回理由 · why the feedback is returned' }),
  limit: limitSchema.meta({ description: '重新反馈期限（自退回起算）· new limit, counted from the return' }),
}).strict();
export const letterAdoptionBody = z.object({
  outcome: z.enum(['adopted', 'partly_adopted', 'not_adopted']),
  reason: text(4000).optional().meta({ description: '理由（部分采纳、未采纳时必填）· reason (required unless adopted)' }),
  documentNo: text(200).optional().meta({ description: '文书文号 · document number' }),
}).strict();

/**
 * The letter feedback loop: the addressed unit answers, the supervision office accepts or returns the answer, the
 * addressee of an accountability recommendation records its adoption. Each is a command to the case workflow; the
 * case checks the unit, the role and the letter's state.
 */
@Controller('letters')
export class LetterFeedbackController {
  constructor(private readonly letters: LettersStore, private readonly workflows: PetitionWorkflowsService) {}

  @Post(':letter/feedback')
  @HttpCode(200)
  async feedback(@Req() req: Request, @Param('letter') ref: string, @Body() body: unknown) {
    const b = parseOrThrow(letterFeedbackBody, body, { zh: '书面反馈', en: 'feedback' });
    return this.send(req, ref, (letterNo) => ({ type: 'RecordLetterFeedback', letterNo, summary: b.summary, feedbackRef: b.feedbackRef,
      measures: b.measures, documentNo: b.documentNo, attachments: b.attachments }));
  }

  @Post(':letter/feedback/accept')
  @HttpCode(200)
  async accept(@Req() req: Request, @Param('letter') ref: string, @Body() body: unknown) {
    const b = parseOrThrow(letterAcceptBody, body ?? {}, { zh: '审核', en: 'review' });
    return this.send(req, ref, (letterNo) => ({ type: 'AcceptLetterFeedback', letterNo, note: b.note }));
  }

  @Post(':letter/feedback/return')
  @HttpCode(200)
  async giveBack(@Req() req: Request, @Param('letter') ref: string, @Body() body: unknown) {
    const b = parseOrThrow(letterReturnBody, body, { zh: '退回', en: 'return' });
    return this.send(req, ref, (letterNo) => ({ type: 'ReturnLetterFeedback', letterNo, returnReason: b.reason, limit: b.limit }));
  }

  @Post(':letter/adoption')
  @HttpCode(200)
  async adoption(@Req() req: Request, @Param('letter') ref: string, @Body() body: unknown) {
    const b = parseOrThrow(letterAdoptionBody, body, { zh: '采纳情况', en: 'adoption' });
    return this.send(req, ref, (letterNo) => ({ type: 'RecordLetterAdoption', letterNo, outcome: b.outcome, adoptionReason: b.reason,
      documentNo: b.documentNo }));
  }

  private async send(req: Request, ref: string, command: (letterNo: string) => Record<string, unknown>) {
    const actor = resolveActor(req);
    const letter = await findLetter(this.letters, parseOrThrow(letterRefParam, ref, { zh: '文书', en: 'letter' }));
    const cmd = Object.fromEntries(Object.entries(command(letter.letterNo)).filter(([, v]) => v !== undefined));
    const outcome = await this.workflows.act(letter.caseId, actor, cmd as unknown as CommandBody);
    return { letterId: letter.letterId, letterNo: letter.letterNo, caseId: outcome.caseId, status: outcome.status, step: outcome.step,
      events: outcome.events.map((e) => ({ seq: e.seq, type: e.event.type, at: e.event.at })) };
  }
}

export async function findLetter(store: LettersStore, ref: string): Promise<StoredLetter> {
  const letter = await store.find(/^\d+$/.test(ref) ? { letterId: ref } : { letterNo: ref });
  if (!letter) throw new ApiError(404, 'LETTER_NOT_FOUND', '文书不存在', 'No such letter');
  return letter;
}
