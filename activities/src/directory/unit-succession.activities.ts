import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { CaseCommandInput, UnitSuccessionActivities } from '@petitions/contracts';
import { Reorganizations } from '@petitions/read-model';
import { DataSource } from 'typeorm';
import { sendAdoption } from '../adoption/send-adoption';
import { ACTIVITY_TEMPORAL_CLIENT } from '../policies/policy-adoption.activities';

/** Activities of a unit succession (机构改革): one read (the unit's open cases), one write per case (TransferToSuccessor). */
@Injectable()
export class UnitSuccessionActivitiesService {
  private readonly reorganizations: Reorganizations;
  constructor(ds: DataSource, @Inject(ACTIVITY_TEMPORAL_CLIENT) private readonly client: Client) {
    this.reorganizations = new Reorganizations(ds);
  }

  asActivities(): UnitSuccessionActivities {
    return {
      listOpenCasesOfUnit: ({ unitId, afterCaseId, limit }) => this.reorganizations.openCasesOfUnitAfter(unitId, afterCaseId, limit),
      transferCaseToSuccessor: ({ caseId, fromUnitId, toUnitId, reorganizationId, reason }) => sendAdoption(this.client, caseId,
        { type: 'TransferToSuccessor', fromUnitId, toUnitId, reorganizationId, reason, actor: { id: 'system', role: 'system' } } as unknown as CaseCommandInput,
        'UnitSucceeded'),
    };
  }
}
