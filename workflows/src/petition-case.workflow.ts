import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, log, patched, proxyActivities, setHandler,
  upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import {
  type CaseCommand, type CaseRejection, type CaseState, type DecideContext, asSupervisionPolicy, caseCalendar, computeDueAt, decide, evolve,
  initialState, letterCitations, lettersRequiringFeedback, nextDeadline, pendingDeadlines, recommendationAddress, upgradeCaseState,
} from '@petitions/domain';
import {
  type CaseActivities, type CaseCommandInput, type CaseView, type CommandOutcome, type FilePetitionArgs,
  type PetitionerDetails, type PetitionWorkflowInput, type RecordedEvent, caseViewQuery, executeCommandUpdate,
  clusterTaskQueue, filePetitionUpdate, petitionerQuery, PetitionCategory, PetitionNextDeadline, PetitionRegion, PetitionStatus,
  PetitionStep, PetitionUnit,
} from '@petitions/contracts';
import { workflowNowIso, workflowNowMs } from './workflow-clock';

const { projectCaseEvents, issueLetter, reportArrival } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // The read model may be down for a while: keep retrying, the case itself is safe in the history.
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** The arrival report on its own task queue (own worker slots), next to the case's queue. */
const clusterActivities = (): Pick<CaseActivities, 'reportArrival'> => proxyActivities<CaseActivities>({
  taskQueue: clusterTaskQueue(workflowInfo().taskQueue),
  startToCloseTimeout: '30 seconds',
  // Retried until the watch takes it (an outage of the cluster worker delays warnings, it loses none).
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const SYSTEM = { id: 'system', role: 'system' } as const;
/** A case that is started but never receives its registration is dropped after this long. */
const REGISTRATION_GRACE = '1 hour';
const DEFAULT_EVENTS_BEFORE_CONTINUE_AS_NEW = 2000;
/**
 * Workflow versions (patched): cases started before a change replay on the old path.
 * - NON_BLOCKING_ARRIVAL: the arrival report to the cluster watch no longer blocks the wait for deadlines (a burst of
 *   10,000 registrations held some cases' deadline timers for minutes behind a busy watch).
 */
const NON_BLOCKING_ARRIVAL = 'non-blocking-arrival-report';
/**
 * - ARRIVAL_OWN_QUEUE: the arrival report runs on the cluster task queue, so 10,000 retrying reports cannot hold the
 *   activity slots that breach projections need; and a case waits for its report before it ends.
 */
const ARRIVAL_OWN_QUEUE = 'arrival-report-own-queue';
/**
 * - NON_BLOCKING_PROJECTION: the projection to the read model runs beside the deadline loop, one batch at a time, so
 *   timers, warnings and breaches never wait on a projection that keeps failing (a permanent failure is dead-lettered
 *   by the activity; a transient one is retried without holding the case's supervision).
 */
const NON_BLOCKING_PROJECTION = 'non-blocking-projection';
/**
 * - UNRECORDABLE_LETTER_ONCE: a letter issued while the case closed (e.g. the written notice given during the letter
 *   activity) cannot be recorded on the case: it is not issued again (before, the loop issued it again forever).
 */
const UNRECORDABLE_LETTER_ONCE = 'unrecordable-letter-once';
/** Commands only the workflow itself issues (registration has its own update; timers and letters are internal). */
const INTERNAL_COMMANDS = ['RegisterPetition', 'RecordRepeatPetition', 'ReachDeadline', 'RecordLetterIssued'];

/** Thrown by update validators: the update is rejected and nothing is written to the case's history. */
function rejectionFailure(r: CaseRejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: r.code,
    message: `${r.messageZh} / ${r.messageEn}`,
    nonRetryable: true,
    details: [r],
  });
}

/**
 * One petition, from registration to final closure. A thin interpreter of the domain decider:
 * it waits for a command (an Update) or the next deadline, asks `decide`, folds the events with `evolve`,
 * projects them to the read model, and keeps search attributes current.
 */
export async function petitionCase(input: PetitionWorkflowInput): Promise<{ caseId: string; status: string; events: number }> {
  const ctx: DecideContext = { policy: input.policy, calendar: input.calendar };
  // A state carried from an older run may lack newer fields: upgrade it once, here.
  let state: CaseState = input.carried?.state ? upgradeCaseState(input.carried.state) : initialState();
  const timeline: RecordedEvent[] = input.carried?.timeline ?? [];
  let projectedSeq = input.carried?.projectedSeq ?? 0;
  let petitioner: PetitionerDetails | null = input.carried?.petitioner ?? null;
  let arrivalReported = input.carried?.arrivalReported ?? false;
  /** The arrival report while it runs (a run that continues as new before it ends reports again; the watch dedupes). */
  let arrivalInFlight: Promise<void> | null = null;
  /** Reported on the cluster queue (ARRIVAL_OWN_QUEUE), which also waits for the report before the case ends. */
  let arrivalOnOwnQueue = false;
  const eventsAtStart = timeline.length;
  const now = workflowNowIso;

  const fileCommand = (args: FilePetitionArgs): CaseCommand =>
    state.status === 'unregistered'
      ? { type: 'RegisterPetition', ...args.registration, caseId: input.caseId, actor: args.actor, at: now() }
      : { type: 'RecordRepeatPetition', channel: args.registration.channel, persons: args.registration.persons,
        representatives: args.registration.representatives, level: args.registration.level, actor: args.actor, at: now() };

  const check = (command: CaseCommand): void => {
    const result = decide(state, command, ctx);
    if (!result.ok) throw rejectionFailure(result.rejection);
  };

  const apply = (command: CaseCommand): RecordedEvent[] => {
    const result = decide(state, command, ctx);
    if (!result.ok) throw rejectionFailure(result.rejection);
    const recorded = result.events.map((event) => {
      state = evolve(state, event);
      const r = { seq: timeline.length + 1, event };
      timeline.push(r);
      return r;
    });
    return recorded;
  };

  const outcome = (result: CommandOutcome['result'], events: RecordedEvent[]): CommandOutcome =>
    ({ caseId: input.caseId, result, events, status: state.status, step: state.step });

  setHandler(filePetitionUpdate, (args) => {
    const isNew = state.status === 'unregistered';
    const events = apply(fileCommand(args));
    if (isNew) petitioner = args.petitioner;
    return outcome(isNew ? 'registered' : 'repeat', events);
  }, { validator: (args) => check(fileCommand(args)) });

  const stepCommand = (cmd: CaseCommandInput): CaseCommand => ({ ...cmd, at: now() }) as CaseCommand;
  setHandler(executeCommandUpdate, (cmd) => outcome('applied', apply(stepCommand(cmd))), {
    validator: (cmd) => {
      if (!cmd || typeof cmd !== 'object' || INTERNAL_COMMANDS.includes((cmd as { type: string }).type)) {
        throw rejectionFailure({ code: 'CASE_INVALID_COMMAND', messageZh: '不支持的操作', messageEn: 'Unsupported command' });
      }
      check(stepCommand(cmd));
    },
  });

  setHandler(caseViewQuery, (): CaseView => {
    const at = workflowNowMs();
    return {
      caseId: input.caseId,
      policy: { id: state.policyId ?? input.policy.id, version: state.policyVersion ?? input.policy.version },
      state,
      timeline,
      pendingDeadlines: pendingDeadlines(state, ctx).map((d) => {
        const provisionalYears = state.provisional?.[d.key];
        return { ...d, remainingMs: d.paused ? d.remainingMs ?? 0 : Date.parse(d.dueAt) - at, ...(provisionalYears?.length ? { provisionalYears } : {}) };
      }),
      asOf: new Date(at).toISOString(),
    };
  });
  setHandler(petitionerQuery, () => petitioner);

  /** Escalations whose letter the activity refused for good (invalid content) or the case could not record: not asked again in this run. */
  const refusedLetters = new Set<number>();
  /** Escalations whose rung calls for a letter that has not been issued yet. */
  const lettersDue = () => state.escalations.filter((e) => e.letterKind !== null
    && !state.letters.some((l) => l.escalationNo === e.escalationNo) && !refusedLetters.has(e.escalationNo));

  const issueDueLetters = async (): Promise<void> => {
    for (const esc of lettersDue()) {
      const petition = state.petition!;
      const policy = state.policy ?? input.policy;
      const needsFeedback = lettersRequiringFeedback(asSupervisionPolicy(policy)).includes(esc.letterKind!);
      // Under policy.accountability a recommendation goes to the unit's superior or discipline body, the unit in copy.
      const address = esc.letterKind === 'accountability_recommendation' ? recommendationAddress(asSupervisionPolicy(policy), esc.unitId) : null;
      const issuedAt = esc.at;
      let letter: Awaited<ReturnType<typeof issueLetter>>;
      try {
        letter = await issueLetter({
          caseId: input.caseId, escalationKey: esc.escalationKey, escalationNo: esc.escalationNo, letterKind: esc.letterKind!,
          recipientUnitId: esc.unitId ?? petition.bureauUnitId ?? 'petition-bureau', deadlineKey: esc.deadlineKey,
          step: state.step, ...escalationCitations(esc.escalationNo), breachDueAt: esc.breachDueAt, issuedAt,
          feedbackDueAt: needsFeedback ? computeDueAt(issuedAt, asSupervisionPolicy(policy).letterFeedbackLimit, caseCalendar(input.calendar, state)) : null,
          caseFacts: { registeredAt: petition.registeredAt, category: petition.category, kind: petition.kind, regionCode: petition.regionCode },
          ...(address ? { addresseeUnitId: address.addresseeId, copyToUnitIds: address.copyTo } : {}),
        });
      } catch (err) {
        // Only a non-retryable refusal gets here (the activity retries everything else): the escalation stays on
        // record without its letter, and the case keeps running under supervision instead of failing.
        if (!(err instanceof ActivityFailure)) throw err;
        refusedLetters.add(esc.escalationNo);
        log.warn('letter refused; the escalation stays without a letter', { caseId: input.caseId, escalationNo: esc.escalationNo,
          code: err.cause instanceof ApplicationFailure ? err.cause.type : 'unknown' });
        continue;
      }
      const command: CaseCommand = { type: 'RecordLetterIssued', escalationKey: esc.escalationKey, escalationNo: esc.escalationNo,
        letterNo: letter.letterNo, issuingBody: letter.issuingBody, actor: SYSTEM, at: now() };
      const result = decide(state, command, ctx);
      if (result.ok) apply(command);
      else {
        log.warn('letter issued but not recordable', { caseId: input.caseId, code: result.rejection.code });
        if (patched(UNRECORDABLE_LETTER_ONCE)) refusedLetters.add(esc.escalationNo);
      }
    }
  };

  /** What the letter cites: the broken duty (and, on a recommendation, the ground), from the escalation event. */
  const escalationCitations = (escalationNo: number): { article: string; groundArticle: string | null } => {
    for (const r of timeline) {
      if (r.event.type === 'EscalationRaised' && r.event.escalationNo === escalationNo) return letterCitations(r.event, state);
    }
    return { article: '第四十条', groundArticle: null };
  };

  let lastAttributes = '';
  /** NON_BLOCKING_PROJECTION, decided at this run's first publish (old histories replay the blocking path). */
  let projectionBeside: boolean | null = null;
  /** The projection batch while it runs (NON_BLOCKING_PROJECTION). */
  let projectionInFlight: Promise<void> | null = null;
  const projectBatch = async (): Promise<void> => {
    const batch = timeline.slice(projectedSeq);
    const next = nextDeadline(state, ctx);
    await projectCaseEvents({
      caseId: input.caseId,
      events: batch,
      summary: {
        nextDeadlineKey: next?.key ?? null, nextDeadlineAt: next?.dueAt ?? null,
        policyId: state.policyId ?? input.policy.id, policyVersion: state.policyVersion ?? input.policy.version,
      },
    });
    projectedSeq = batch[batch.length - 1].seq;
  };
  /** A batch is waiting and none runs: the loop wakes to start it (and, once closed, to end the case). */
  const projectionWake = (): boolean => projectionBeside === true && projectionInFlight === null
    && (projectedSeq < timeline.length || state.status === 'closed');
  /** Every event projected (before continuing as new). */
  const drainProjection = async (): Promise<void> => {
    for (;;) {
      if (projectionInFlight) await projectionInFlight;
      if (projectedSeq >= timeline.length) return;
      await publish();
    }
  };
  const publish = async (): Promise<void> => {
    projectionBeside ??= patched(NON_BLOCKING_PROJECTION);
    if (projectionBeside) {
      if (projectionInFlight === null && projectedSeq < timeline.length) {
        projectionInFlight = projectBatch().then(
          () => { projectionInFlight = null; },
          (err: unknown) => {
            projectionInFlight = null;
            log.warn('projection batch did not complete', { caseId: input.caseId, error: err instanceof Error ? err.message : String(err) });
          });
      }
    } else {
      // The path of older histories, kept as it was (its awaits order the commands the history recorded). Not folded into
      // projectBatch(): the extra async hop reorders commands and 4 replay fixtures fail (tried).
      while (projectedSeq < timeline.length) {
        const batch = timeline.slice(projectedSeq);
        const next = nextDeadline(state, ctx);
        await projectCaseEvents({
          caseId: input.caseId,
          events: batch,
          summary: {
            nextDeadlineKey: next?.key ?? null, nextDeadlineAt: next?.dueAt ?? null,
            policyId: state.policyId ?? input.policy.id, policyVersion: state.policyVersion ?? input.policy.version,
          },
        });
        projectedSeq = batch[batch.length - 1].seq;
      }
    }
    const next = nextDeadline(state, ctx);
    const attrs = {
      status: state.status, step: state.step, unit: state.assignment?.leadUnitId ?? '',
      region: state.petition?.regionCode ?? '', category: state.petition?.category ?? '', next: next?.dueAt ?? '',
    };
    const key = JSON.stringify(attrs);
    if (key !== lastAttributes) {
      lastAttributes = key;
      upsertSearchAttributes([
        { key: PetitionStatus, value: attrs.status },
        { key: PetitionStep, value: attrs.step },
        { key: PetitionUnit, value: attrs.unit || null },
        { key: PetitionRegion, value: attrs.region || null },
        { key: PetitionCategory, value: attrs.category || null },
        { key: PetitionNextDeadline, value: next ? new Date(next.dueAt) : null },
      ]);
    }
  };

  if (state.status === 'unregistered') {
    const registered = await condition(() => state.status !== 'unregistered', REGISTRATION_GRACE);
    if (!registered) {
      log.warn('case started without a registration; ending', { caseId: input.caseId });
      return { caseId: input.caseId, status: 'unregistered', events: 0 };
    }
  }

  const maxEvents = input.policy.continueAsNewAfterEvents ?? DEFAULT_EVENTS_BEFORE_CONTINUE_AS_NEW;
  for (;;) {
    await publish();
    if (!arrivalReported && arrivalInFlight === null && state.petition) {
      // 类案预警 sees every registration once (the watch ignores a case it has seen).
      const p = state.petition;
      const arrival = { caseId: input.caseId, at: p.registeredAt, respondent: p.respondent.description, regionCode: p.regionCode,
        ...(p.townshipCode ? { townshipCode: p.townshipCode } : {}), category: p.category };
      if (patched(NON_BLOCKING_ARRIVAL)) {
        // The watch is advisory: a slow or unavailable watch must not hold up this case's own deadlines.
        arrivalOnOwnQueue = patched(ARRIVAL_OWN_QUEUE);
        const report = arrivalOnOwnQueue ? clusterActivities().reportArrival : reportArrival;
        arrivalInFlight = report(arrival).then(
          () => { arrivalReported = true; },
          (err: unknown) => {
            arrivalReported = true;
            log.warn('arrival not reported to the cluster watch', { caseId: input.caseId, error: err instanceof Error ? err.message : String(err) });
          });
      } else {
        await reportArrival(arrival);
        arrivalReported = true;
      }
    }
    if (lettersDue().length > 0) {
      await issueDueLetters();
      continue;
    }
    if (state.status === 'closed' && projectedSeq === timeline.length) break;
    if (workflowInfo().continueAsNewSuggested || timeline.length - eventsAtStart >= maxEvents) {
      await condition(allHandlersFinished);
      await publish();
      if (projectionBeside) await drainProjection();
      await continueAsNew<typeof petitionCase>({ ...input, carried: { state, timeline, projectedSeq, petitioner, arrivalReported } });
    }
    // A command may have landed while an activity above was running: publish it before waiting again
    // (found by the fault suite: otherwise it waited unprojected until the next command or deadline).
    if (lettersDue().length > 0) continue;
    if (projectionBeside ? projectionInFlight === null && projectedSeq < timeline.length : projectedSeq < timeline.length) continue;
    const next = nextDeadline(state, ctx);
    const seen = timeline.length;
    if (next) {
      const waitMs = Date.parse(next.dueAt) - workflowNowMs();
      const commanded = waitMs > 0 ? await condition(() => timeline.length !== seen || projectionWake(), waitMs) : false;
      if (!commanded) {
        // Every deadline due by now, earliest first; the decider records each breach or lapse exactly once.
        const at = now();
        const due = pendingDeadlines(state, ctx).filter((p) => !p.paused && Date.parse(p.dueAt) <= Date.parse(at));
        for (const d of due) {
          const command: CaseCommand = { type: 'ReachDeadline', deadlineKey: d.key, actor: SYSTEM, at };
          if (decide(state, command, ctx).ok) apply(command);
        }
        if (timeline.length === seen) {
          // The decider declined every due deadline: never spin; wait for a person's command instead.
          log.error('due deadlines produced no event', { caseId: input.caseId, keys: due.map((d) => d.key) });
          await condition(() => timeline.length !== seen || projectionWake());
        }
      }
    } else {
      await condition(() => timeline.length !== seen || projectionWake());
    }
  }
  // A case closed within moments of registration (diverted, redirected) still reaches the watch: a workflow that
  // completes abandons its scheduled activities (found by recording fixtures; the older path lost such arrivals).
  if (arrivalOnOwnQueue && arrivalInFlight) await arrivalInFlight;
  await condition(allHandlersFinished);
  return { caseId: input.caseId, status: state.status, events: timeline.length };
}
