import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { LettersStore, type StoredLetter } from '@petitions/read-model';
import { type SupervisionLetter, markHtmlWithdrawn, renderLetterPdf } from '@petitions/letters';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

export const lettersListQuery = z.object({
  caseId: z.string().regex(/^petition-[a-z0-9]{20}$/).optional(),
  unitId: z.string().regex(/^[\w.:\-]{1,64}$/).optional(),
  /** feedback: letters still to be answered (with unitId: the unit's letters to answer); review: feedback awaiting the office. */
  awaiting: z.enum(['feedback', 'review']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).strict();
const docParam = z.string().regex(/^\d{1,18}\.(pdf|html)$/, 'letter id followed by .pdf or .html');

/** Supervision letters (督办提醒函, 挂牌督办通知, 问责建议函): by case, by unit, and as documents. */
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersStore) {}

  @Get()
  async list(@Req() req: Request, @Query() query: unknown) {
    resolveActor(req);
    const filter = parseOrThrow(lettersListQuery, query, { zh: '查询条件', en: 'query' });
    return { letters: await this.letters.list(filter), limit: filter.limit, offset: filter.offset };
  }

  @Get(':document')
  async document(@Req() req: Request, @Param('document') document: string, @Res() res: Response) {
    resolveActor(req);
    const [id, format] = parseOrThrow(docParam, document, { zh: '文书编号', en: 'letter document' }).split('.') as [string, 'pdf' | 'html'];
    const found = await this.letters.document(id, format);
    if (!found) throw new ApiError(404, 'LETTER_NOT_FOUND', '文书不存在', 'No such letter');
    res.setHeader('content-type', format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8');
    res.setHeader('content-disposition', `inline; filename="letter-${id}.${format}"`);
    res.setHeader('x-letter-status', found.letter.status);
    res.send(await withdrawalMarked(found, format));
  }
}

/**
 * A withdrawn letter's documents say so (已撤回 / WITHDRAWN, with the reason): the HTML is marked from the stored
 * document; the PDF is rendered again from the letter's model with the stamp (a letter issued before models were kept
 * is served as stored, its status in the x-letter-status header and the letters API).
 */
export async function withdrawalMarked(found: { letter: StoredLetter; body: string | Buffer; model: unknown }, format: 'pdf' | 'html'): Promise<string | Buffer> {
  const w = found.letter.withdrawal;
  if (w === null) return found.body;
  const mark = { at: w.at, reason: w.reason ?? '违期已撤回 / The breach was withdrawn' };
  if (format === 'html') return markHtmlWithdrawn(String(found.body), mark);
  return found.model === null ? found.body : renderLetterPdf(found.model as SupervisionLetter, { withdrawal: mark });
}
