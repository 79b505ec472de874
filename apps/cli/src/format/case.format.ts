import { formatPauseLines } from './pauses.format';
import type { CaseEventRowJson, CaseReadModelJson } from '../api-types';
import { fieldRows, formatActor, orDash, padEnd, displayWidth } from './text.format';
import { bilingual, formatLocalTime, formatRemaining } from './time.format';

/** One event per line: `#2  2025-12-01 10:00:00 +08:00  PetitionRouted  reg-001 (registrar @ city-bureau)`. */
export function formatEventLines(events: readonly { seq: number; type: string; at: string; actor?: CaseEventRowJson['actor']; reason?: string | null }[]): string[] {
  const typeWidth = Math.max(0, ...events.map((e) => displayWidth(e.type)));
  const seqWidth = Math.max(0, ...events.map((e) => String(e.seq).length + 1));
  return events.flatMap((e) => {
    const line = `  ${padEnd(`#${e.seq}`, seqWidth)}  ${formatLocalTime(e.at)}  ${padEnd(e.type, typeWidth)}  ${formatActor(e.actor)}`.trimEnd();
    return e.reason ? [line, `  ${' '.repeat(seqWidth)}  理由 reason: ${e.reason}`] : [line];
  });
}

const joinDefined = (parts: readonly (string | null | undefined)[]): string | undefined => {
  const shown = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return shown.length > 0 ? shown.join(' · ') : undefined;
};

/** `handling — 2026-01-30 23:59:59 +08:00（剩余29天3小时 / 29d 3h left）` */
export function formatDeadline(key: string | null | undefined, at: string | null | undefined, now: Date): string | undefined {
  if (!key && !at) return '无 none';
  const t = at ? Date.parse(at) : Number.NaN;
  const left = Number.isNaN(t) ? '' : `（${bilingual(formatRemaining(t - now.getTime()))}）`;
  return `${orDash(key)} — ${formatLocalTime(at)}${left}`;
}

/** `show`: the read model's row as a summary, then the event log. */
export function formatReadModel(view: CaseReadModelJson, now: Date): string {
  const c = view.case;
  const events = view.events ?? [];
  const lines = [
    `案件 Case ${c.caseId}（读取模型 / read model）`,
    ...fieldRows([
      ['状态 Status', c.status],
      ['环节 Step', c.step],
      ['事项 Matter', joinDefined([c.kind, c.category, c.regionCode, c.level, c.channel, c.persons !== undefined ? `${c.persons}人 persons` : undefined])],
      ['主办单位 Lead unit', orDash(c.leadUnitId)],
      ['协办单位 Co-units', c.coUnitIds && c.coUnitIds.length > 0 ? c.coUnitIds.join(', ') : undefined],
      ['包案领导 Leader', c.leaderId ?? undefined],
      ['受理 Acceptance', c.acceptanceOutcome ?? undefined],
      ['下一期限 Next deadline', formatDeadline(c.nextDeadlineKey, c.nextDeadlineAt, now)],
      ['暂定 Provisional', c.provisionalYears?.length
        ? `期限暂定：${c.provisionalYears.join(', ')}年节假日安排未发布，按普通工作日计算 / deadlines provisional: holidays of ${c.provisionalYears.join(', ')} not published, plain weekdays`
        : undefined],
      ['办结 Closure', c.closedAt ? joinDefined([c.closureReason, c.closureType, formatLocalTime(c.closedAt)]) : undefined],
      ['满意度 Satisfaction', c.satisfaction ?? undefined],
      ['计数 Counts', `事件 events ${orDash(c.lastSeq ?? events.length)} · 重复信访 repeats ${orDash(c.repeatCount)} · 超期 breaches ${orDash(c.breachCount)}`],
      ['登记 Registered', c.registeredAt ? formatLocalTime(c.registeredAt) : undefined],
      ['策略 Policy', c.policyId ? `${c.policyId} v${orDash(c.policyVersion)}` : undefined],
      ['更新 Updated', c.updatedAt ? formatLocalTime(c.updatedAt) : undefined],
    ]),
    ...(c.pauses && c.pauses.length > 0 ? ['', `暂停计时 Clock pauses (${c.pauses.length}):`, ...formatPauseLines(c.pauses, now)] : []),
    '',
    `事件 Events (${events.length}):`,
    ...(events.length > 0 ? formatEventLines(events) : ['  无 none']),
  ];
  return lines.join('\n');
}
