import { ApplicationFailure } from '@temporalio/common';
import { nationalDefaultPolicy } from '@petitions/domain';
import { CaseTestEnv, DAY } from '../../tools/test/case-env';

/**
 * A letter the letter activity refuses for good (invalid content, a non-retryable failure) must not fail the case:
 * the escalation stays on record without its letter, and the case runs on under supervision.
 */
const REGISTRAR = { id: 'reg-1', role: 'registrar', unitId: 'city-bureau' } as const;

describe('a refused supervision letter (time-skipping server)', () => {
  let t: CaseTestEnv;
  let refusals = 0;
  beforeAll(async () => {
    t = await CaseTestEnv.start('letter-refused', {
      activities: {
        issueLetter: async () => {
          refusals++;
          throw ApplicationFailure.nonRetryable('督办文书内容不完整 / invalid supervision letter', 'LETTER_INVALID');
        },
      },
    });
  });
  afterAll(async () => { await t?.stop(); });

  it('keeps the case running with its escalations, each letter asked for once, and later steps accepted', async () => {
    const c = await t.file('petition-letterrefused0000001', {
      actor: REGISTRAR,
      registration: { channel: 'letter', kind: 'claim', category: 'natural_resources', regionCode: '330106', level: 'city', persons: 1,
        respondent: { type: 'unit', description: '某街道办事处' }, matterRef: 'm-refused', petitionerRef: 'p-refused', nameAndAddressKnown: true },
      petitioner: { name: '测试人丙' },
    }, nationalDefaultPolicy);

    await t.advance(40 * DAY);
    const types = await c.eventTypes();
    expect(types).toContain('DeadlineBreached');
    const escalations = types.filter((x) => x === 'EscalationRaised').length;
    expect(escalations).toBeGreaterThanOrEqual(2);
    expect(types).not.toContain('LetterIssued');
    // Each escalation's letter was asked for once (no retry loop), and the case still takes commands.
    const withLetter = (await c.view()).timeline.filter((r) => r.event.type === 'EscalationRaised'
      && (r.event as { letterKind?: string | null }).letterKind != null).length;
    expect(withLetter).toBeGreaterThanOrEqual(2);
    expect(refusals).toBe(withLetter);
    const routed = await c.act(REGISTRAR, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'unit-refused' });
    expect(routed.events.map((r) => r.event.type)).toContain('PetitionRouted');
    const described = await t.env.client.workflow.getHandle(c.caseId).describe();
    expect(described.status.name).toBe('RUNNING');
  });
});
