/**
 * The demo city (示范市) that `npm start` seeds so a newcomer sees a live dashboard at once: 10 counties, 122 towns,
 * their units, and a few hundred petitions driven through the real API into every state of the lifecycle. Two
 * counties run an accelerated demo policy (limits in minutes), so within minutes of the start some of their cases
 * are overdue, warned, breached and escalated up the ladder with real letters.
 *
 *   node -r @swc-node/register tools/seed/demo-city.ts [--api http://127.0.0.1:3000] [--cases 300] [--seed 2026]
 *
 * Needs AUTH_TOKEN_SECRET (the API's) to sign its actors' tokens. Deterministic for a seed, apart from the clock.
 */
import { randomUUID } from 'node:crypto';
import { signToken } from '../../apps/api/src/auth/token';
import { nationalDefaultPolicy } from '@petitions/domain';
import { CATEGORIES, CATEGORY_CUM, type County, DEPT, Rng, TOWN_CATEGORIES, type Unit, buildWorld } from './city-model';
import { directoryUnitsOf } from './city-directory';
import { directoryPeopleOf } from './city-people';

export interface DemoOptions {
  api: string;
  tokenSecret: string;
  cases: number;
  seed: number;
  concurrency?: number;
  /** The unit of the accelerated policy's limits: minutes for people, seconds for tests. */
  limitUnit?: 'minutes' | 'seconds';
  log?: (line: string) => void;
}

export interface DemoSummary {
  cases: number; commands: number; refused: number; byTarget: Record<string, number>; acceleratedCounties: string[]; ms: number;
  /** Every seeded case: its id, the state it was driven to and its county. */
  seeded: { caseId: string; target: string; county: string }[];
}

type Role = 'registrar' | 'handler' | 'unit_head' | 'supervisor' | 'leader' | 'admin';
export interface DemoActor { id: string; role: Role; unit?: string }

type LimitUnit = 'minutes' | 'seconds';

/** 演示用加速督办政策: the national structure with limits in minutes (or seconds), for the two demo counties only. */
export function demoPolicy(countyCodes: string[], effectiveFrom: string, unit: LimitUnit = 'minutes'): Record<string, unknown> {
  const minutes = (amount: number) => ({ amount, unit });
  return {
    id: 'demo-accelerated', version: 1,
    name: '示范市加速督办（仅演示，时限以分钟计）/ Demo city accelerated supervision (demo only, limits in minutes)',
    source: '示范市《加速督办演示规则》（仅演示，非法定时限） / Demo city accelerated supervision rules (demo data, not statutory limits)',
    scope: { regionPrefixes: countyCodes }, priority: 10, effectiveFrom,
    limits: {
      route: minutes(4), receive: minutes(4), notify: minutes(12), objection: minutes(6), acceptance: minutes(12),
      handleClaim: minutes(30), handleSuggestion: null, handleReport: null,
      requestReview: minutes(20), decideReview: minutes(20), requestReReview: minutes(20), decideReReview: minutes(20),
      decideObjection: minutes(6), notifyDecision: minutes(12),
    },
    evaluationWindow: minutes(15), maxExtension: minutes(20),
    warnings: [{ atFraction: 0.5 }],
    escalation: [
      { rung: 'reminder_letter', after: minutes(0) }, { rung: 'listed_supervision', after: minutes(2) },
      { rung: 'accountability_recommendation', after: minutes(4) }, { rung: 'escalate_to_superior', after: minutes(6) },
    ],
    letterFeedbackLimit: minutes(5),
    lettersRequiringFeedback: ['reminder_letter', 'listed_supervision_notice', 'accountability_recommendation'],
    // The national pause reasons and approval rule (the head of the unit approves a pause).
    pauseReasons: JSON.parse(JSON.stringify(nationalDefaultPolicy.pauseReasons ?? [])) as unknown[],
    pauseApproval: { approverRole: 'unit_head' },
    // The office reviews feedback; recommendations go to the county government (the county's own to the city's).
    letterFeedbackReview: true,
    accountability: { recommendationAddressee: 'superior', disciplineBodyId: 'discipline-body', superiors: demoSuperiors(countyCodes) },
  };
}

/**
 * The superior of each demo county unit: its county government; the county government's is the city government, as
 * is a city unit's (city-level petitions are routed by the city bureau). The city government has none listed: its
 * recommendations go to the discipline body.
 */
export function demoSuperiors(countyCodes: string[]): Record<string, string> {
  const cities = [...new Set(countyCodes.map((c) => c.slice(0, 4)))];
  return Object.fromEntries([...cities.map((c) => [`u-${c}-`, `u-${c}-gov`]),
    ...countyCodes.flatMap((c) => [[`u-${c}-`, `u-${c}-gov`], [`u-${c}-gov`, `u-${c.slice(0, 4)}-gov`]])]);
}

/** How far each demo case is driven, with its share of the cases. */
export const TARGETS: readonly [string, number][] = [
  ['registered', 8], ['routed', 9], ['received', 8], ['notified', 7], ['accepted', 14], ['leader_assigned', 5],
  ['extended', 5], ['replied', 12], ['evaluated', 10], ['review_requested', 5], ['reviewed', 4],
  ['withdrawn', 4], ['not_accepted', 4], ['objected', 5],
];

interface Step { as: DemoActor; command: Record<string, unknown> }

function leadUnit(rng: Rng, county: County, category: string): Unit {
  if (TOWN_CATEGORIES.has(category) && rng.chance(0.45)) return rng.pick(county.towns);
  const dept = DEPT[category] ?? 'gov';
  return dept === 'gov' ? county.gov : (county.depts.get(dept) ?? county.gov);
}

/**
 * Where the matter arose, down to the township (9 digits): the lead town when a town handles it, else one of the
 * county's towns in turn (no draw from the generator, so the rest of the demo stays as it was).
 */
function townshipOf(county: County, lead: Unit, i: number): string {
  return lead.kind === 'town' ? lead.region : county.towns[(i * 7) % county.towns.length]!.region;
}

/** The commands that take one case to its target, each with the actor who may issue it. */
function script(rng: Rng, target: string, lead: Unit, county: County, accelerated: LimitUnit | null, registrar: DemoActor): Step[] {
  const minutes = (amount: number) => ({ amount, unit: accelerated ?? 'minutes' });
  const handler: DemoActor = { id: rng.pick(lead.handlers), role: 'handler', unit: lead.id };
  const head: DemoActor = { id: `head-${lead.id.slice(2)}`, role: 'unit_head', unit: lead.id };
  const reviewUnit = county.gov.id === lead.id ? rng.pick([...county.depts.values()]) : county.gov;
  const reviewer: DemoActor = { id: rng.pick(reviewUnit.handlers), role: 'handler', unit: reviewUnit.id };
  const supervisor: DemoActor = { id: 'sup-demo', role: 'supervisor' };
  const s = (as: DemoActor, command: Record<string, unknown>): Step => ({ as, command });
  // 交办 (assign) sets the unit's handling deadline; 转送 (forward) leaves it to the policy.
  const route = rng.chance(0.25)
    ? s(registrar, { type: 'RoutePetition', mode: 'assign', leadUnitId: lead.id, handlingLimit: accelerated ? minutes(40) : { amount: 30, unit: 'calendar_days' } })
    : s(registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: lead.id });
  const receive = s(handler, { type: 'ReceiveCase' });
  const notify = s(handler, { type: 'NotifyPetitioner', noticeRef: `告知书-${rng.hex(6)}` });
  const accept = s(handler, { type: 'DecideAcceptance', outcome: 'accepted' });
  const reply = s(handler, { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: `答复意见书-${rng.hex(6)}`, claimUpheld: rng.chance(0.6) });
  const handled = [route, receive, notify, accept];
  switch (target) {
    case 'registered': return [];
    case 'routed': return [route];
    case 'received': return [route, receive];
    case 'notified': return [route, receive, notify];
    // In an accelerated county a third of the accepted cases stop the handling clock for an appraisal (鉴定), approved by the head.
    case 'accepted': return accelerated && rng.chance(0.34)
      ? [...handled, s(head, { type: 'PauseClock', deadlineKey: 'handling', pauseReason: 'appraisal', approverId: head.id, requestedBy: handler.id,
        reason: '委托房屋安全鉴定 / building safety appraisal commissioned' })]
      : handled;
    case 'leader_assigned': return [...handled, s(supervisor, { type: 'AssignLeader', leaderId: `leader-${county.code}` })];
    case 'extended': return [...handled, s(handler, { type: 'RequestExtension', extension: accelerated ? minutes(10) : { amount: 30, unit: 'calendar_days' }, reason: '需现场核查 / site check needed' }),
      s(head, { type: 'DecideExtension', approved: true, reason: '同意延期 / extension approved' })];
    case 'replied': return [...handled, reply];
    case 'evaluated': return [...handled, reply, s(registrar, { type: 'EvaluateSatisfaction', value: rng.pick(['satisfied', 'basically_satisfied', 'satisfied']) })];
    case 'review_requested': return [...handled, reply, s(registrar, { type: 'EvaluateSatisfaction', value: 'dissatisfied' }),
      s(registrar, { type: 'RequestReview', reviewUnitId: reviewUnit.id })];
    case 'reviewed': return [...handled, reply, s(registrar, { type: 'EvaluateSatisfaction', value: 'dissatisfied' }),
      s(registrar, { type: 'RequestReview', reviewUnitId: reviewUnit.id }), s(reviewer, { type: 'DecideReview', decision: rng.pick(['upheld', 'changed']), outcomeRef: `复查意见书-${rng.hex(6)}` })];
    case 'withdrawn': return [route, receive, s(registrar, { type: 'WithdrawPetition', reason: '信访人撤回 / withdrawn by the petitioner' })];
    case 'not_accepted': return [route, receive, notify, s(handler, { type: 'DecideAcceptance', outcome: 'not_accepted', reason: '不属于本单位职责 / outside the unit\'s remit' }),
      s(handler, { type: 'NotifyDecision', noticeRef: `不予受理告知书-${rng.hex(6)}`, reason: '不属于本单位职责 / outside the unit\'s remit' })];
    case 'objected': return [route, receive, s(handler, { type: 'RaiseObjection', reason: '非本单位职权范围 / not competent' }),
      s(registrar, { type: 'DecideObjection', approved: rng.chance(0.5) })];
    default: throw new Error(`unknown demo target ${target}`);
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['秀英', '建国', '桂兰', '志强', '海燕', '国庆', '丽娟', '文博', '玉梅', '子涵', '春生', '淑珍'];
const MATTERS = ['加装电梯停工，请求督促复工', '拖欠工资三个月未发', '小区违章搭建影响采光', '征地补偿标准有异议', '噪音扰民长期未解决',
  '医保报销被拒，请求复核', '学区划分不合理', '农村道路年久失修', '物业费收取不透明', '养老金核定有误'];

function idNumber(rng: Rng, region: string): string {
  const body = `${region}19${String(rng.int(50, 99))}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(0, 999)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export class DemoApi {
  constructor(private readonly base: string, private readonly secret: string) {}

  async call(as: DemoActor, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const token = signToken(this.secret, { sub: as.id, role: as.role, ...(as.unit ? { unit: as.unit } : {}) }, { ttlSeconds: 3600 });
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${this.base}${path}`, {
          method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        // Registration is rate-limited per actor; wait and send the same request (same idempotency key) again.
        if ((res.status === 429 || res.status === 503 || (res.status === 409 && headers['idempotency-key'] !== undefined)) && attempt < 20) {
          await new Promise((r) => setTimeout(r, 500 * attempt));
          continue;
        }
        return { status: res.status, json };
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }
}

export async function seedDemoCity(o: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const rng = new Rng(o.seed);
  const world = buildWorld(rng, 1);
  const city = world.cities[0]!;
  const accelerated = city.counties.slice(0, 2).map((c) => c.code);
  const api = new DemoApi(o.api, o.tokenSecret);
  const supervisor: DemoActor = { id: 'sup-demo', role: 'supervisor' };

  const policy = await api.call(supervisor, 'POST', '/policies', {
    document: demoPolicy(accelerated, new Date(Date.now() - 86_400_000).toISOString(), o.limitUnit ?? 'minutes'),
    note: '演示城市种子数据 / demo city seed',
  });
  if (policy.status >= 300) throw new Error(`demo policy refused: ${policy.status} ${JSON.stringify(policy.json)}`);
  log(`demo policy published for counties ${accelerated.join(', ')} (limits in minutes)`);
  // The organization directory: letters, ledger and dashboard name the units (an unchanged re-import adds no version).
  const units = await api.call({ id: 'adm-demo', role: 'admin' }, 'POST', '/units', { units: directoryUnitsOf(world), reason: '演示城市种子数据 / demo city seed' });
  if (units.status >= 300) throw new Error(`demo units refused: ${units.status} ${JSON.stringify(units.json)}`);
  // The people the demo acts as (leader assignments are checked against them), in batches under the API's body limit.
  const everyone = directoryPeopleOf(world);
  for (let i = 0; i < everyone.length; i += 300) {
    const people = await api.call({ id: 'adm-demo', role: 'admin' }, 'POST', '/people', { people: everyone.slice(i, i + 300), reason: '演示城市种子数据 / demo city seed' });
    if (people.status >= 300) throw new Error(`demo people refused: ${people.status} ${JSON.stringify(people.json)}`);
  }

  const cum: number[] = [];
  TARGETS.reduce((acc, [, w]) => { cum.push(acc + w); return acc + w; }, 0);
  const countyCum: number[] = [];
  city.counties.reduce((acc, c) => { countyCum.push(acc + c.weight); return acc + c.weight; }, 0);
  // Every state appears at least twice: once in an accelerated county (it goes overdue within minutes), once elsewhere.
  const n = TARGETS.length;
  const plans = Array.from({ length: o.cases }, (_, i) => {
    const county = i < n ? city.counties[i % 2]! : city.counties[rng.weighted(countyCum)]!;
    const category = CATEGORIES[rng.weighted(CATEGORY_CUM)]!;
    const lead = leadUnit(rng, county, category);
    const target = i < 2 * n ? TARGETS[i % n]![0] : TARGETS[rng.weighted(cum)]![0];
    const registrar: DemoActor = { id: `reg-${county.code}`, role: 'registrar', unit: county.bureau.id };
    const name = `${rng.pick([...SURNAMES])}${rng.pick(GIVEN)}`;
    // Only claims (申诉求决类) have a handling limit to extend.
    const kind = target === 'extended' || rng.chance(0.8) ? 'claim' : rng.pick(['suggestion', 'report']);
    const registration = {
      channel: rng.pick(['online', 'online', 'letter', 'visit', 'phone']), kind,
      category, regionCode: townshipOf(county, lead, i), level: rng.chance(0.8) ? 'county' : 'city', persons: rng.chance(0.9) ? 1 : rng.int(2, 5),
      respondent: { type: 'unit', description: `${lead.id.replace(/^u-/, '')} 单位` }, summary: `${rng.pick(MATTERS)}（演示 ${i + 1}）`,
      petitioner: { name, idNumber: idNumber(rng, county.code), phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}` },
    };
    return { i, county, lead, target, registrar, registration, steps: script(rng, target, lead, county, accelerated.includes(county.code) ? (o.limitUnit ?? 'minutes') : null, registrar) };
  });

  let commands = 0;
  let refused = 0;
  let done = 0;
  const byTarget: Record<string, number> = {};
  const seeded: DemoSummary['seeded'] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const p = plans[next++]!;
      const filed = await api.call(p.registrar, 'POST', '/petitions', p.registration, { 'idempotency-key': `demo-${o.seed}-${p.i}-${randomUUID().slice(0, 8)}` });
      if (filed.status >= 300) { refused++; log(`registration refused: ${filed.status} ${String((filed.json.error as { code?: string })?.code)}`); continue; }
      const caseId = filed.json.caseId as string;
      for (const step of p.steps) {
        const r = await api.call(step.as, 'POST', `/petitions/${caseId}/commands`, step.command);
        commands++;
        if (r.status >= 300) { refused++; log(`${String(step.command.type)} refused for a demo case: ${String((r.json.error as { code?: string })?.code)}`); break; }
      }
      byTarget[p.target] = (byTarget[p.target] ?? 0) + 1;
      seeded.push({ caseId, target: p.target, county: p.county.code });
      if (++done % 50 === 0) log(`${done}/${plans.length} demo cases`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 6 }, worker));
  return { cases: done, commands, refused, byTarget, acceleratedCounties: accelerated, ms: Date.now() - started, seeded };
}

if (require.main === module) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
  const secret = process.env.AUTH_TOKEN_SECRET;
  if (!secret) { console.error('AUTH_TOKEN_SECRET is required (the API\'s token secret)'); process.exit(2); }
  seedDemoCity({ api: arg('api') ?? 'http://127.0.0.1:3000', tokenSecret: secret, cases: Number(arg('cases') ?? 300), seed: Number(arg('seed') ?? 2026),
    log: (l) => console.log(`[demo] ${l}`) })
    .then(({ seeded, ...s }) => console.log(`[demo] ${JSON.stringify({ ...s, seeded: seeded.length })}`))
    .catch((e) => { console.error('[demo] failed:', e); process.exit(1); });
}
