import { formatLocalTime } from '../format/time.format';

/** The shapes of the /audit answers the CLI prints (see apps/api/src/audit). */
export interface ReplayJson {
  workflowId: string;
  verdict: 'deterministic' | 'nondeterministic' | 'failed';
  runs: { runId: string; verdict: string; events: number; error?: string }[];
  firstDivergence: { runId: string; eventId: number | null; error: string } | null;
}
export interface TimelineJson {
  caseId: string;
  runs: number;
  timeline: { seq: number; at: string; actor: { id: string; role: string; unitId: string | null }; type: string; reason: string | null }[];
}
export interface StateJson {
  caseId: string;
  seq: number;
  lastSeq: number;
  asOf: string | null;
  state: { status: string; step: string };
  pendingDeadlines: { key: string; kind?: string; dueAt: string; paused: boolean; remainingMs: number }[];
}
export interface MismatchJson {
  kind: string; caseId: string; seq?: number; column?: string; type?: string; expected?: unknown; actual?: unknown; error?: string;
  historySeq?: number; readModelEvents?: number; unprojected?: number;
}
export interface VerifyJson { caseId: string; ok: boolean; checkedThroughSeq: number; mismatches: MismatchJson[] }

export function formatReplay(r: ReplayJson): string {
  const head = r.verdict === 'deterministic'
    ? `确定性重放通过 Deterministic: ${r.workflowId} (${r.runs.length} run${r.runs.length === 1 ? '' : 's'})`
    : `重放失败 Replay ${r.verdict.toUpperCase()}: ${r.workflowId}`;
  const runs = r.runs.map((run) => `  ${run.runId}  ${run.verdict}  ${run.events} history events`);
  const div = r.firstDivergence
    ? [`  首个分歧事件 First diverging event: ${r.firstDivergence.eventId ?? '(not named)'} in run ${r.firstDivergence.runId}`, `  ${r.firstDivergence.error}`]
    : [];
  return [head, ...runs, ...div].join('\n');
}

export function formatTimeline(t: TimelineJson): string {
  const lines = t.timeline.map((e) => {
    const who = `${e.actor.id} (${e.actor.role}${e.actor.unitId ? `, ${e.actor.unitId}` : ''})`;
    return `#${String(e.seq).padStart(3)}  ${formatLocalTime(e.at)}  ${e.type.padEnd(26)} ${who}${e.reason ? `  — ${e.reason}` : ''}`;
  });
  return [`案件时间线 Timeline of ${t.caseId} (${t.timeline.length} events, ${t.runs} run${t.runs === 1 ? '' : 's'})`, ...lines].join('\n');
}

export function formatState(s: StateJson): string {
  const pending = s.pendingDeadlines.length === 0 ? ['  (none)'] : s.pendingDeadlines.map((d) =>
    `  ${d.key.padEnd(20)} due ${formatLocalTime(d.dueAt)}${d.paused ? ' (paused)' : ''}`);
  return [
    `案件 Case ${s.caseId} as of event #${s.seq} of ${s.lastSeq}${s.asOf ? ` (${formatLocalTime(s.asOf)})` : ''}`,
    `  状态 status: ${s.state.status}   环节 step: ${s.state.step}`,
    '  当时待到期 Pending deadlines then:',
    ...pending,
  ].join('\n');
}

export function describeMismatch(m: MismatchJson): string {
  switch (m.kind) {
    case 'case_missing': return 'no row in cases';
    case 'case_column': return `cases.${m.column} is ${JSON.stringify(m.actual)}, history says ${JSON.stringify(m.expected)}`;
    case 'event_missing': return `event #${m.seq} (${m.type}) missing from case_events`;
    case 'event_extra': return `case_events has #${m.seq} (${m.type}) that the history does not`;
    case 'event_column': return `case_events #${m.seq}.${m.column} is ${JSON.stringify(m.actual)}, history says ${JSON.stringify(m.expected)}`;
    case 'projection_stuck': return `投影阻塞 projection stuck from #${m.seq}: ${m.error ?? ''}`;
    case 'projection_behind': return `读取模型缺少 ${m.unprojected} 个事件 / ${m.unprojected} of the history's ${m.historySeq} events missing from case_events`;
    case 'missing_from_read_model': return '读取模型中没有此案件 / the case workflow exists in Temporal but not in the read model';
    default: return `${m.kind}${m.error ? `: ${m.error}` : ''}`;
  }
}

/** `[#########...........]  12/40` (redrawn in place with \r). */
export function progressBar(done: number, total: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
