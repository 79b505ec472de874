import type { Client } from '@temporalio/client';
import type { Actor } from '@petitions/domain';
import { type PetitionerDetails, caseViewQuery, petitionerQuery } from '@petitions/contracts';
import type { PersonalDataReadRow, PersonalDataReads } from '@petitions/read-model';
import { personalDataErrors } from './personal-data.errors';
import { type CaseAccessFacts, type PersonalDataDecision, personalDataAccess } from './personal-data.rule';

export interface CasePersonalData {
  facts: CaseAccessFacts;
  petitioner: PetitionerDetails | null;
}

/** What a caller states it reads for (`?purpose=`), else the route's own purpose. */
export interface ReadContext {
  route: string;
  purpose: string;
}

/**
 * Applies the one rule (personal-data.rule.ts) with the case's facts taken from its workflow (the source of truth:
 * the read model is projected a moment later), and writes the read log before anything is answered in clear.
 */
export class PersonalDataAccess {
  constructor(private readonly temporal: () => Client, private readonly reads: PersonalDataReads, private readonly namedRoles: readonly string[]) {}

  /** The case's facts for the rule and its petitioner; 404 CASE_NOT_FOUND (via the error filter) when there is no such case. */
  async load(caseId: string): Promise<CasePersonalData> {
    const client = this.temporal();
    const handle = client.workflow.getHandle(caseId);
    const [view, petitioner] = await client.withDeadline(Date.now() + 30_000,
      () => Promise.all([handle.query(caseViewQuery), handle.query(petitionerQuery)]));
    const registered = view.timeline.find((r) => r.event.type === 'PetitionRegistered');
    const s = view.state;
    const facts: CaseAccessFacts = {
      caseId,
      bureauUnitId: s.petition?.bureauUnitId ?? null,
      registeredBy: registered?.event.actor?.id ?? null,
      leadUnitId: s.assignment?.leadUnitId ?? null,
      reviewUnitIds: [s.review?.unitId, s.reReview?.unitId].filter((u): u is string => typeof u === 'string'),
    };
    return { facts, petitioner };
  }

  decide(actor: Actor, facts: CaseAccessFacts): PersonalDataDecision {
    return personalDataAccess(actor, facts, this.namedRoles);
  }

  /** Logs one read in clear; when the log cannot be written the caller gets 503 and no personal data. */
  async record(actor: Actor, caseId: string, basis: Extract<PersonalDataDecision, { allowed: true }>['basis'], fields: string[],
    ctx: ReadContext): Promise<PersonalDataReadRow> {
    try {
      return await this.reads.record({ actorId: actor.id, actorRole: actor.role, actorUnit: actor.unitId ?? null, caseId,
        route: ctx.route, purpose: ctx.purpose, basis, fields });
    } catch {
      throw personalDataErrors.logFailed();
    }
  }
}
