/**
 * 示范市督办数字 / Demo city figures: what the supervision loop produced so far, read from the read model through the
 * API as the supervisor (督查员): breaches by deadline, letters by kind and feedback state, recommendations and their
 * adoption, and how far breaches climbed the escalation ladder. A table a person reads.
 *
 *   AUTH_TOKEN_SECRET=… npm run demo:figures -- [--api http://127.0.0.1:3000] [--markdown]
 *
 * Works against older APIs too: a letter list without feedback states shows them as "—".
 */
import { signToken } from '../../apps/api/src/auth/token';

interface Ledger { deadlineKey: string; escalationCount: number }
interface Letter { kind: string; feedbackState?: string; adoption?: { outcome: string | null } }

export interface DemoFigures {
  breaches: Record<string, number>;
  letters: Record<string, number>;
  feedback: Record<string, number>;
  recommendations: { issued: number; adopted: number; partly: number; not: number; pending: number };
  /** Step breaches that reached each rung of the ladder (1 = reminder letter … 4 = report to the superior), and letter-feedback breaches escalated. */
  rungs: Record<string, number>;
}

const DEADLINE_LABEL: Record<string, string> = {
  route: '转送交办 route', receive: '签收 receive', notify: '告知 notify', objection: '异议 objection', acceptance: '受理 acceptance',
  handling: '办理 handling', requestReview: '申请复查 request review', decideReview: '复查 decide review',
  requestReReview: '申请复核 request re-review', decideReReview: '复核 decide re-review', decideObjection: '异议决定 decide objection',
  notifyDecision: '书面告知 notify decision', letterFeedback: '督办函反馈 letter feedback',
};
const KIND_LABEL: Record<string, string> = {
  reminder_letter: '督办提醒函 reminder letter', listed_supervision_notice: '挂牌督办通知 listed supervision notice',
  accountability_recommendation: '问责建议函 accountability recommendation',
};
const STATE_LABEL: Record<string, string> = {
  not_required: '无需反馈 not required', awaiting: '待反馈 awaiting', submitted: '待审核 submitted', accepted: '已认可 accepted',
  returned: '已退回 returned', answered: '已答复 answered', overdue: '逾期未反馈 overdue', '—': '— (无此字段 no field)',
};
const FEEDBACK_RUNG = '未反馈→问责建议 unanswered letter → recommendation';
const RUNGS = ['督办提醒函 reminder letter', '挂牌督办 listed supervision', '问责建议 accountability recommendation', '报上级 escalate to superior'];

/** A letter's feedback clock has a key of its own (`feedback:<step>:<rung>#<n>`, returned: `…:return:<round>`). */
const deadlineKind = (key: string) => (key.startsWith('feedback:') ? 'letterFeedback' : key.split(':')[0]!);

export async function readFigures(api: string, tokenSecret: string): Promise<DemoFigures> {
  const token = signToken(tokenSecret, { sub: 'sup-demo-figures', role: 'supervisor' }, { ttlSeconds: 600 });
  const get = async (path: string): Promise<Record<string, unknown>> => {
    const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const ledger: Ledger[] = [];
  for (let cursor: string | null = null, i = 0; i < 200; i++) {
    const page = await get(`/supervision/breaches?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    ledger.push(...(page.items as Ledger[]));
    cursor = page.nextCursor as string | null;
    if (!cursor) break;
  }
  const letters: Letter[] = [];
  for (let offset = 0; offset < 100_000; offset += 500) {
    const page = (await get(`/letters?limit=500&offset=${offset}`)).letters as Letter[];
    letters.push(...page);
    if (page.length < 500) break;
  }
  const count = <T>(xs: T[], key: (x: T) => string) => xs.reduce<Record<string, number>>((acc, x) => { acc[key(x)] = (acc[key(x)] ?? 0) + 1; return acc; }, {});
  const steps = ledger.filter((l) => deadlineKind(l.deadlineKey) !== 'letterFeedback');
  const recs = letters.filter((l) => l.kind === 'accountability_recommendation');
  const adoption = (o: string) => recs.filter((l) => l.adoption?.outcome === o).length;
  return {
    breaches: count(ledger, (l) => deadlineKind(l.deadlineKey)),
    letters: count(letters, (l) => l.kind),
    feedback: count(letters, (l) => l.feedbackState ?? '—'),
    recommendations: { issued: recs.length, adopted: adoption('adopted'), partly: adoption('partly_adopted'), not: adoption('not_adopted'),
      pending: recs.filter((l) => !l.adoption?.outcome).length },
    // The ladder climbs on a step's breach; an unanswered letter's breach goes straight to a recommendation (art.45).
    rungs: { ...Object.fromEntries(RUNGS.map((r, i) => [r, steps.filter((l) => l.escalationCount >= i + 1).length])),
      [FEEDBACK_RUNG]: ledger.filter((l) => deadlineKind(l.deadlineKey) === 'letterFeedback' && l.escalationCount >= 1).length },
  };
}

/** The figures as a table: markdown (for docs) or aligned plain text. */
export function formatFigures(f: DemoFigures, markdown = false): string {
  const rows: [string, string, number][] = [];
  const section = (name: string, counts: Record<string, number>, labels: Record<string, string> = {}) => {
    for (const [k, n] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) rows.push([name, labels[k] ?? k, n]);
  };
  section('违时 breaches（按时限 by deadline）', f.breaches, DEADLINE_LABEL);
  section('督办文书 letters（按种类 by kind）', f.letters, KIND_LABEL);
  section('反馈状态 letters（按反馈 by feedback state）', f.feedback, STATE_LABEL);
  const r = f.recommendations;
  section('问责建议 recommendations', { '1 issued': r.issued, '2 adopted': r.adopted, '3 partly': r.partly, '4 not': r.not, '5 pending': r.pending }, {
    '1 issued': '已发出 issued', '2 adopted': '采纳 adopted', '3 partly': '部分采纳 partly adopted', '4 not': '未采纳 not adopted', '5 pending': '未答复 pending' });
  rows.push(...Object.entries(f.rungs).map(([k, n]): [string, string, number] => ['升级 escalations（达到该级的违时 breaches reaching each rung）', k, n]));
  if (markdown) return ['| 项目 Figure | 分项 Item | 数 Count |', '|---|---|---:|', ...rows.map(([a, b, n]) => `| ${a} | ${b} | ${n} |`)].join('\n');
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  const w0 = Math.max(...rows.map(([a]) => width(a))), w1 = Math.max(...rows.map(([, b]) => width(b)));
  let last = '';
  return rows.map(([a, b, n]) => { const line = `${pad(a === last ? '' : a, w0)}  ${pad(b, w1)}  ${String(n).padStart(5)}`; last = a; return line; }).join('\n');
}

if (require.main === module) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
  const secret = process.env.AUTH_TOKEN_SECRET;
  if (!secret) { console.error('AUTH_TOKEN_SECRET is required (the API\'s token secret)'); process.exit(2); }
  readFigures(arg('api') ?? 'http://127.0.0.1:3000', secret)
    .then((f) => console.log(formatFigures(f, process.argv.includes('--markdown'))))
    .catch((e) => { console.error('[demo-figures] failed:', e); process.exit(1); });
}
