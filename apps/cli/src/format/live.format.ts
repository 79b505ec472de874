import type { CaseLiveViewJson, PendingDeadlineJson } from '../api-types';
import { formatEventLines } from './case.format';
import { formatPauseLines } from './pauses.format';
import { displayWidth, fieldRows, orDash, padEnd } from './text.format';
import { bilingual, formatLocalTime, formatRemaining } from './time.format';

const KIND_NAMES: Record<string, string> = { breach: '超期即违规 breach', lapse: '逾期即失权 lapse' };

/** `acceptance  2025-12-16 23:59:59 +08:00  剩余15天13小时 / 15d 13h left  [breach · 第三十一条 · xuhui-housing]` */
export function formatDeadlineLines(deadlines: readonly PendingDeadlineJson[]): string[] {
  if (deadlines.length === 0) return ['  无 none'];
  const keyWidth = Math.max(...deadlines.map((d) => displayWidth(d.key)));
  const left = deadlines.map((d) => (d.paused ? '已暂停 / paused' : bilingual(formatRemaining(d.remainingMs))));
  const leftWidth = Math.max(...left.map(displayWidth));
  return deadlines.map((d, i) => {
    const provisional = d.provisionalYears?.length ? `暂定 provisional (${d.provisionalYears.join(', ')}年节假日未发布 holidays not published)` : undefined;
    const tags = [KIND_NAMES[d.kind] ?? d.kind, d.article, d.unitId, `step ${d.step}`, provisional].filter(Boolean).join(' · ');
    return `  ${padEnd(d.key, keyWidth)}  ${formatLocalTime(d.dueAt)}  ${padEnd(left[i], leftWidth)}  [${tags}]`;
  });
}

/** `live`: the workflow's state, its timeline and every pending deadline with the time left. */
export function formatLiveView(view: CaseLiveViewJson): string {
  const s = view.state;
  const p = s.petition ?? undefined;
  const a = s.assignment ?? undefined;
  const timeline = view.timeline ?? [];
  const deadlines = view.pendingDeadlines ?? [];
  const pauses = (s.pauses ?? []).map((p) => ({ deadlineKey: p.deadlineKey, reasonCode: p.pauseReason, startedAt: p.startedAt,
    endedAt: p.endedAt, pausedMs: p.pausedMs, approverId: p.approverId ?? null }));
  const matter = p ? [p.kind, p.category, p.regionCode, p.level, p.channel].filter(Boolean).join(' · ') : undefined;
  return [
    `案件 Case ${view.caseId}（实时 / live，截至 as of ${formatLocalTime(view.asOf)}）`,
    ...fieldRows([
      ['状态 Status', s.status],
      ['环节 Step', s.step],
      ['事项 Matter', matter || undefined],
      ['分办 Routing', a ? `${orDash(a.mode)} → ${orDash(a.leadUnitId)}${a.coUnitIds && a.coUnitIds.length > 0 ? `（协办 co: ${a.coUnitIds.join(', ')}）` : ''}` : undefined],
      ['包案领导 Leader', s.leaderId ?? undefined],
      ['办结 Closure', s.closure ? `${s.closure.reason} · ${formatLocalTime(s.closure.at)}` : undefined],
      ['策略 Policy', view.policy ? `${view.policy.id} v${view.policy.version}` : undefined],
      ['投影 Projection', view.projection?.status === 'stuck'
        ? `投影阻塞 projection stuck，自 #${view.projection.fromSeq} 起 (${view.projection.errorCode ?? ''} · ${formatLocalTime(view.projection.since ?? '')}) — audit replay-projections`
        : undefined],
      ['计数 Counts', `事件 events ${orDash(s.eventCount ?? timeline.length)} · 重复信访 repeats ${orDash(s.repeatCount)} · 超期 breaches ${s.breaches?.length ?? 0}`],
    ]),
    '',
    `时间线 Timeline (${timeline.length}):`,
    ...(timeline.length > 0 ? formatEventLines(timeline.map((r) => ({ seq: r.seq, ...r.event }))) : ['  无 none']),
    '',
    `待届期限 Pending deadlines (${deadlines.length}):`,
    ...formatDeadlineLines(deadlines),
    ...(pauses.length > 0 ? ['', `暂停计时 Clock pauses (${pauses.length}):`, ...formatPauseLines(pauses, new Date(view.asOf))] : []),
  ].join('\n');
}
