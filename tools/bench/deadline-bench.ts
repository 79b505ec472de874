/**
 * Deadline precision part of `npm run bench` (tools/bench/run-bench.ts): N open cases whose route deadlines fall in
 * the same few seconds, left untouched, and how late each DeadlineBreached is versus its due instant.
 *
 * Method. Registration goes through the real API (`POST /petitions` as a registrar: the API resolves the policy
 * from the published ones and files with the same FilePetition update-with-start as in production). A calibration
 * batch in a region with no bench policy (national default: route in 15 days) measures the registration rate; from it
 * a target instant T = now + (remaining cases / rate) × safety + margin is fixed. Cases are then registered in
 * short waves; before each wave a supervisor publishes (`POST /policies`) a policy scoped to that wave's own region
 * code (prefix 99, not a real province) whose `route` limit is T − now in seconds, so every deadline of the wave
 * falls in [T, T + wave length]. Warnings and escalation are empty in these policies, so the only timer a case
 * waits on is its route deadline. Lateness of a breach, per case, against `dueAt` recorded in the event:
 *   - timer fired: TimerFired event time in the history (server side);
 *   - engine recorded: WorkflowTaskCompleted of the task that handled that timer (the DeadlineBreached event exists);
 *   - visible in read model: case_events.recorded_at of the DeadlineBreached row (now() of the projection's
 *     transaction, i.e. a few ms before its commit).
 * The event's own `at` is workflow time of that task and says nothing about lateness; it is reported for reference.
 */
import { randomBytes } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { Client } from '@temporalio/client';
import type { Client as PgClient } from 'pg';
import { nationalDefaultPolicy, validatePolicyDocument } from '../../libs/domain/src';
import { sleep } from '../faults/fault-processes';
import { type Summary, eventMs, pool, r2, summarize } from './bench-util';

export interface DeadlineOptions {
  cases: number;
  concurrency: number;
  waveSeconds: number;
  marginSeconds: number;
  calibration: number;
  safety: number;
  timeoutSeconds: number;
  /** Stop waiting once no new breach has appeared for this long after the last due instant (a stuck case never breaches). */
  stallSeconds: number;
  historyConcurrency: number;
}

export interface DeadlineResult {
  method: string;
  options: DeadlineOptions;
  /** perS: registrations accepted and projected per second (calibration batch). */
  calibration: { cases: number; acceptedSeconds: number; seconds: number; perS: number };
  registration: { requested: number; registered: number; failed: number; statuses: Record<string, number>; seconds: number; perS: number;
    latencyMs: Summary; waves: number; policiesPublished: number; finishedBeforeTargetS: number;
    /** Waves started too close to (or after) the target: their limit was clamped to 5 s, so their deadlines fall after it. */
    clampedWaves: number; casesInClampedWaves: number;
    /** Every registration was in the read model this long before the target (negative: not by then); how many were not. */
    projectedBeforeTargetS: number; unprojectedAtTarget: number };
  window: { target: string; firstDue: string; lastDue: string; widthS: number };
  breaches: { expected: number; seen: number; historiesRead: number; historyErrors: number;
    lastSeenAfterFirstDueS: number; timeTo50pctS: number; timeTo99pctS: number; timeToAllS: number; drainPerS: number;
    stalled: boolean; missingExamples: { caseId: string; pending: string }[];
    /** Cases that reached their wait only after the due instant, so no timer was started. */
    withoutTimer: number };
  latenessMs: { timerFired: Summary; engineRecorded: Summary; readModelVisible: Summary; eventAtMinusDue: Summary };
  throughput: { perSecondBuckets: { tS: number; seen: number }[] };
  workerPeakRssMb: number | null;
  /** The SDK's default sticky cache size for this Node's heap limit (the worker sets none): cases beyond it are replayed when their timer fires. */
  workerCacheDefault: number;
}

interface Ctx {
  client: Client;
  db: PgClient;
  apiBase: string;
  runTag: string;
  log: (msg: string) => void;
  /** Highest VmRSS (MB) of the worker sampled since the given instant. */
  workerPeakSince?: (sinceMs: number) => number | null;
}

const registrarHeaders = (n: number) => ({ 'content-type': 'application/json', 'x-actor-id': `reg-dl-${n % 97}`, 'x-actor-role': 'registrar', 'x-actor-unit': 'city-bureau' });
const SUPERVISOR = { 'content-type': 'application/json', 'x-actor-id': 'sup-bench', 'x-actor-role': 'supervisor', 'x-actor-unit': 'supervision-office' };

/** The bench policy of one wave: national limits except `route`, no warnings, no escalation. */
function wavePolicy(id: string, region: string, routeSeconds: number): unknown {
  const base = JSON.parse(JSON.stringify(nationalDefaultPolicy)) as Record<string, unknown> & { limits: Record<string, unknown> };
  const doc = {
    id, version: 1, name: `性能测试期限政策 ${id} / bench deadline policy`, source: 'tools/bench/deadline-bench.ts',
    scope: { regionPrefixes: [region] }, priority: 100, effectiveFrom: new Date(Date.now() - 10 * 60_000).toISOString(),
    limits: { ...base.limits, route: { amount: routeSeconds, unit: 'seconds' } },
    evaluationWindow: base.evaluationWindow, maxExtension: base.maxExtension, letterFeedbackLimit: base.letterFeedbackLimit,
    warnings: [], escalation: [], pauseReasons: [],
  };
  const checked = validatePolicyDocument(doc);
  if (!checked.ok) throw new Error(`bench policy invalid: ${JSON.stringify(checked.problems.map((p) => `${p.path}: ${p.messageEn}`))}`);
  return doc;
}

/** Waits (at most timeoutMs) until every case id has its row in the read model. */
async function waitProjected(db: PgClient, ids: readonly string[], timeoutMs: number): Promise<void> {
  for (const until = Date.now() + timeoutMs; ;) {
    const { rows: [c] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE case_id = ANY($1)', [ids]);
    if (c!.n >= ids.length || Date.now() >= until) return;
    await sleep(500);
  }
}

export async function runDeadlineBench(ctx: Ctx, o: DeadlineOptions): Promise<DeadlineResult> {
  const { client, db, apiBase, log } = ctx;
  const phaseStart = Date.now();
  const idSalt = randomBytes(2).readUInt16BE(0) % 1000;
  let n = 0;
  const statuses: Record<string, number> = {};
  const post = async (region: string): Promise<{ ok: boolean; ms: number; caseId?: string }> => {
    const i = n++;
    const body = {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: region, level: 'city', persons: 1,
      respondent: { type: 'unit', description: `期限测试单位${i % 500}` }, summary: `期限精度测试 #${ctx.runTag}-${i}`,
      // 18 characters, unique per case in this run (a repeat would join an existing case).
      petitioner: { name: '期限测试人', idNumber: `99${String(idSalt).padStart(3, '0')}${String(i).padStart(12, '0')}X`, phone: '13900001111' },
    };
    const t = performance.now();
    const res = await fetch(`${apiBase}/petitions`, { method: 'POST', body: JSON.stringify(body), headers: registrarHeaders(i) }).catch(() => null);
    const ms = performance.now() - t;
    const json = res ? await res.json().catch(() => null) as { caseId?: string; result?: string } | null : null;
    const key = res ? `${res.status}${json?.result && json.result !== 'registered' ? `:${json.result}` : ''}` : 'network';
    statuses[key] = (statuses[key] ?? 0) + 1;
    return { ok: res?.status === 201 && json?.result === 'registered', ms, caseId: json?.caseId };
  };

  // ---- calibration: the rate at which registrations are accepted AND projected (the worker is the bottleneck: the API
  // answers once the update is recorded, the projection activities may still be queued behind it)
  const cal = Math.max(20, Math.min(o.calibration, Math.ceil(o.cases / 10)));
  log(`deadline: calibration, ${cal} registrations (region 990000, national default policy) at ${o.concurrency} in flight`);
  const c0 = Date.now();
  const calIds = (await pool(cal, o.concurrency, () => post('990000'))).flatMap((r) => (r.caseId ? [r.caseId] : []));
  const calAcceptedS = (Date.now() - c0) / 1000;
  await waitProjected(db, calIds, 300_000);
  const calS = (Date.now() - c0) / 1000;
  const calRate = cal / calS;
  const target = Date.now() + (o.cases / calRate) * o.safety * 1000 + o.marginSeconds * 1000;
  log(`deadline: ${r2(calRate)} registrations/s → target instant ${new Date(target).toISOString()} (${r2((target - Date.now()) / 1000)} s from now)`);

  // ---- waves
  const registered: { caseId: string; wave: number }[] = [];
  const lat: number[] = [];
  let failed = 0;
  let wave = 0;
  let clampedWaves = 0;
  let inClamped = 0;
  const r0 = Date.now();
  while (registered.length + failed < o.cases) {
    wave += 1;
    const region = `99${String(wave).padStart(4, '0')}`;
    const routeSeconds = Math.max(5, Math.round((target - Date.now()) / 1000));
    const clamped = routeSeconds * 1000 > target - Date.now() + 500;
    if (clamped) clampedWaves += 1;
    const id = `bench-dl-${ctx.runTag}-w${wave}`;
    const res = await fetch(`${apiBase}/policies`, { method: 'POST', headers: SUPERVISOR,
      body: JSON.stringify({ document: wavePolicy(id, region, routeSeconds), note: 'bench: deadline precision wave' }) });
    if (res.status !== 201) throw new Error(`POST /policies → ${res.status}: ${await res.text()}`);
    const waveEnd = Date.now() + o.waveSeconds * 1000;
    let remaining = o.cases - registered.length - failed;
    await Promise.all(Array.from({ length: Math.min(o.concurrency, remaining) }, async () => {
      while (Date.now() < waveEnd && remaining > 0) {
        remaining -= 1;
        const r = await post(region);
        if (r.ok && r.caseId) { registered.push({ caseId: r.caseId, wave }); lat.push(r.ms); if (clamped) inClamped += 1; } else failed += 1;
      }
    }));
    if (wave % 5 === 0 || registered.length + failed >= o.cases) {
      log(`deadline: wave ${wave} (route ${routeSeconds} s), ${registered.length}/${o.cases} registered, ${failed} failed, ` +
        `${r2((target - Date.now()) / 1000)} s before the target`);
    }
  }
  const regS = (Date.now() - r0) / 1000;
  const finishedBeforeTargetS = r2((target - Date.now()) / 1000);
  if (finishedBeforeTargetS < 0) log(`deadline: WARNING registration overran the target by ${-finishedBeforeTargetS} s: the due window is wider`);
  const ids = registered.map((r) => r.caseId);
  // The deadlines should meet an idle worker: wait until every registration is projected, and say whether it was in time.
  await waitProjected(db, ids, Math.max(0, target - Date.now()));
  const projectedBeforeTargetS = r2((target - Date.now()) / 1000);
  const { rows: [unprojected] } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM unnest($1::text[]) AS i(id) WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = i.id)', [ids]);
  log(`deadline: registrations projected ${projectedBeforeTargetS} s before the target; ${unprojected!.n} still unprojected`);

  // ---- wait for every breach to be visible in the read model
  const countSeen = async (): Promise<number> => {
    const { rows: [c] } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_events WHERE type = 'DeadlineBreached' AND case_id = ANY($1)", [ids]);
    return c!.n;
  };
  const buckets: { tS: number; seen: number }[] = [];
  const until = target + o.waveSeconds * 1000 + o.timeoutSeconds * 1000;
  let seen = 0;
  log(`deadline: waiting for ${ids.length} breaches (first due around ${new Date(target).toISOString()})`);
  let stalled = false;
  for (let lastLog = 0, lastSeen = -1, lastProgress = Date.now(); ;) {
    seen = await countSeen();
    if (seen !== lastSeen) { lastSeen = seen; lastProgress = Date.now(); }
    if (Date.now() >= target - 5000) buckets.push({ tS: r2((Date.now() - target) / 1000), seen });
    if (seen >= ids.length || Date.now() > until) break;
    if (Date.now() > target + o.waveSeconds * 1000 && Date.now() - lastProgress > o.stallSeconds * 1000) {
      stalled = true;
      log(`deadline: no new breach for ${o.stallSeconds} s: stopping the wait with ${ids.length - seen} missing`);
      break;
    }
    if (Date.now() - lastLog > 15_000 && seen > 0) { log(`deadline: ${seen}/${ids.length} breaches visible`); lastLog = Date.now(); }
    await sleep(1000);
  }
  log(`deadline: ${seen}/${ids.length} breaches visible; reading them and ${ids.length} histories`);

  // ---- why are some missing? describe a few of them (pending activities and their last failure)
  const missing: { caseId: string; pending: string }[] = [];
  if (seen < ids.length) {
    const { rows: have } = await db.query<{ case_id: string }>(
      "SELECT case_id FROM case_events WHERE type = 'DeadlineBreached' AND case_id = ANY($1)", [ids]);
    const haveSet = new Set(have.map((h) => h.case_id));
    for (const caseId of ids.filter((id) => !haveSet.has(id)).slice(0, 3)) {
      try {
        const d = await client.workflow.getHandle(caseId).describe();
        const acts = (d.raw.pendingActivities ?? []).map((a) =>
          `${a.activityType?.name ?? '?'} attempt ${a.attempt ?? '?'}: ${a.lastFailure?.cause?.message ?? a.lastFailure?.message ?? 'no failure'}`);
        missing.push({ caseId, pending: acts.join('; ') || `status ${d.status.name}, no pending activity` });
      } catch (err) { missing.push({ caseId, pending: `describe failed: ${String(err)}` }); }
    }
  }

  // ---- measure
  const { rows } = await db.query<{ case_id: string; due_at: string; occurred_at: Date; recorded_at: Date }>(
    `SELECT case_id, payload->>'dueAt' AS due_at, occurred_at, recorded_at FROM case_events
      WHERE type = 'DeadlineBreached' AND payload->>'deadlineKey' = 'route' AND case_id = ANY($1)`, [ids]);
  const byCase = new Map(rows.map((r) => [r.case_id, r]));
  const dues = rows.map((r) => Date.parse(r.due_at)).sort((a, b) => a - b);
  const firstDue = dues[0] ?? target;
  const lastDue = dues[dues.length - 1] ?? target;
  const visible = rows.map((r) => r.recorded_at.getTime() - Date.parse(r.due_at));
  const atMinusDue = rows.map((r) => r.occurred_at.getTime() - Date.parse(r.due_at));
  const visibleAt = rows.map((r) => r.recorded_at.getTime()).sort((a, b) => a - b);
  const after = (q: number) => r2(((visibleAt[Math.max(0, Math.ceil(q * ids.length) - 1)] ?? NaN) - firstDue) / 1000);

  const fired: number[] = [];
  const recorded: number[] = [];
  let historyErrors = 0;
  let historiesRead = 0;
  let noTimer = 0;
  await pool(ids.length, o.historyConcurrency, async (i) => {
    const row = byCase.get(ids[i]!);
    if (!row) return;
    try {
      const h = await client.workflow.getHandle(ids[i]!).fetchHistory();
      historiesRead += 1;
      const events = h.events ?? [];
      const due = Date.parse(row.due_at);
      // Engine recorded: the workflow task that scheduled the last projection, which carries the DeadlineBreached
      // (an untouched case projects its registration, reports its arrival, then records the breach and projects it).
      const lastProjection = [...events].reverse().find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCaseEvents');
      const wftId = Number(String(lastProjection?.activityTaskScheduledEventAttributes?.workflowTaskCompletedEventId ?? 0));
      const wft = events.find((e) => Number(String(e.eventId ?? 0)) === wftId && e.workflowTaskCompletedEventAttributes);
      if (wft) recorded.push(eventMs(wft.eventTime) - due); else historyErrors += 1;
      // The route timer, when one was started: a case that reached its wait only after the due instant (its earlier
      // activities queued behind others) records the breach at once, with no timer.
      const timer = [...events].reverse().find((e) => e.timerFiredEventAttributes);
      if (timer) fired.push(eventMs(timer.eventTime) - due); else noTimer += 1;
    } catch { historyErrors += 1; }
  });

  return {
    method: 'registration through POST /petitions (API process, real FilePetition update-with-start, policy resolved by the API from ' +
      'the published bench policies); lateness per case = history event time / read-model recorded_at minus the recorded dueAt',
    options: o,
    calibration: { cases: cal, acceptedSeconds: r2(calAcceptedS), seconds: r2(calS), perS: r2(calRate) },
    registration: {
      requested: o.cases, registered: registered.length, failed, statuses, seconds: r2(regS), perS: r2(registered.length / regS),
      latencyMs: summarize(lat), waves: wave, policiesPublished: wave, finishedBeforeTargetS,
      projectedBeforeTargetS, unprojectedAtTarget: unprojected!.n,
      clampedWaves, casesInClampedWaves: inClamped,
    },
    window: { target: new Date(target).toISOString(), firstDue: new Date(firstDue).toISOString(), lastDue: new Date(lastDue).toISOString(),
      widthS: r2((lastDue - firstDue) / 1000) },
    breaches: { expected: ids.length, seen: rows.length, historiesRead, historyErrors,
      lastSeenAfterFirstDueS: r2(((visibleAt[visibleAt.length - 1] ?? NaN) - firstDue) / 1000),
      timeTo50pctS: after(0.5), timeTo99pctS: after(0.99), timeToAllS: rows.length >= ids.length ? after(1) : NaN,
      // Breaches made visible per second from the first due instant to the last one seen.
      stalled, missingExamples: missing, withoutTimer: noTimer,
      drainPerS: r2(rows.length / Math.max(0.001, ((visibleAt[visibleAt.length - 1] ?? NaN) - firstDue) / 1000)) },
    latenessMs: { timerFired: summarize(fired), engineRecorded: summarize(recorded), readModelVisible: summarize(visible), eventAtMinusDue: summarize(atMinusDue) },
    throughput: { perSecondBuckets: buckets.filter((_, i) => i % 5 === 0) },
    workerPeakRssMb: ctx.workerPeakSince?.(phaseStart) ?? null,
    // @temporalio/worker's formula (worker-options.js, reuseV8Context): max(floor((heap MiB − 200) × 600 / 1024), 10).
    workerCacheDefault: Math.max(Math.floor((Math.max(getHeapStatistics().heap_size_limit / 2 ** 20 - 200, 0) * 600) / 1024), 10),
  };
}
