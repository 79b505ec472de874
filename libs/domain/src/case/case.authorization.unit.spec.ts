import type { CaseCommand } from './case.commands';
import { decide } from './case.decide';
import { evolveAll } from './case.evolve';
import type { CaseEvent } from './case.events';
import { COMMAND_ROLES, checkRole } from './case.roles';
import { ACTOR_ROLES, type Actor, type ActorRole } from './case.types';
import {
  ADMIN,
  APPRAISAL_POLICY,
  AUDITOR,
  CTX,
  HANDLER,
  LEAD,
  TEST_POLICY_V2,
  OTHER_HANDLER,
  OTHER_HEAD,
  RE_REVIEWER,
  REVIEWER,
  SYSTEM,
  T,
  cmd,
  ev,
  given,
  upTo,
} from './case.testkit';
import { letterCmd, upToLetters } from './case.letters.testkit';

/** For each command: a history in which it is valid and the command as its rightful actor sends it. */
const scenarios: Record<CaseCommand['type'], { history: () => CaseEvent[]; command: CaseCommand }> = {
  RegisterPetition: { history: () => [], command: cmd.register() },
  RecordRepeatPetition: { history: upTo.routing, command: cmd.repeat() },
  RoutePetition: { history: upTo.routing, command: cmd.route() },
  ReceiveCase: { history: upTo.receipt, command: cmd.receive() },
  NotifyPetitioner: { history: upTo.acceptance, command: cmd.notify() },
  RaiseObjection: { history: upTo.acceptance, command: cmd.raiseObjection() },
  DecideObjection: { history: upTo.objection, command: cmd.decideObjection() },
  DecideAcceptance: { history: upTo.acceptance, command: cmd.accept() },
  NotifyDecision: {
    history: () => [...upTo.acceptance(), { type: 'CaseNotAccepted', at: T.accept, actor: HANDLER, reason: '不属于信访事项', unitId: LEAD, onTime: true, noticeDueAt: '2026-03-27T16:00:00.000Z' }],
    command: { type: 'NotifyDecision', actor: HANDLER, at: T.accept, noticeRef: 'notice-9', reason: '不属于信访事项' },
  },
  AssignLeader: { history: upTo.handling, command: cmd.assignLeader() },
  RequestExtension: { history: upTo.handling, command: cmd.requestExtension() },
  DecideExtension: { history: () => [...upTo.handling(), ev.extensionRequested()], command: cmd.decideExtension() },
  ReplyToPetitioner: { history: upTo.handling, command: cmd.reply() },
  EvaluateSatisfaction: { history: upTo.replied, command: cmd.evaluate() },
  RequestReview: { history: upTo.replied, command: cmd.requestReview() },
  DecideReview: { history: upTo.review, command: cmd.decideReview() },
  RequestReReview: { history: upTo.reviewDecided, command: cmd.requestReReview() },
  StartHearing: { history: upTo.reReview, command: cmd.startHearing() },
  EndHearing: { history: upTo.hearing, command: cmd.endHearing() },
  DecideReReview: { history: upTo.reReview, command: cmd.decideReReview() },
  WithdrawPetition: { history: upTo.handling, command: cmd.withdraw() },
  ReachDeadline: { history: upTo.routing, command: cmd.reach('route', '2026-03-18T00:00:00+08:00') },
  PauseClock: { history: upTo.reReview, command: cmd.pauseClock({ actor: RE_REVIEWER, deadlineKey: 'decideReReview', pauseReason: 'hearing' }) },
  ResumeClock: { history: upTo.hearing, command: cmd.resumeClock({ actor: RE_REVIEWER, deadlineKey: 'decideReReview' }) },
  RecordLetterIssued: { history: upTo.escalated, command: cmd.letterIssued() },
  RecordLetterFeedback: { history: upTo.lettered, command: cmd.letterFeedback() },
  AdoptPolicy: { history: upTo.handling, command: cmd.adoptPolicy(TEST_POLICY_V2) },
  LinkRelatedCase: { history: upTo.routing, command: cmd.link() },
  UnlinkRelatedCase: { history: () => [...upTo.routing(), ev.linked()], command: cmd.unlink() },
  AdoptCalendar: { history: upTo.handling, command: cmd.adoptCalendar() },
  TransferToSuccessor: { history: upTo.handling, command: cmd.transferToSuccessor() },
  AcceptLetterFeedback: { history: upToLetters.answered, command: letterCmd.accept() },
  ReturnLetterFeedback: { history: upToLetters.answered, command: letterCmd.giveBack() },
  RecordLetterAdoption: { history: upToLetters.recommended, command: letterCmd.adopt() },
};

const actorFor = (role: ActorRole, unitId?: string): Actor => (unitId ? { id: `x-${role}`, role, unitId } : { id: `x-${role}`, role });

/**
 * Who may issue each command, written out here by hand from the Regulation and docs/ (not read from COMMAND_ROLES):
 * a change to the production table must be made in both places, on purpose. A new command needs its row here.
 */
const EXPECTED_ROLES: Record<string, string> = {
  RegisterPetition: 'registrar',
  RecordRepeatPetition: 'registrar',
  RoutePetition: 'registrar supervisor',
  ReceiveCase: 'handler',
  NotifyPetitioner: 'handler',
  RaiseObjection: 'handler',
  DecideObjection: 'registrar supervisor',
  DecideAcceptance: 'handler',
  NotifyDecision: 'handler',
  AssignLeader: 'supervisor leader',
  RequestExtension: 'handler',
  DecideExtension: 'unit_head',
  ReplyToPetitioner: 'handler',
  EvaluateSatisfaction: 'registrar system',
  RequestReview: 'registrar system',
  DecideReview: 'handler',
  RequestReReview: 'registrar system',
  StartHearing: 'handler',
  EndHearing: 'handler',
  DecideReReview: 'handler',
  WithdrawPetition: 'registrar',
  ReachDeadline: 'system',
  PauseClock: 'registrar handler unit_head supervisor',
  ResumeClock: 'registrar handler unit_head supervisor',
  RecordLetterIssued: 'system',
  RecordLetterFeedback: 'handler unit_head',
  AcceptLetterFeedback: 'supervisor',
  ReturnLetterFeedback: 'supervisor',
  RecordLetterAdoption: 'handler unit_head',
  AdoptPolicy: 'supervisor system',
  LinkRelatedCase: 'registrar',
  UnlinkRelatedCase: 'registrar',
  AdoptCalendar: 'supervisor system',
  // 机构改革: only the unit-succession rollout moves a case to the successor unit (docs/unit-directory.md).
  TransferToSuccessor: 'system',
};
const expectedRoles = (type: string): string[] => (EXPECTED_ROLES[type] ?? '').split(' ').filter(Boolean);

describe('the role table against a literal matrix', () => {
  it('lists exactly the commands of COMMAND_ROLES', () => {
    expect(Object.keys(COMMAND_ROLES).sort()).toEqual(Object.keys(EXPECTED_ROLES).sort());
  });

  it.each(Object.keys(COMMAND_ROLES))('%s: checkRole admits exactly the roles of the literal matrix', (type) => {
    const admitted = ACTOR_ROLES.filter((role) => checkRole(type as CaseCommand['type'], actorFor(role)) === null);
    expect(admitted.sort()).toEqual(expectedRoles(type).sort());
  });
});

describe('role authorization (COMMAND_ROLES)', () => {
  // Every role the literal matrix does not list for a command is refused; the listed role in the scenario is accepted.
  const rows = Object.entries(scenarios).flatMap(([type, s]) =>
    ACTOR_ROLES.filter((role) => !expectedRoles(type).includes(role)).map((role) => [type, role, s] as const),
  );

  it.each(rows)('%s is refused to %s', (_type, role, s) => {
    // The wrong role keeps the right unit, so only the role check can refuse it.
    const actor = actorFor(role, s.command.actor.unitId);
    given(s.history()).when({ ...s.command, actor } as CaseCommand).then('CASE_NOT_AUTHORIZED_ROLE');
  });

  it.each(Object.entries(scenarios))('%s succeeds for its rightful actor', (_type, s) => {
    expect(decide(evolveAll(s.history()), s.command, CTX).ok).toBe(true);
  });

  it('auditors and admins never change a case', () => {
    for (const s of Object.values(scenarios)) {
      for (const actor of [AUDITOR, ADMIN]) {
        given(s.history()).when({ ...s.command, actor } as CaseCommand).then('CASE_NOT_AUTHORIZED_ROLE');
      }
    }
  });

  it('the table covers every role name it uses', () => {
    for (const roles of Object.values(COMMAND_ROLES)) for (const r of roles) expect(ACTOR_ROLES).toContain(r);
  });
});

describe('unit authorization', () => {
  const unitBound: Array<[string, () => CaseEvent[], CaseCommand, Actor]> = [
    ['ReceiveCase', upTo.receipt, cmd.receive(), OTHER_HANDLER],
    ['NotifyPetitioner', upTo.acceptance, cmd.notify(), OTHER_HANDLER],
    ['RaiseObjection', upTo.acceptance, cmd.raiseObjection(), OTHER_HANDLER],
    ['DecideAcceptance', upTo.acceptance, cmd.accept(), OTHER_HANDLER],
    ['RequestExtension', upTo.handling, cmd.requestExtension(), OTHER_HANDLER],
    ['DecideExtension', () => [...upTo.handling(), ev.extensionRequested()], cmd.decideExtension(), OTHER_HEAD],
    ['ReplyToPetitioner', upTo.handling, cmd.reply(), OTHER_HANDLER],
    ['DecideReview (lead unit is not the review body)', upTo.review, cmd.decideReview(), HANDLER],
    ['StartHearing (review body is not the re-review body)', upTo.reReview, cmd.startHearing(), REVIEWER],
    ['EndHearing', upTo.hearing, cmd.endHearing(), REVIEWER],
    ['DecideReReview', upTo.reReview, cmd.decideReReview(), HANDLER],
    ['PauseClock (another unit does not stop the lead unit clock)', () => upTo.handlingUnder(APPRAISAL_POLICY), cmd.pauseClock(), OTHER_HANDLER],
    ['ResumeClock', () => [...upTo.handling(), ev.clockPaused()], cmd.resumeClock(), OTHER_HANDLER],
    ['PauseClock hearing (sugar of StartHearing)', upTo.reReview, cmd.pauseClock({ deadlineKey: 'decideReReview', pauseReason: 'hearing' }), REVIEWER],
    ['RecordLetterFeedback (only the addressed unit answers)', upTo.lettered, cmd.letterFeedback(), OTHER_HEAD],
    ['RecordLetterAdoption (the addressee, not the failing unit)', upToLetters.recommended, letterCmd.adopt(), HANDLER],
  ];

  it.each(unitBound)('%s by another unit is refused', (_label, history, command, actor) => {
    given(history()).when({ ...command, actor } as CaseCommand).then('CASE_NOT_AUTHORIZED_UNIT');
  });

  it('an actor without a unit cannot act for a unit', () => {
    given(upTo.handling()).when(cmd.reply({ actor: { id: 'h-x', role: 'handler' } })).then('CASE_NOT_AUTHORIZED_UNIT');
  });

  it('co-handling units do not act on the lead unit steps', () => {
    const coHandler: Actor = { id: 'h-co', role: 'handler', unitId: 'unit-land' };
    given([ev.registered(), ev.routed({ coUnitIds: ['unit-land'] })]).when(cmd.receive({ actor: coHandler })).then('CASE_NOT_AUTHORIZED_UNIT');
  });

  it('bureau and petitioner-side commands are not unit-bound', () => {
    const otherBureau: Actor = { id: 'reg-9', role: 'registrar', unitId: 'bureau-other' };
    given(upTo.routing()).when(cmd.route({ actor: otherBureau })).then([ev.routed({ actor: otherBureau })]);
    given(upTo.replied()).when(cmd.evaluate({ actor: SYSTEM })).then([ev.evaluated({ actor: SYSTEM })]);
  });
});
