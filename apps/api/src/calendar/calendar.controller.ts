import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { validateHolidayYear } from '@petitions/domain';
import { CALENDAR_ROLLOUT_WORKFLOW_TYPE, calendarRolloutWorkflowId } from '@petitions/contracts';
import type { AppConfig } from '@petitions/config';
import { CalendarStore } from '@petitions/read-model';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../api.tokens';
import { ApiError } from '../errors/api-error';
import { parseOrThrow } from '../errors/validation';
import { resolveActor } from '../petitions/actor.resolver';
import { PetitionWorkflowsService } from '../petitions/petition-workflows.service';
import { CalendarWarningService } from './calendar-warning.service';

export const publishCalendarYearSchema = z.object({
  /** The HolidayYear JSON (same shape as libs/domain/src/calendar/data/cn-2026.json); validated by the domain. */
  arrangement: z.unknown(),
  /** 国办发明电〔2026〕N号: the State Council notice the arrangement comes from. */
  documentNo: z.string().trim().min(3).max(200),
  note: z.string().trim().max(2000).optional(),
  /** Bring it to the open cases (default): their provisional deadlines are recomputed. */
  adoptOpenCases: z.boolean().default(true),
}).strict();

/** The State Council's yearly holiday arrangements as governed data: publish a year, list versions, see coverage. */
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly store: CalendarStore,
    private readonly petitions: PetitionWorkflowsService,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly warning: CalendarWarningService,
  ) {}

  @Get('years')
  async list() {
    const calendar = await this.petitions.calendarNow();
    return { inForce: calendar.years.map((y) => ({ year: y.year, source: y.source })), published: await this.store.versions() };
  }

  /** Which years are loaded, and how many open cases have provisional (暂定) deadlines per missing year. */
  @Get('coverage')
  async coverage() {
    // `missingYear`: the December warning (CALENDAR_WARN_FROM), null when every expected year is loaded.
    return { ...await this.store.coverage(this.petitions.baseCalendar()), missingYear: await this.warning.warning() };
  }

  /** Publishes a year (a new version when it exists); a bad arrangement is refused with every problem by path. */
  @Post('years')
  @HttpCode(201)
  async publish(@Req() req: Request, @Body() body: unknown) {
    // Only admins reach here (ACCESS_RULES, enforced by the guard).
    const actor = resolveActor(req);
    const input = parseOrThrow(publishCalendarYearSchema, body, { zh: '节假日安排发布请求', en: 'holiday arrangement publication' });
    const checked = validateHolidayYear(input.arrangement);
    if (!checked.ok) {
      throw new ApiError(422, 'CALENDAR_INVALID_YEAR_DATA', '节假日安排校验未通过，未作任何更改', 'The holiday arrangement is invalid; nothing was changed',
        { problems: checked.problems.map(({ path, message }) => ({ path: path ? `arrangement.${path}` : 'arrangement', message })) });
    }
    const published = await this.store.publish({ arrangement: checked.value, documentNo: input.documentNo, publishedBy: actor.id, note: input.note });
    this.petitions.forgetCalendar();
    let rollout: string | null = null;
    if (input.adoptOpenCases) {
      rollout = calendarRolloutWorkflowId(published.year, published.version);
      await this.client.workflow.start(CALENDAR_ROLLOUT_WORKFLOW_TYPE, {
        workflowId: rollout, taskQueue: this.config.taskQueue,
        args: [{ arrangement: published.arrangement, documentNo: published.documentNo, publishedBy: actor.id, version: published.version }],
      });
    }
    return { year: published.year, version: published.version, documentNo: published.documentNo, publishedBy: published.publishedBy,
      publishedAt: published.publishedAt, rollout };
  }
}
