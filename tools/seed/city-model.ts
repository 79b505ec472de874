/**
 * A synthetic but plausible petition workload: a city (or a province of cities) with region codes, units and
 * handlers, and one simulated life per case written as the domain's own events. Deterministic for a given seed.
 */
import {
  CN_CALENDAR, CONTENT_CATEGORIES, type CaseEvent, type Actor, type Channel, type PetitionKind, type PetitionLevel,
  type DeadlineKey, type CaseStep, type Satisfaction, computeDueAt, DEADLINE_ARTICLES, shanghaiDayNumber, shanghaiMidnight,
} from '@petitions/domain';

/** sfc32: small, fast, seedable; good enough for synthetic data. */
export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9; this.b = 0x243f6a88; this.c = 0xb7e15162; this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)] as T; }
  hex(n: number): string { let s = ''; while (s.length < n) s += Math.floor(this.next() * 0x10000).toString(16).padStart(4, '0'); return s.slice(0, n); }
  /** Index drawn from cumulative weights. */
  weighted(cum: readonly number[]): number {
    const x = this.next() * (cum[cum.length - 1] as number);
    let lo = 0; let hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if ((cum[mid] as number) > x) hi = mid; else lo = mid + 1; }
    return lo;
  }
}

const cumulative = (ws: readonly number[]): number[] => { let s = 0; return ws.map((w) => (s += w)); };

export interface Unit { id: string; region: string; kind: 'bureau' | 'gov' | 'dept' | 'town'; dept?: string; handlers: string[] }
export interface County { code: string; weight: number; bureau: Unit; gov: Unit; depts: Map<string, Unit>; towns: Unit[] }
export interface City { code: string; bureau: Unit; gov: Unit; depts: Map<string, Unit>; counties: County[] }
export interface World { cities: City[]; units: Unit[]; cityCum: number[] }

/** Category → the department that usually answers it. */
export const DEPT: Record<string, string> = {
  urban_construction: 'housing', political_legal: 'public_security', natural_resources: 'natural_resources', agriculture: 'agriculture',
  labour_social_security: 'hrss', health: 'health', education: 'education', ecology_environment: 'ecology', transport: 'transport',
  commerce: 'commerce', market_supervision: 'market', civil_affairs: 'civil', finance: 'finance', organization_personnel: 'org',
  discipline_inspection: 'discipline', culture_tourism: 'culture', science_technology: 'science', emergency_management: 'emergency',
  veterans_affairs: 'veterans', other: 'gov',
};
const DEPTS = [...new Set(Object.values(DEPT).filter((d) => d !== 'gov'))];
/** Categories handled by town governments for a good share of county-level petitions. */
export const TOWN_CATEGORIES = new Set(['urban_construction', 'natural_resources', 'agriculture', 'civil_affairs', 'other']);

function unit(rng: Rng, id: string, region: string, kind: Unit['kind'], dept?: string): Unit {
  const n = kind === 'town' ? rng.int(2, 4) : rng.int(2, 6);
  return { id, region, kind, ...(dept ? { dept } : {}), handlers: Array.from({ length: n }, (_, i) => `h-${id.slice(2)}-${i + 1}`) };
}

/** `cities` cities of the province 32 (codes 3201…), each with 10 counties and 122 towns. */
export function buildWorld(rng: Rng, cities: number): World {
  const units: Unit[] = [];
  const add = (u: Unit): Unit => { units.push(u); return u; };
  const out: City[] = [];
  for (let c = 1; c <= cities; c++) {
    const code = `32${String(c).padStart(2, '0')}`;
    const city: City = { code, bureau: add(unit(rng, `u-${code}-xfj`, code, 'bureau')), gov: add(unit(rng, `u-${code}-gov`, code, 'gov')),
      depts: new Map(DEPTS.map((d) => [d, add(unit(rng, `u-${code}-${d}`, code, 'dept', d))])), counties: [] };
    // 122 towns over 10 counties: 12 or 13 each (two counties get 13).
    for (let k = 1; k <= 10; k++) {
      const cc = `${code}${String(k).padStart(2, '0')}`;
      const towns = k <= 2 ? 13 : 12;
      city.counties.push({ code: cc, weight: 1 / Math.pow(k, 0.6),
        bureau: add(unit(rng, `u-${cc}-xfj`, cc, 'bureau')), gov: add(unit(rng, `u-${cc}-gov`, cc, 'gov')),
        depts: new Map(DEPTS.map((d) => [d, add(unit(rng, `u-${cc}-${d}`, cc, 'dept', d))])),
        towns: Array.from({ length: towns }, (_, t) => add(unit(rng, `u-${cc}${String(t + 1).padStart(3, '0')}-town`, `${cc}${String(t + 1).padStart(3, '0')}`, 'town'))) });
    }
    out.push(city);
  }
  return { cities: out, units, cityCum: cumulative(out.map((_, i) => 1 / Math.pow(i + 1, 0.4))) };
}

// ── distributions ───────────────────────────────────────────────────────────
const CHANNELS: Channel[] = ['online', 'letter', 'visit', 'phone'];
const CHANNEL_CUM = cumulative([45, 20, 20, 15]);
const KINDS: PetitionKind[] = ['claim', 'suggestion', 'report'];
const KIND_CUM = cumulative([75, 12, 13]);
const LEVELS: PetitionLevel[] = ['county', 'city', 'province'];
const LEVEL_CUM = cumulative([70, 26, 4]);
export const CATEGORIES = CONTENT_CATEGORIES.map((c) => c.code);
// The five named categories ≈ 60 % (20/12/10/9/9), the other fifteen share 40 % with a falling tail.
const TAIL = CATEGORIES.slice(5).map((_, i) => 1 / (i + 2));
const TAIL_SUM = TAIL.reduce((a, b) => a + b, 0);
export const CATEGORY_CUM = cumulative([20, 12, 10, 9, 9, ...TAIL.map((w) => (40 * w) / TAIL_SUM)]);

const DAY = 86_400_000;
const HOUR = 3_600_000;
const dueCache = new Map<string, string>();
/** Due instant of a calendar-day limit started at t (cached per Shanghai day: day limits ignore the time of day). */
function due(t: number, days: number): number {
  const day = shanghaiDayNumber(t);
  const key = `${day}:${days}`;
  let v = dueCache.get(key);
  if (v === undefined) { v = computeDueAt(new Date(t).toISOString(), { amount: days, unit: 'calendar_days' }, CN_CALENDAR); dueCache.set(key, v); }
  return Date.parse(v);
}
/** A working-hours instant (08:30–17:30 Shanghai) on the day of t. */
function office(rng: Rng, t: number): number {
  const at = shanghaiMidnight(shanghaiDayNumber(t)) + 8.5 * HOUR + Math.floor(rng.next() * 9 * HOUR);
  // Never before t: a step cannot precede what caused it.
  return Math.max(at, t + 60_000 * (5 + Math.floor(rng.next() * 120)));
}
const isoOf = (t: number): string => new Date(t).toISOString();
const SYSTEM: Actor = { id: 'system', role: 'system' };

export interface SimCase {
  caseId: string;
  petitionerRef: string;
  matterRef: string;
  registeredAt: number;
  closedAt: number | null;
  events: CaseEvent[];
}

interface Timed { t: number; e: CaseEvent }

/**
 * One case's life: registration, routing, receipt, notice, acceptance, handling, reply, evaluation, review; deadlines
 * missed at plausible rates produce DeadlineBreached at the due instant. Events after `horizon` are cut.
 */
export function simulateCase(rng: Rng, world: World, caseId: string, regAt: number, horizon: number,
  pair: { petitionerRef: string; matterRef: string; category?: string } | null): SimCase {
  const city = world.cities[rng.weighted(world.cityCum)] as City;
  const county = city.counties[rng.weighted(cumulative(city.counties.map((c) => c.weight)))] as County;
  const channel = CHANNELS[rng.weighted(CHANNEL_CUM)] as Channel;
  const kind = KINDS[rng.weighted(KIND_CUM)] as PetitionKind;
  const level = LEVELS[rng.weighted(LEVEL_CUM)] as PetitionLevel;
  const category = pair?.category ?? (CATEGORIES[rng.weighted(CATEGORY_CUM)] as string);
  const persons = rng.chance(0.85) ? 1 : rng.chance(0.8) ? rng.int(2, 5) : rng.int(6, 30);
  const bureau = level === 'county' ? county.bureau : city.bureau;
  const registrar: Actor = { id: `reg-${bureau.id.slice(2)}-1`, role: 'registrar', unitId: bureau.id };
  const tl: Timed[] = [];
  const push = (t: number, e: CaseEvent): void => { tl.push({ t, e }); };
  const breach = (t: number, key: DeadlineKey, step: CaseStep, unitId: string | null, article: string, dueAt: number): void =>
    push(dueAt, { type: 'DeadlineBreached', at: isoOf(dueAt), actor: SYSTEM, deadlineKey: key, step, unitId, article, dueAt: isoOf(dueAt) });
  const petitionerRef = pair?.petitionerRef ?? `p-${rng.hex(16)}`;
  const matterRef = pair?.matterRef ?? `m-${rng.hex(16)}`;
  const nameKnown = rng.chance(0.96);

  let t = regAt;
  const routeDue = due(t, 15);
  push(t, { type: 'PetitionRegistered', at: isoOf(t), actor: registrar, caseId, channel, persons,
    representatives: channel === 'visit' && persons > 5 ? 5 : null, kind, category, regionCode: county.code,
    respondent: { type: 'unit', description: `${county.code}相关单位` }, matterRef, petitionerRef, nameAndAddressKnown: nameKnown, level,
    priorFinalDecision: null, policyId: 'cn-national-2022', policyVersion: 1, bureauUnitId: bureau.id, routeDueAt: isoOf(routeDue) });

  // Within-case repeats: the same petitioner comes back while the case runs.
  const repeats = rng.chance(0.08) ? rng.int(1, 3) : 0;
  const repeatTimes = Array.from({ length: repeats }, () => regAt + rng.int(3, 120) * DAY + rng.int(0, 8) * HOUR).sort((a, b) => a - b);

  let closedAt: number | null = null;
  const close = (at: number, reason: 'windows_lapsed' | 'withdrawn' | 'final_decision' | 'diverted' | 'not_accepted' | 'redirected', step: CaseStep, actor: Actor) => {
    push(at, { type: 'CaseClosed', at: isoOf(at), actor, closureReason: reason, step });
    closedAt = at;
  };

  // ── routing (with an occasional objection that sends the case back) ──
  let round = 0;
  let routeClockDue = routeDue;
  let lead: Unit | null = null;
  let accepted = false;
  let handlingDue: number | null = null;
  let mode: 'forward' | 'assign' = 'forward';
  for (;;) {
    round++;
    const routeAt = office(rng, t + (rng.chance(0.04) ? rng.int(15, 25) : rng.int(0, 9)) * DAY);
    if (routeAt >= routeClockDue) breach(routeAt, 'route', 'routing', bureau.id, DEADLINE_ARTICLES.route, routeClockDue);
    const redirect = round === 1 && rng.chance(0.04);
    const dept = DEPT[category] ?? 'gov';
    const pool = level === 'county' ? county : city;
    lead = level === 'county' && TOWN_CATEGORIES.has(category) && rng.chance(0.45) ? rng.pick(county.towns)
      : dept === 'gov' ? pool.gov : (pool.depts.get(dept) ?? pool.gov);
    if (round > 1) lead = rng.pick([...pool.depts.values()]);
    mode = rng.chance(0.27) ? 'assign' : 'forward';
    const assignDue = mode === 'assign' ? due(routeAt, 30) : null;
    push(routeAt, { type: 'PetitionRouted', at: isoOf(routeAt), actor: registrar,
      mode: redirect ? (rng.chance(0.7) ? 'redirect_political_legal' : 'redirect_discipline') : mode, leadUnitId: lead.id, coUnitIds: [],
      handlingDeadline: assignDue === null || redirect ? null : isoOf(assignDue), handlingLimit: null, round, onTime: routeAt < routeClockDue });
    if (redirect) { close(routeAt, 'redirected', 'routing', registrar); break; }
    const handler: Actor = { id: rng.pick(lead.handlers), role: 'handler', unitId: lead.id };
    const recvAt = office(rng, routeAt + rng.int(0, 3) * DAY);
    const notifyDue = nameKnown ? due(recvAt, 15) : null;
    const accDue = due(recvAt, 15);
    push(recvAt, { type: 'CaseReceived', at: isoOf(recvAt), actor: handler, unitId: lead.id, notifyDueAt: notifyDue === null ? null : isoOf(notifyDue),
      objectionDueAt: isoOf(recvAt + 7 * DAY), acceptanceDueAt: isoOf(accDue) });
    if (round === 1 && rng.chance(0.015)) {
      const objAt = office(rng, recvAt + rng.int(1, 4) * DAY);
      push(objAt, { type: 'ObjectionRaised', at: isoOf(objAt), actor: handler, unitId: lead.id, reason: '不属于本单位职责' });
      const decAt = office(rng, objAt + rng.int(1, 3) * DAY);
      const supervisor: Actor = { id: `sup-${bureau.id.slice(2)}`, role: 'registrar', unitId: bureau.id };
      if (rng.chance(0.65)) {
        routeClockDue = due(decAt, 15);
        push(decAt, { type: 'ObjectionApproved', at: isoOf(decAt), actor: supervisor, previousLeadUnitId: lead.id, routeDueAt: isoOf(routeClockDue) });
        t = decAt;
        continue;
      }
      push(decAt, { type: 'ObjectionRejected', at: isoOf(decAt), actor: supervisor, unitId: lead.id });
    }
    // notice and acceptance decision
    const late = rng.chance(0.06);
    const decideAt = office(rng, recvAt + (late ? rng.int(15, 30) : rng.int(1, 13)) * DAY);
    if (notifyDue !== null) {
      const notifyAt = rng.chance(0.04) ? office(rng, recvAt + rng.int(15, 25) * DAY) : Math.min(decideAt, office(rng, recvAt + rng.int(1, 10) * DAY));
      if (notifyAt >= notifyDue) breach(notifyAt, 'notify', 'acceptance', lead.id, DEADLINE_ARTICLES.notify, notifyDue);
      push(notifyAt, { type: 'PetitionerNotified', at: isoOf(notifyAt), actor: handler, unitId: lead.id, noticeRef: null, onTime: notifyAt < notifyDue });
    }
    if (decideAt >= accDue) breach(decideAt, 'acceptance', 'acceptance', lead.id, DEADLINE_ARTICLES.acceptance, accDue);
    const onTime = decideAt < accDue;
    const r = rng.next();
    if (r < 0.86) {
      handlingDue = assignDue ?? (kind === 'claim' ? due(decideAt, 60) : null);
      push(decideAt, { type: 'CaseAccepted', at: isoOf(decideAt), actor: handler, unitId: lead.id, onTime, handlingDueAt: handlingDue === null ? null : isoOf(handlingDue) });
      accepted = true;
    } else if (r < 0.93) {
      push(decideAt, { type: 'CaseNotAccepted', at: isoOf(decideAt), actor: handler, unitId: lead.id, onTime, reason: '不属于信访受理范围' });
      close(decideAt, 'not_accepted', 'acceptance', handler);
    } else {
      push(decideAt, { type: 'CaseDiverted', at: isoOf(decideAt), actor: handler, unitId: lead.id, divertTo: rng.pick(['litigation', 'arbitration', 'administrative_review'] as const), onTime });
      close(decideAt, 'diverted', 'acceptance', handler);
    }
    t = decideAt;
    break;
  }

  if (accepted && lead) {
    const handler: Actor = { id: rng.pick(lead.handlers), role: 'handler', unitId: lead.id };
    const head: Actor = { id: `head-${lead.id.slice(2)}`, role: 'unit_head', unitId: lead.id };
    if (rng.chance(0.01)) push(t + HOUR, { type: 'LeaderAssigned', at: isoOf(t + HOUR), actor: { id: `leader-${county.code}`, role: 'leader', unitId: county.gov.id }, leaderId: `leader-${county.code}`, previousLeaderId: null });
    let replyAt: number;
    if (handlingDue !== null) {
      const span = handlingDue - t;
      const lateReply = rng.chance(0.07);
      replyAt = office(rng, lateReply ? handlingDue + rng.int(1, 40) * DAY : t + Math.floor(span * (0.2 + 0.75 * rng.next())));
      if (mode === 'forward' && kind === 'claim' && rng.chance(0.04)) {
        const reqAt = office(rng, t + Math.floor(span * 0.6));
        if (reqAt < handlingDue) {
          const newDue = due(handlingDue - 1, 30);
          push(reqAt, { type: 'ExtensionRequested', at: isoOf(reqAt), actor: handler, extension: { amount: 30, unit: 'calendar_days' }, currentDueAt: isoOf(handlingDue), requestedDueAt: isoOf(newDue), reason: '情况复杂' });
          const okAt = reqAt + 2 * HOUR;
          push(okAt, { type: 'ExtensionApproved', at: isoOf(okAt), actor: head, extension: { amount: 30, unit: 'calendar_days' }, previousDueAt: isoOf(handlingDue), newDueAt: isoOf(newDue), reason: '延期办理' });
          handlingDue = newDue;
          if (!lateReply) replyAt = office(rng, Math.min(replyAt + 20 * DAY, newDue - DAY));
        }
      }
      if (replyAt >= handlingDue) breach(replyAt, 'handling', 'handling', lead.id, mode === 'assign' ? DEADLINE_ARTICLES.handleAssigned : DEADLINE_ARTICLES.handleClaim, handlingDue);
    } else {
      replyAt = office(rng, t + rng.int(7, 50) * DAY);
    }
    const isRepeat = repeats > 0 || pair !== null;
    const substantive = rng.chance(isRepeat ? 0.95 : 0.82);
    const evalDue = due(replyAt, 30);
    const reqReviewDue = due(replyAt, 30);
    push(replyAt, { type: 'PetitionerReplied', at: isoOf(replyAt), actor: handler, unitId: lead.id, closureType: substantive ? 'substantive' : 'procedural',
      outcomeRef: `DOC-${caseId.slice(9, 17)}`, claimUpheld: kind === 'claim' ? rng.chance(0.55) : null, handlingDueAt: handlingDue === null ? null : isoOf(handlingDue),
      onTime: handlingDue === null || replyAt < handlingDue, evaluationDueAt: isoOf(evalDue), requestReviewDueAt: isoOf(reqReviewDue) });
    // evaluation: most petitioners answer within the window
    let value: Satisfaction | null = null;
    let evalSettled = evalDue;
    if (rng.chance(0.78)) {
      const x = rng.next();
      value = !substantive ? (x < 0.45 ? 'satisfied' : x < 0.75 ? 'basically_satisfied' : 'dissatisfied')
        : x < 0.72 ? 'satisfied' : x < 0.92 ? 'basically_satisfied' : 'dissatisfied';
      evalSettled = replyAt + rng.int(1, 20) * DAY + rng.int(0, 8) * HOUR;
      push(evalSettled, { type: 'SatisfactionEvaluated', at: isoOf(evalSettled), actor: { id: 'petitioner-portal', role: 'registrar', unitId: bureau.id }, value });
    } else {
      push(evalDue, { type: 'EvaluationLapsed', at: isoOf(evalDue), actor: SYSTEM, dueAt: isoOf(evalDue) });
    }
    const review = rng.chance(value === 'dissatisfied' ? 0.45 : 0.015);
    if (review) {
      const reqAt = Math.max(evalSettled, replyAt) + rng.int(1, 8) * DAY;
      const reqAtClamped = Math.min(reqAt, reqReviewDue - HOUR);
      const reviewUnit = city.gov;
      const decideDue = due(reqAtClamped, 30);
      push(reqAtClamped, { type: 'ReviewRequested', at: isoOf(reqAtClamped), actor: registrar, reviewUnitId: reviewUnit.id, decideReviewDueAt: isoOf(decideDue) });
      const decAt = office(rng, reqAtClamped + (rng.chance(0.06) ? rng.int(31, 45) : rng.int(10, 29)) * DAY);
      if (decAt >= decideDue) breach(decAt, 'decideReview', 'review', reviewUnit.id, DEADLINE_ARTICLES.review, decideDue);
      const reqReReviewDue = due(decAt, 30);
      push(decAt, { type: 'ReviewDecided', at: isoOf(decAt), actor: { id: rng.pick(reviewUnit.handlers), role: 'handler', unitId: reviewUnit.id }, unitId: reviewUnit.id,
        decision: rng.chance(0.85) ? 'upheld' : 'changed', outcomeRef: `RV-${caseId.slice(9, 17)}`, onTime: decAt < decideDue, requestReReviewDueAt: isoOf(reqReReviewDue) });
      push(reqReReviewDue, { type: 'RequestWindowLapsed', at: isoOf(reqReReviewDue), actor: SYSTEM, deadlineKey: 'requestReReview', dueAt: isoOf(reqReReviewDue) });
      close(Math.max(reqReReviewDue, evalSettled), 'windows_lapsed', 'review_decided', SYSTEM);
    } else {
      push(reqReviewDue, { type: 'RequestWindowLapsed', at: isoOf(reqReviewDue), actor: SYSTEM, deadlineKey: 'requestReview', dueAt: isoOf(reqReviewDue) });
      close(Math.max(reqReviewDue, evalSettled), 'windows_lapsed', 'replied', SYSTEM);
    }
  }

  // Withdrawals: a few petitioners withdraw while the case runs.
  const end = closedAt as number | null;
  if (rng.chance(0.012)) {
    const wAt = regAt + rng.int(2, 40) * DAY + rng.int(0, 8) * HOUR;
    if (end === null || wAt < end) {
      const kept = tl.filter((x) => x.t < wAt && x.e.type !== 'CaseClosed');
      tl.length = 0;
      tl.push(...kept);
      push(wAt, { type: 'PetitionWithdrawn', at: isoOf(wAt), actor: registrar, step: 'handling', reason: '信访人撤回' });
      push(wAt, { type: 'CaseClosed', at: isoOf(wAt), actor: registrar, closureReason: 'withdrawn', step: 'handling' });
      closedAt = wAt;
    }
  }
  const closeT = closedAt as number | null;
  for (const rt of repeatTimes) {
    if (closeT !== null && rt >= closeT) continue;
    push(rt, { type: 'RepeatPetitionRecorded', at: isoOf(rt), actor: registrar, channel: rng.pick(CHANNELS), persons: 1, representatives: null, level, repeatNumber: 0 });
  }
  // Time order (stable: same-instant events keep their causal order), then cut at the horizon.
  tl.sort((a, b) => a.t - b.t);
  const events = tl.filter((x) => x.t < horizon).map((x) => x.e);
  let n = 0;
  for (const e of events) if (e.type === 'RepeatPetitionRecorded') e.repeatNumber = ++n;
  // The step recorded on lapse/closure events follows the fold; withdrawals take the step they happened in.
  const closed = events.some((e) => e.type === 'CaseClosed');
  return { caseId, petitionerRef, matterRef, registeredAt: regAt, closedAt: closed ? (closeT as number) : null, events };
}
