import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import type { AppConfig } from '@petitions/config';
import { EncryptionCodec } from '@petitions/temporal';
import { APP_CONFIG } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';


const b64 = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const codecBodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), b64).optional(), data: b64.optional() })).max(1000).nullish().transform((p) => p ?? []),
}).strict();

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
 */
@Controller('codec')
export class CodecController {
  private readonly codec: EncryptionCodec;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.codec = EncryptionCodec.fromSpec(config.payloadKeys);
  }

  @Post('decode')
  @HttpCode(200)
  async decode(@Req() req: Request, @Body() body: unknown) {
    // Who may decode (personal data): ACCESS_RULES in apps/api/src/auth, enforced by the guard.
    resolveActor(req);
    const { payloads } = parseOrThrow(codecBodySchema, body, { zh: '编解码请求', en: 'codec request' });
    try {
      return { payloads: (await this.codec.decode(payloads.map(fromJson))).map(toJson) };
    } catch (err) {
      throw new ApiError(422, 'CODEC_DECODE_FAILED', '载荷无法解密（密钥未知或数据被篡改）', 'Payload cannot be decrypted (unknown key or tampered data)', { reason: (err as Error).message });
    }
  }

  @Post('encode')
  @HttpCode(200)
  async encode(@Req() req: Request, @Body() body: unknown) {
    resolveActor(req);
    const { payloads } = parseOrThrow(codecBodySchema, body, { zh: '编解码请求', en: 'codec request' });
    return { payloads: (await this.codec.encode(payloads.map(fromJson))).map(toJson) };
  }
}
