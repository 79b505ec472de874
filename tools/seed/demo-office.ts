/**
 * The demo city's supervision office and units (示范市督查室与责任单位): after seeding, for the accelerated counties only,
 * a bounded loop reads the letters waiting for an answer or a review through the API and acts on some of them, so the
 * demo shows every feedback state within minutes:
 *
 * - the unit answers a 督办提醒函 / 挂牌督办通知 (POST /letters/:letter/feedback) unless its letter number says it stays
 *   silent (that letter breaches and escalates to a 问责建议函);
 * - the office (supervisor) accepts the answer, or returns it with a reason and a new limit;
 * - a returned answer is answered again, or left (returned, still due);
 * - the addressee of a 问责建议函 (the county government) records adoption: adopted / partly / not adopted, or nothing yet.
 *
 * Every decision is a fixed rule on the letter's serial number (seqNo), so a seed run decides the same letters the
 * same way (only which letters exist by a given minute depends on the clock). The loop ends after `minutes`.
 *
 *   node -r @swc-node/register tools/seed/demo-office.ts [--api http://127.0.0.1:3000] [--minutes 30] [--counties 320101,320102]
 */
import { type DemoActor, DemoApi } from './demo-city';

export interface OfficeOptions {
  api: string;
  tokenSecret: string;
  /** The accelerated counties (region codes); letters of other units are never touched. */
  counties: string[];
  /** How long the loop runs (wall clock), in ms. */
  durationMs: number;
  /** Pause between rounds, in ms. */
  intervalMs?: number;
  log?: (line: string) => void;
  /** Stops the loop early when it returns true (e.g. the run command is stopping). */
  stopped?: () => boolean;
}

export interface OfficeTally {
  rounds: number; answered: number; reanswered: number; accepted: number; returned: number; adopted: number; partly: number; notAdopted: number;
  refused: number;
}

interface ListedLetter {
  letterId: string; letterNo: string; kind: string; seqNo: number; recipientUnit: string; addresseeUnit: string | null;
  feedbackState: string; feedbackRound: number;
}

/** What the unit does with a letter to answer, by its serial number: 3 in 10 stay silent. */
export function unitAnswers(seqNo: number): boolean { return seqNo % 10 >= 3; }
/** What the office does with an answer in review: round 1, 1 in 3 returned; a second answer is always accepted. */
export function officeReturns(seqNo: number, round: number): boolean { return round <= 1 && seqNo % 3 === 0; }
/** Whether a returned answer is answered again: half are. */
export function unitReanswers(seqNo: number): boolean { return seqNo % 2 === 0; }
/** A recommendation's adoption by its addressee: adopted, partly, not adopted, or nothing recorded (1 in 4 each). */
export function adoptionOf(seqNo: number): 'adopted' | 'partly_adopted' | 'not_adopted' | null {
  return (['adopted', 'partly_adopted', 'not_adopted', null] as const)[seqNo % 4]!;
}

const head = (unit: string): DemoActor => ({ id: `head-${unit.replace(/^u-/, '')}`, role: 'unit_head', unit });
const OFFICE: DemoActor = { id: 'sup-demo', role: 'supervisor' };

export async function runDemoOffice(o: OfficeOptions): Promise<OfficeTally> {
  const api = new DemoApi(o.api, o.tokenSecret);
  const log = o.log ?? (() => undefined);
  const ours = (unit: string | null) => unit !== null && o.counties.some((c) => unit.startsWith(`u-${c}-`));
  const t: OfficeTally = { rounds: 0, answered: 0, reanswered: 0, accepted: 0, returned: 0, adopted: 0, partly: 0, notAdopted: 0, refused: 0 };
  const end = Date.now() + o.durationMs;
  const act = async (as: DemoActor, path: string, body: Record<string, unknown>): Promise<boolean> => {
    const r = await api.call(as, 'POST', path, body);
    if (r.status >= 300) { t.refused++; log(`${path} refused: ${r.status} ${String((r.json.error as { code?: string })?.code)}`); }
    return r.status < 300;
  };
  const list = async (awaiting: 'feedback' | 'review'): Promise<ListedLetter[]> => {
    const out: ListedLetter[] = [];
    for (let offset = 0; offset < 5000; offset += 500) {
      const r = await api.call(OFFICE, 'GET', `/letters?awaiting=${awaiting}&limit=500&offset=${offset}`);
      const page = (r.json.letters as ListedLetter[] | undefined) ?? [];
      out.push(...page);
      if (page.length < 500) break;
    }
    return out;
  };

  while (Date.now() < end && !o.stopped?.()) {
    t.rounds++;
    for (const l of await list('feedback')) {
      const answering = l.addresseeUnit ?? l.recipientUnit;
      if (!ours(answering)) continue;
      const path = `/letters/${l.letterId}`;
      if (l.kind === 'accountability_recommendation') {
        const outcome = adoptionOf(l.seqNo);
        if (!outcome) continue;
        if (await act(head(answering), `${path}/adoption`, { outcome, documentNo: `示范采纳〔${new Date().getFullYear()}〕${l.seqNo}号`,
          ...(outcome === 'adopted' ? {} : { reason: outcome === 'partly_adopted' ? '部分责任人已处理，其余待查 / some officials dealt with, others under review'
            : '经核查系客观原因所致 / the delay had objective causes' }) })) {
          if (outcome === 'adopted') t.adopted++; else if (outcome === 'partly_adopted') t.partly++; else t.notAdopted++;
        }
        continue;
      }
      // A returned answer starts round 2 (the letter is again awaiting its unit's answer).
      const returned = l.feedbackRound >= 2;
      if (returned ? !unitReanswers(l.seqNo) : !unitAnswers(l.seqNo)) continue;
      if (await act(head(answering), `${path}/feedback`, {
        summary: returned ? '已按退回意见补充核查并办结 / further checks made as the office asked, case concluded'
          : '已签收并指定专人办理，正在核查 / received, handler assigned, checking the facts',
        measures: '每周调度，限期办结 / weekly follow-up until concluded', documentNo: `示范反馈〔${new Date().getFullYear()}〕${l.seqNo}-${l.feedbackRound}号`,
      })) { if (returned) t.reanswered++; else t.answered++; }
    }
    for (const l of await list('review')) {
      if (!ours(l.recipientUnit)) continue;
      const path = `/letters/${l.letterId}/feedback`;
      if (officeReturns(l.seqNo, l.feedbackRound)) {
        if (await act(OFFICE, `${path}/return`, { reason: '反馈未说明整改时限，请补充 / the answer gives no date for the remedy; please complete it',
          limit: { amount: 1, unit: 'calendar_days' } })) t.returned++;
      } else if (await act(OFFICE, `${path}/accept`, { note: '反馈属实，予以认可 / answer accepted' })) t.accepted++;
    }
    log(`office round ${t.rounds}: ${JSON.stringify(t)}`);
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(o.intervalMs ?? 20_000, end - Date.now()))));
  }
  return t;
}

if (require.main === module) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
  const secret = process.env.AUTH_TOKEN_SECRET;
  if (!secret) { console.error('AUTH_TOKEN_SECRET is required (the API\'s token secret)'); process.exit(2); }
  runDemoOffice({ api: arg('api') ?? 'http://127.0.0.1:3000', tokenSecret: secret, counties: (arg('counties') ?? '320101,320102').split(','),
    durationMs: Number(arg('minutes') ?? 30) * 60_000, log: (l) => console.log(`[demo-office] ${l}`) })
    .then((t) => console.log(`[demo-office] done ${JSON.stringify(t)}`))
    .catch((e) => { console.error('[demo-office] failed:', e); process.exit(1); });
}
