import { type FlagSpec, booleanFlag, intFlag, stringFlag } from '../args';
import type { ApiAnswer, PetitionsApiClient } from '../api-client';
import { ApiResponseError, UsageError } from '../cli-errors';
import type { CliCommand, CommandContext, CommandResult } from './command';
import {
  type MismatchJson, type ReplayJson, type StateJson, type TimelineJson, type VerifyJson, describeMismatch, formatReplay, formatState,
  formatTimeline, progressBar,
} from './audit.format';
import { PERSONAL_DATA_READ_FLAGS, personalDataReads } from './audit.personal-data';

export const AUDIT_FLAGS: readonly FlagSpec[] = [
  { name: 'file', type: 'string', valueName: 'path', zh: '重放的历史文件（temporal workflow show --output json 格式），本地离线重放', en: 'history file to replay locally, offline (format of temporal workflow show --output json)' },
  { name: 'payload-keys', type: 'string', valueName: 'keys', zh: '解密历史载荷的密钥（或环境变量 PAYLOAD_KEYS），仅用于 --file', en: 'keys that decrypt the history\'s payloads (or env PAYLOAD_KEYS); --file only' },
  { name: 'at', type: 'string', valueName: 'ISO', zh: '时点（ISO 8601）', en: 'moment (ISO 8601)' },
  { name: 'seq', type: 'string', valueName: 'n', zh: '事件序号', en: 'event number' },
  { name: 'all', type: 'boolean', zh: '核对全部案件', en: 'verify every case' },
  { name: 'public-key', type: 'string', valueName: 'pem', zh: '审计包签名公钥（PEM 文件），仅用于 verify-bundle', en: 'public key (PEM file) of the bundle signature; verify-bundle only' },
  ...PERSONAL_DATA_READ_FLAGS,
];

/** `verify-bundle FILE --public-key PEM`: offline, no API — signature, hash chain, chain head. */
async function verifyBundleFile(ctx: CommandContext, positionals: readonly string[], keyPath: string | undefined): Promise<CommandResult> {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || !keyPath) {
    throw new UsageError('用法：audit verify-bundle <文件> --public-key <pem>', 'Usage: audit verify-bundle <file> --public-key <pem>', 'audit');
  }
  const { verifyAuditBundle } = await import('@petitions/audit');
  let bundle;
  try {
    bundle = JSON.parse(ctx.readFile(file));
  } catch (err) {
    throw new UsageError(`无法读取审计包 ${file}`, `Cannot read bundle ${file}: ${err instanceof Error ? err.message : String(err)}`, 'audit');
  }
  const result = verifyAuditBundle(bundle, ctx.readFile(keyPath));
  const text = result.ok ? `审计包完好 / bundle intact: ${bundle.content?.caseId} (${bundle.content?.events?.length ?? 0} events)` : result.problems.join('\n');
  if (!result.ok) throw new ApiResponseError(409, 'AUDIT_BUNDLE_INVALID', text, 'the bundle does not verify');
  return { body: result, text };
}

const SUBCOMMANDS = ['replay', 'timeline', 'state', 'verify', 'verify-bundle', 'replay-projections', 'personal-data-reads'] as const;
const PAGE = 200;

interface ReplayProjectionsJson { replayed: number; failed: number; results: { caseId: string; ok: boolean; throughSeq: number; error?: string }[] }

function get<T>(api: PetitionsApiClient, path: string): Promise<ApiAnswer<T>> {
  return api.get<T>(path);
}

const casePath = (caseId: string, what: string): string => `/audit/cases/${encodeURIComponent(caseId)}/${what}`;

function oneCaseId(positionals: readonly string[], sub: string): string {
  const [caseId, ...extra] = positionals;
  if (!caseId) throw new UsageError('缺少案件编号 <caseId>', 'Missing <caseId>', 'audit');
  if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`, `Unexpected arguments: ${extra.join(' ')}`, `audit ${sub}`);
  return caseId;
}

/** `--file`: replays a history file in this process, with no API (an auditor may hold only the file and the key). */
async function replayFile(ctx: CommandContext, path: string, keys: string | undefined): Promise<CommandResult> {
  const payloadKeys = keys ?? process.env.PAYLOAD_KEYS;
  if (!payloadKeys) throw new UsageError('重放文件需要 --payload-keys 或 PAYLOAD_KEYS', '--file needs --payload-keys or PAYLOAD_KEYS', 'audit');
  const { decodeCaseHistories, historyFromFile, replayRuns } = await import('@petitions/audit');
  let history;
  try {
    history = historyFromFile(ctx.readFile(path));
  } catch (err) {
    throw new UsageError(`无法读取历史文件 ${path}`, `Cannot read history file ${path}: ${err instanceof Error ? err.message : String(err)}`, 'audit');
  }
  const decoded = await decodeCaseHistories([history], payloadKeys);
  const runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId || 'file';
  const report = await replayRuns(decoded.caseId, [{ runId, history }], { payloadKeys });
  return { body: report, text: formatReplay(report as ReplayJson) };
}

/**
 * Every case workflow Temporal lists (not only the read model's cases); a case Temporal has and `cases` lacks is a
 * mismatch of its own, whatever its history says.
 */
async function verifyAll(ctx: CommandContext): Promise<CommandResult> {
  const reports: VerifyJson[] = [];
  let after: string | null = null;
  let total = 0;
  // Redrawn in place on a terminal; elsewhere (logs, CI) only the final count is written.
  const draw = () => ctx.progress(`核对 Verifying ${progressBar(reports.length, total)}`, false);
  for (;;) {
    const query: string = `?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    type Page = { caseIds: string[]; total: number; missingFromReadModel?: string[] };
    const page: Page = (await get<Page>(ctx.api, `/audit/cases${query}`)).body;
    total = Math.max(page.total, reports.length + page.caseIds.length);
    const missing = new Set(page.missingFromReadModel ?? []);
    for (const caseId of page.caseIds) {
      const report = (await get<VerifyJson>(ctx.api, casePath(caseId, 'verify'))).body;
      reports.push(missing.has(caseId)
        ? { ...report, ok: false, mismatches: [{ kind: 'missing_from_read_model', caseId }, ...report.mismatches] } : report);
      draw();
    }
    if (page.caseIds.length < PAGE) break;
    after = page.caseIds[page.caseIds.length - 1] ?? null;
  }
  ctx.progress(`核对 Verified ${progressBar(reports.length, total)}`, true);
  return verdict(reports);
}

/** A mismatch is a refusal of the record: exit code 5 (Refused), the mismatches listed on stderr. */
function verdict(reports: VerifyJson[]): CommandResult {
  const bad = reports.filter((r) => !r.ok);
  if (bad.length > 0) {
    const mismatches: MismatchJson[] = bad.flatMap((r) => r.mismatches);
    throw new ApiResponseError(409, 'AUDIT_MISMATCH',
      `${bad.length} 个案件的读取模型与历史不一致（共核对 ${reports.length} 个）`,
      `${bad.length} of ${reports.length} cases: the read model differs from the history`,
      { problems: mismatches.map((m) => ({ path: m.caseId, message: describeMismatch(m) })) });
  }
  const body = reports.length === 1 ? reports[0] : { ok: true, checked: reports.length };
  return { body, text: `一致 Consistent: ${reports.length} case${reports.length === 1 ? '' : 's'} match their histories` };
}

export const auditCommand: CliCommand = {
  name: 'audit',
  zh: '审计：重放案件历史、时间线、任一时点的状态、读取模型一致性核对、个人信息查阅记录（审计人员/管理员）',
  en: 'Audit: replay case histories, timeline, state at any point, read-model consistency, personal-data reads (auditor/admin)',
  flags: () => AUDIT_FLAGS,
  help: () => ({
    usage: [
      'petitions audit replay <caseId> --as <id> --role auditor',
      'petitions audit replay --file history.json [--payload-keys <keys>]',
      'petitions audit timeline <caseId> --as <id> --role auditor',
      'petitions audit state <caseId> (--seq <n> | --at <ISO>) --as <id> --role auditor',
      'petitions audit verify (<caseId> | --all) --as <id> --role auditor',
      'petitions audit verify-bundle bundle.json --public-key audit-pub.pem   (offline; bundles: npm run audit-bundle)',
      'petitions audit replay-projections [<caseId>...] --as <id> --role admin',
      'petitions audit personal-data-reads [--case <caseId>] [--actor <id>] [--from <date>] [--to <date>] [--limit n] [--cursor c] --as <id> --role auditor',
    ],
    notes: [
      'verify 发现不一致时退出码为 5（拒绝），并逐条列出。 / verify exits 5 (Refused) on any mismatch, listing each.',
      'verify --all 在 stderr 上显示进度条。 / verify --all draws a progress bar on stderr.',
      'verify --all 从 Temporal 的案件工作流列表出发，读取模型中缺失的案件也报告。 / verify --all starts from Temporal\'s list of case workflows and reports cases missing from the read model.',
      'replay-projections 在修复原因后重放投影阻塞的案件；仍失败时退出码为 5。 / replay-projections replays stuck projections after the fix; exits 5 if any still fails.',
      'personal-data-reads 列出个人信息查阅记录（谁、何时、哪个案件、哪些字段、用途），最新在前。 / personal-data-reads lists who read whose personal data, when, which fields and why, newest first.',
    ],
  }),
  async run(ctx, { values, positionals }) {
    const [sub, ...rest] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new UsageError(`子命令须为 ${SUBCOMMANDS.join(' | ')}`, `Subcommand must be one of ${SUBCOMMANDS.join(' | ')}`, 'audit');
    }
    if (sub === 'verify-bundle') return verifyBundleFile(ctx, rest, stringFlag(values, 'public-key'));
    const file = stringFlag(values, 'file');
    if (sub === 'replay' && file !== undefined) {
      if (rest.length > 0) throw new UsageError('--file 与 <caseId> 不能同时给出', 'Give either --file or <caseId>', 'audit');
      return replayFile(ctx, file, stringFlag(values, 'payload-keys'));
    }
    ctx.requireActor();
    switch (sub) {
      case 'replay': {
        const body = (await get<ReplayJson>(ctx.api, casePath(oneCaseId(rest, sub), 'replay'))).body;
        if (body.verdict !== 'deterministic') {
          throw new ApiResponseError(409, 'AUDIT_REPLAY_DIVERGED', formatReplay(body), `first diverging event: ${body.firstDivergence?.eventId ?? 'unknown'}`);
        }
        return { body, text: formatReplay(body) };
      }
      case 'timeline': {
        const body = (await get<TimelineJson>(ctx.api, casePath(oneCaseId(rest, sub), 'timeline'))).body;
        return { body, text: formatTimeline(body) };
      }
      case 'state': {
        const caseId = oneCaseId(rest, sub);
        const at = stringFlag(values, 'at');
        const seq = intFlag(values, 'seq', { min: 0 });
        if ((at === undefined) === (seq === undefined)) throw new UsageError('须给出 --seq 或 --at 之一', 'Give one of --seq or --at', 'audit');
        const query = at !== undefined ? `at=${encodeURIComponent(at)}` : `seq=${seq}`;
        const body = (await get<StateJson>(ctx.api, `${casePath(caseId, 'state')}?${query}`)).body;
        return { body, text: formatState(body) };
      }
      case 'replay-projections': {
        const body = (await ctx.api.post<ReplayProjectionsJson>('/audit/projections/replay', rest.length > 0 ? { caseIds: rest } : {})).body;
        const lines = body.results.map((r) => `${r.ok ? '已重放 replayed' : '仍失败 still failing'} ${r.caseId}${r.ok ? ` → #${r.throughSeq}` : `: ${r.error ?? ''}`}`);
        const text = [`重放 Replayed ${body.replayed}，失败 failed ${body.failed}`, ...lines].join('\n');
        if (body.failed > 0) throw new ApiResponseError(409, 'PROJECTION_REPLAY_FAILED', text, `${body.failed} projection(s) still fail`);
        return { body, text };
      }
      case 'personal-data-reads':
        return personalDataReads(ctx, rest, values);
      case 'verify': {
        if (booleanFlag(values, 'all')) {
          if (rest.length > 0) throw new UsageError('--all 与 <caseId> 不能同时给出', 'Give either --all or <caseId>', 'audit');
          return verifyAll(ctx);
        }
        return verdict([(await get<VerifyJson>(ctx.api, casePath(oneCaseId(rest, sub), 'verify'))).body]);
      }
      default:
        throw new UsageError(`未知子命令 ${sub}`, `Unknown subcommand ${sub}`, 'audit');
    }
  },
};
