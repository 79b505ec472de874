import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { type Actor, nationalDefaultPolicy, resolvePolicy, validatePolicyDocument } from '@petitions/domain';
import { POLICY_ROLLOUT_WORKFLOW_TYPE, policyRolloutWorkflowId, rolloutProgressQuery } from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { PolicyStore } from '@petitions/read-model';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';

export const publishPolicySchema = z.object({
  document: z.unknown(),
  note: z.string().trim().max(2000).optional(),
  adoptOpenCases: z.boolean().default(false),
}).strict();
const idParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'policy id: lower-case letters, digits and -');
export const resolvePolicySchema = z.object({
  regionCode: z.string().regex(/^\d{6}$/), category: z.string().min(1).max(64),
  channel: z.enum(['letter', 'visit', 'phone', 'online']), kind: z.enum(['claim', 'suggestion', 'report']),
}).strict();

/** The supervision office's policies: publish versions, see what changed, roll a version out to open cases. */
@Controller('policies')
export class PoliciesController {
  constructor(
    private readonly store: PolicyStore,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list() {
    return { builtIn: nationalDefaultPolicy, published: await this.store.current() };
  }

  @Get(':policyId/versions')
  async versions(@Param('policyId') policyId: string) {
    const versions = await this.store.versions(parseOrThrow(idParam, policyId, { zh: '政策编号', en: 'policy id' }));
    if (!versions.length) throw new ApiError(404, 'POLICY_NOT_FOUND', '政策不存在', 'No such policy');
    return { versions };
  }

  /** Which policy governs a new case with these facts (precedence made visible). */
  @Post('resolve')
  @HttpCode(200)
  async resolve(@Body() body: unknown) {
    const facts = parseOrThrow(resolvePolicySchema, body, { zh: '案件要素', en: 'case facts' });
    const policy = resolvePolicy(await this.store.current(), facts, new Date().toISOString());
    return { policyId: policy.id, version: policy.version, name: policy.name };
  }

  /** Publishes the next version; a bad document is refused with every problem by path, and nothing changes. */
  @Post()
  @HttpCode(201)
  async publish(@Req() req: Request, @Body() body: unknown) {
    // Only supervisors and admins reach here (ACCESS_RULES, enforced by the guard).
    const actor: Actor = resolveActor(req);
    const input = parseOrThrow(publishPolicySchema, body, { zh: '政策发布请求', en: 'policy publication' });
    const checked = validatePolicyDocument(input.document);
    if (!checked.ok) {
      throw new ApiError(422, 'POLICY_INVALID', '督办政策校验未通过，未作任何更改', 'The policy is invalid; nothing was changed',
        { problems: checked.problems.map(({ path, messageZh, messageEn }) => ({ path, messageZh, messageEn })) });
    }
    const published = await this.store.publish({ document: checked.policy, publishedBy: actor.id, note: input.note, adoptOpenCases: input.adoptOpenCases });
    let rollout: string | null = null;
    if (input.adoptOpenCases) {
      rollout = policyRolloutWorkflowId(published.policyId, published.version);
      await this.client.workflow.start(POLICY_ROLLOUT_WORKFLOW_TYPE, {
        workflowId: rollout, taskQueue: this.config.taskQueue, args: [{ policy: published.document, actor }],
      });
    }
    return { policyId: published.policyId, version: published.version, publishedAt: published.publishedAt, changes: published.changes, rollout };
  }

  @Get(':policyId/versions/:version/rollout')
  async rollout(@Param('policyId') policyId: string, @Param('version') version: string) {
    const id = policyRolloutWorkflowId(parseOrThrow(idParam, policyId, { zh: '政策编号', en: 'policy id' }),
      parseOrThrow(z.coerce.number().int().min(1).max(100000), version, { zh: '版本', en: 'version' }));
    return { rollout: id, progress: await this.client.workflow.getHandle(id).query(rolloutProgressQuery) };
  }
}
