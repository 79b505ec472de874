import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '@petitions/domain';
import { UnitDirectory } from '@petitions/read-model';
import { caseViewQuery } from '@petitions/contracts';
import { ACCESS_RULES, type AccessRule, routeKey } from './access-rules';
import type { AuthConfig } from './auth.config';
import { authErrors } from './auth.errors';
import { ACTOR_KEY, type RequestWithActor, resolveCredentials } from './credentials';
import { TokenBucketLimiter, rateLimitHeaders, takeAll } from './rate-limit';
import { UNIT_ROLES } from './token';

const CASE_ID = /^[\w.:\-]{1,128}$/;
const LETTER_DOC = /^(\d{1,18})\.(pdf|html)$/;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Authorization in one place: identifies the caller, looks the route up in ACCESS_RULES, confines unit staff to
 * their unit's cases and letters, and rate-limits registrations. Registered with app.useGlobalGuards.
 */
export class AuthGuard implements CanActivate {
  private readonly perActor: TokenBucketLimiter;
  private readonly perAddress: TokenBucketLimiter;

  /** `isReplay`: whether a registration only replays an answered Idempotency-Key (not charged to the limit). */
  constructor(private readonly config: AuthConfig, private readonly db: DataSource, private readonly temporal: () => Client,
    private readonly isReplay: (req: Request, actor: Actor) => Promise<boolean> = async () => false) {
    this.perActor = new TokenBucketLimiter(config.registrationsPerMinute);
    this.perAddress = new TokenBucketLimiter(config.registrationsPerAddressPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const key = routeKey(context.getClass(), context.getHandler());
    const rule: AccessRule | undefined = key ? ACCESS_RULES[key] : undefined;
    if (rule?.roles === 'public') return true;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = resolveCredentials(req, this.config);
    req[ACTOR_KEY] = actor;
    if (actor.unitId && req.header('authorization') !== undefined) await this.checkTokenUnit(actor.unitId);
    if (!rule) throw authErrors.noRule();
    if (!(rule.roles as readonly string[]).includes(actor.role)) throw authErrors.forbidden(actor.role, rule.roles as readonly string[]);
    if (UNIT_ROLES.includes(actor.role)) await this.checkUnit(rule, actor, req);
    if (key === 'POST /petitions') await this.limitRegistration(req, actor, context.switchToHttp().getResponse<Response>());
    return true;
  }

  /** Unit checks of signed tokens, remembered for a short while (the directory changes rarely; each check reads it). */
  private readonly tokenUnits = new Map<string, { until: number; code: 'ok' | 'UNIT_UNKNOWN' | 'UNIT_INACTIVE' }>();

  /**
   * A signed token names the unit its holder acts for: when the organization directory has units, that unit must be
   * in it and exist today (401 AUTH_TOKEN_UNIT_UNKNOWN / AUTH_TOKEN_UNIT_INACTIVE). An empty directory checks nothing.
   */
  private async checkTokenUnit(unit: string): Promise<void> {
    const now = Date.now();
    let known = this.tokenUnits.get(unit);
    if (!known || known.until < now) {
      const checked = await new UnitDirectory(this.db).check([unit]);
      known = { until: now + 15_000, code: checked.ok ? 'ok' : checked.code };
      if (this.tokenUnits.size > 5000) this.tokenUnits.clear();
      this.tokenUnits.set(unit, known);
    }
    if (known.code === 'UNIT_UNKNOWN') throw authErrors.tokenUnitUnknown(unit);
    if (known.code === 'UNIT_INACTIVE') throw authErrors.tokenUnitInactive(unit);
  }

  /**
   * Registrations are charged to the actor AND to the client address (a rotated identity does not escape the
   * address's budget); an idempotent replay is checked first and charged nothing. Every answer carries
   * RateLimit-Limit / -Remaining / -Reset so a bulk client can pace itself; a refusal adds Retry-After.
   */
  private async limitRegistration(req: Request, actor: Actor, res: Response): Promise<void> {
    if (await this.isReplay(req, actor)) return;
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const decision = takeAll([{ limiter: this.perActor, key: `${actor.role}:${actor.id}` }, { limiter: this.perAddress, key: `addr:${address}` }]);
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value);
    if (!decision.allowed) throw authErrors.rateLimited(decision.retryAfterSeconds);
  }

  private async checkUnit(rule: AccessRule, actor: Actor, req: Request): Promise<void> {
    const unit = actor.unitId;
    switch (rule.unitScope) {
      case 'none':
        return;
      case 'case': {
        const caseId = str(req.params.caseId);
        // A malformed id is the controller's to refuse (400); it cannot name anyone's case.
        if (caseId === undefined || !CASE_ID.test(caseId)) return;
        const tie = unit ? await this.caseTie(caseId, unit) : 'none';
        if (tie === 'mine') return;
        // A command on a case not yet routed to any unit goes on to the domain, which refuses unit staff there
        // with its own reason (409); reads, and any case routed elsewhere, answer as if it did not exist.
        if (tie === 'unrouted' && req.method === 'POST') return;
        throw authErrors.caseNotFound();
      }
      case 'unit-query':
        if (!unit || str(req.query.unit) !== unit) throw authErrors.unitScope('unit');
        return;
      case 'letters-list': {
        const byUnit = str(req.query.unitId);
        const byCase = str(req.query.caseId);
        if (unit && byUnit === unit && (byCase === undefined || (CASE_ID.test(byCase) && await this.caseOfUnit(byCase, unit)))) return;
        if (unit && byUnit === undefined && byCase !== undefined && CASE_ID.test(byCase) && await this.caseOfUnit(byCase, unit)) return;
        throw authErrors.unitScope('unitId');
      }
      case 'letter-doc': {
        const m = LETTER_DOC.exec(str(req.params.document) ?? '');
        if (!m) return;
        const [row] = await this.db.query('SELECT recipient_unit, case_id FROM letters WHERE letter_id = $1', [m[1]]) as { recipient_unit: string; case_id: string }[];
        if (!unit || !row || (row.recipient_unit !== unit && !(await this.caseOfUnit(row.case_id, unit)))) throw authErrors.letterNotFound();
        return;
      }
      case 'letter-answer': {
        const ref = str(req.params.letter) ?? '';
        const [row] = await this.db.query(
          `SELECT recipient_unit, addressee_unit FROM letters WHERE ${/^\d{1,18}$/.test(ref) ? 'letter_id = $1' : 'letter_no = $1'} ORDER BY letter_id DESC LIMIT 1`,
          [ref]) as { recipient_unit: string; addressee_unit: string | null }[];
        if (!unit || !row || (row.addressee_unit ?? row.recipient_unit) !== unit) throw authErrors.letterNotFound();
        return;
      }
      default:
        // A rule that admits unit roles without saying how they are confined admits nothing to them.
        throw authErrors.forbidden(actor.role, []);
    }
  }

  /**
   * Whether the case is routed to the unit (lead or co-unit). The read model answers first; as it is projected
   * a moment after each step, a miss is checked against the workflow itself (a just-routed case).
   */
  private async caseOfUnit(caseId: string, unit: string): Promise<boolean> {
    return (await this.caseTie(caseId, unit)) === 'mine';
  }

  /**
   * 'mine': lead or co-unit, or the review / re-review body the case went to (it acts on those steps; the domain
   * checks which unit each step needs); 'unrouted': the case exists with no unit yet; 'other': another unit's; 'none': no case. */
  private async caseTie(caseId: string, unit: string): Promise<'mine' | 'unrouted' | 'other' | 'none'> {
    const [row] = await this.db.query('SELECT lead_unit_id, co_unit_ids FROM cases WHERE case_id = $1', [caseId]) as
      { lead_unit_id: string | null; co_unit_ids: string[] | null }[];
    if (row && (row.lead_unit_id === unit || (row.co_unit_ids ?? []).includes(unit))) return 'mine';
    try {
      const view = await this.temporal().withDeadline(Date.now() + 10_000, () => this.temporal().workflow.getHandle(caseId).query(caseViewQuery));
      const a = view.state.assignment;
      if (view.state.review?.unitId === unit || view.state.reReview?.unitId === unit) return 'mine';
      if (!a) return 'unrouted';
      return a.leadUnitId === unit || a.coUnitIds.includes(unit) ? 'mine' : 'other';
    } catch {
      return 'none';
    }
  }
}
