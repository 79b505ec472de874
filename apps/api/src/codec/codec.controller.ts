import { Body, Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import type { AppConfig } from '@petitions/config';
import { EncryptionCodec } from '@petitions/temporal';
import { APP_CONFIG } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import { caseIdParam } from '../petitions/petition.schemas';
import { purposeParam } from '../auth/petitioner.controller';
import { maskedPetitioner } from '../auth/masking';
import { PersonalDataAccess } from '../personal-data/personal-data.access';
import { personalDataErrors } from '../personal-data/personal-data.errors';
import { PERSONAL_FIELDS, fieldsOf, samePetitioner, scanPayload } from '../personal-data/personal-data.payloads';

const b64 = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const codecBodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), b64).optional(), data: b64.optional() })).max(1000).nullish().transform((p) => p ?? []),
}).strict();
export const codecQuery = z.object({ purpose: purposeParam.optional() }).strict();

const CASE_DECODE_ROUTE = 'POST /codec/cases/:caseId/decode';
const DEFAULT_PURPOSE = '查看工作流载荷 / inspecting workflow payloads';

type JsonPayload = { metadata?: Record<string, string>; data?: string };
const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * Remote codec endpoint (Temporal's codec-server protocol) so the Temporal UI and CLI show decoded payloads
 * to authorized users: `temporal … --codec-endpoint http://api/codec --codec-header X-Actor-Id=… …`.
 *
 * The protocol carries no workflow id, so a plain `/codec/decode` cannot be tied to a case: it decodes everything and
 * gives a petitioner's details masked (no read is logged). `/codec/cases/<caseId>/decode` (the same protocol under a
 * per-case endpoint) names the case: personal data is given in clear only as the one personal-data rule allows, only
 * when it is the named case's own, and only after the read is logged (docs/personal-data-access.md).
 */
@Controller('codec')
export class CodecController {
  private readonly codec: EncryptionCodec;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly access: PersonalDataAccess) {
    this.codec = EncryptionCodec.fromSpec(config.payloadKeys);
  }

  private async decodeAll(body: unknown): Promise<Payload[]> {
    const { payloads } = parseOrThrow(codecBodySchema, body, { zh: '编解码请求', en: 'codec request' });
    try {
      return await this.codec.decode(payloads.map(fromJson));
    } catch (err) {
      throw new ApiError(422, 'CODEC_DECODE_FAILED', '载荷无法解密（密钥未知或数据被篡改）', 'Payload cannot be decrypted (unknown key or tampered data)', { reason: (err as Error).message });
    }
  }

  @Post('decode')
  @HttpCode(200)
  async decode(@Req() req: Request, @Body() body: unknown) {
    // Who may decode: ACCESS_RULES in apps/api/src/auth, enforced by the guard; personal data only masked here.
    resolveActor(req);
    const decoded = await this.decodeAll(body);
    return { payloads: decoded.map((p) => toJson(scanPayload(p, maskedPetitioner).mapped)) };
  }

  @Post('cases/:caseId/decode')
  @HttpCode(200)
  async decodeForCase(@Req() req: Request, @Param('caseId') caseId: string, @Query() query: unknown, @Body() body: unknown) {
    const actor = resolveActor(req);
    const id = parseOrThrow(caseIdParam, caseId, { zh: '案件编号', en: 'case id' });
    const q = parseOrThrow(codecQuery, query, { zh: '查询参数', en: 'query parameters' });
    const scanned = (await this.decodeAll(body)).map((p) => scanPayload(p, (x) => x));
    const found = scanned.flatMap((s) => s.found);
    if (found.length === 0) return { payloads: scanned.map((s) => toJson(s.payload)) };
    const { facts, petitioner } = await this.access.load(id);
    const decision = this.access.decide(actor, facts);
    if (!decision.allowed) throw personalDataErrors.forbidden(id);
    // The named case's own data only: a workflow input names its case; other details must be the case's petitioner.
    for (const s of scanned) {
      if (!s.found.length) continue;
      const own = s.caseId !== undefined ? s.caseId === id : petitioner !== null && s.found.every((f) => samePetitioner(f, petitioner));
      if (!own) throw personalDataErrors.notOfCase(id);
    }
    const fields = PERSONAL_FIELDS.filter((k) => found.some((f) => fieldsOf(f).includes(k)));
    await this.access.record(actor, id, decision.basis, fields, { route: CASE_DECODE_ROUTE, purpose: q.purpose ?? DEFAULT_PURPOSE });
    return { payloads: scanned.map((s) => toJson(s.payload)) };
  }

  @Post('encode')
  @HttpCode(200)
  async encode(@Req() req: Request, @Body() body: unknown) {
    resolveActor(req);
    const { payloads } = parseOrThrow(codecBodySchema, body, { zh: '编解码请求', en: 'codec request' });
    return { payloads: (await this.codec.encode(payloads.map(fromJson))).map(toJson) };
  }

  /** The per-case endpoint's encode (a codec client derives both from one endpoint); encoding reveals nothing. */
  @Post('cases/:caseId/encode')
  @HttpCode(200)
  async encodeForCase(@Req() req: Request, @Body() body: unknown) {
    return this.encode(req, body);
  }
}
