import type { PauseJson } from '../api-types';
import { formatLocalTime } from './time.format';

/** Pause reason codes of the national policy and the hearing: zh / en. Other codes are shown as they are. */
export const PAUSE_REASON_LABELS: Record<string, string> = {
  hearing: '听证 hearing',
  appraisal: '鉴定 appraisal',
  awaiting_authority: "等待其他机关决定 awaiting another authority's decision",
};

const DAY_MS = 86_400_000;
/** 14 days 2 hours → `14.1天 days`. */
export const pausedDays = (ms: number): string => `${(Math.round((ms / DAY_MS) * 10) / 10).toFixed(1)}天 days`;

/**
 * `  handling  鉴定 appraisal  2026-04-01 10:00:00 +08:00 → 2026-04-15 10:00:00 +08:00  14.0天 days  审批 approver head-1  委托鉴定`;
 * a pause still running ends in `暂停中 paused since …`.
 */
export function formatPauseLines(pauses: readonly PauseJson[], now: Date): string[] {
  if (pauses.length === 0) return ['  无 none'];
  return pauses.map((p) => {
    const label = PAUSE_REASON_LABELS[p.reasonCode] ?? p.reasonCode;
    const span = p.endedAt
      ? `${formatLocalTime(p.startedAt)} → ${formatLocalTime(p.endedAt)}  ${pausedDays(p.pausedMs ?? Date.parse(p.endedAt) - Date.parse(p.startedAt))}`
      : `${formatLocalTime(p.startedAt)} → 暂停中 paused  ${pausedDays(now.getTime() - Date.parse(p.startedAt))}`;
    const closed = p.endedBy === 'case_closed' ? '（随案件办结 ended with the case）' : '';
    const who = [p.approverId ? `审批 approver ${p.approverId}` : undefined, p.requestedBy ? `申请 requested by ${p.requestedBy}` : undefined]
      .filter(Boolean).join(' · ');
    return [`  ${p.deadlineKey}`, label, `${span}${closed}`, who, p.reason ?? ''].filter((s) => s !== '').join('  ');
  });
}
