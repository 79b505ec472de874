import { Controller, Get, Inject } from '@nestjs/common';
import type { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ProjectionDeadLetters } from '@petitions/read-model';
import { ApiError } from '../errors/api-error';
import { TEMPORAL_CLIENT } from '../api.tokens';
import { shutdownState } from '../graceful-shutdown';
import { CalendarWarningService } from '../calendar/calendar-warning.service';

@Controller()
export class HealthController {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client, private readonly ds: DataSource,
    private readonly calendar: CalendarWarningService) {}

  /**
   * Liveness: the process answers; `stuckProjections` (投影阻塞) when the read model can tell (null if it cannot);
   * `calendar`: the coming year's holiday arrangement missing (from CALENDAR_WARN_FROM), null when none is.
   */
  @Get('health')
  async health() {
    return { status: 'ok', stuckProjections: await this.stuckProjections(), calendar: await this.calendar.safeWarning() };
  }

  private async stuckProjections(): Promise<number | null> {
    try { return await new ProjectionDeadLetters(this.ds).count(); } catch { return null; }
  }

  /** Readiness: PostgreSQL and Temporal both answer. */
  @Get('ready')
  async ready() {
    const checks: Record<string, string> = {};
    if (shutdownState.draining) throw new ApiError(503, 'NOT_READY', '服务正在停止', 'The process is shutting down', { shutdown: 'draining' });
    try { await this.ds.query('SELECT 1'); checks.postgres = 'ok'; } catch { checks.postgres = 'down'; }
    try { await (this.client.connection as Connection).healthService.check({}); checks.temporal = 'ok'; } catch { checks.temporal = 'down'; }
    if (Object.values(checks).some((v) => v !== 'ok')) {
      throw new ApiError(503, 'NOT_READY', '依赖服务不可用', 'A dependency is unavailable', checks);
    }
    // Stuck projections do not make the process unready (cases keep running), they are reported for operators. Nor
    // does a missing holiday year: cases run on provisional deadlines and move when it is published (degraded).
    const calendar = await this.calendar.safeWarning();
    return { status: 'ready', checks, stuckProjections: await this.stuckProjections(), calendar,
      degraded: calendar === null ? [] : ['calendar'] };
  }
}
