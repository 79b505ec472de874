import { Inject, Injectable } from '@nestjs/common';
import { type MissingYearWarning, missingYearWarning } from '@petitions/domain';
import type { AppConfig } from '@petitions/config';
import { APP_CONFIG } from '../api.tokens';
import { PetitionWorkflowsService } from '../petitions/petition-workflows.service';

/**
 * The December warning for the API (/ready, /health, GET /calendar/coverage, GET /supervision/reports/summary): which
 * coming year's holiday arrangement is missing, from CALENDAR_WARN_FROM (default 12-01). The years loaded are the
 * calendar new cases start with (built in, CALENDAR_DIR and published years).
 */
@Injectable()
export class CalendarWarningService {
  constructor(private readonly petitions: PetitionWorkflowsService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async warning(now: string = new Date().toISOString()): Promise<MissingYearWarning | null> {
    const calendar = await this.petitions.calendarNow();
    return missingYearWarning(now, calendar.years.map((y) => y.year), this.config.calendarWarnFrom ?? '12-01');
  }

  /** For probes: never throws (a read model that does not answer is reported by the probe's own checks). */
  async safeWarning(): Promise<MissingYearWarning | null | 'unknown'> {
    try {
      return await this.warning();
    } catch {
      return 'unknown';
    }
  }
}
