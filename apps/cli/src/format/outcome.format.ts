import type { CommandOutcomeJson } from '../api-types';
import { fieldRows } from './text.format';
import { formatLocalTime } from './time.format';

const RESULT_NAMES: Record<string, string> = {
  registered: 'registered（新登记 / new case）',
  repeat: 'repeat（重复信访，已并入原案件 / repeat petition, joined the existing case）',
  applied: 'applied（已执行 / applied）',
};

const eventsLine = (o: CommandOutcomeJson): string =>
  (o.events ?? []).map((e) => `#${e.seq} ${e.type} ${formatLocalTime(e.at)}`).join('; ') || '—';

/** After `file`: the case id, registered or repeat, and where the case stands. */
export function formatFiled(o: CommandOutcomeJson): string {
  return fieldRows([
    ['案件编号 Case id', o.caseId],
    ['结果 Result', RESULT_NAMES[o.result ?? ''] ?? String(o.result ?? '—')],
    ['状态 Status', o.status],
    ['环节 Step', o.step],
    ['事件 Events', eventsLine(o)],
  ], '').join('\n');
}

/** After an action: what was done and the events it recorded. */
export function formatApplied(type: string, o: CommandOutcomeJson): string {
  return [
    `已执行 Done: ${type} → ${o.caseId}`,
    ...fieldRows([
      ['状态 Status', o.status],
      ['环节 Step', o.step],
      ['事件 Events', eventsLine(o)],
    ]),
  ].join('\n');
}
