import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nationalDefaultPolicy } from '@petitions/domain';
import { FIXTURE_PAYLOAD_KEY } from '../../../workflows/src/replay/fixture-key';
import { decodeCaseHistories } from './history-events';
import { historyFromFile } from './case-history.source';
import { replayRuns } from './history-replay';
import { renderTimeline, stateAsOf } from './case-timeline';
import { expectedCaseRow } from './read-model.consistency';

const HISTORIES = join(__dirname, '../../../workflows/src/replay/histories');
const manifest = JSON.parse(readFileSync(join(HISTORIES, 'manifest.json'), 'utf8')) as {
  scenarios: { name: string; file: string; workflowId: string; expectedEventTypes: string[]; expectedStatus: string }[];
};
const scenario = manifest.scenarios.find((s) => s.name === 'review-rereview-hearing')!;
const text = readFileSync(join(HISTORIES, scenario.file), 'utf8');

describe('audit of a recorded history file (workflows/src/replay/histories)', () => {
  it('replays the file against the current workflow code as deterministic', async () => {
    const history = historyFromFile(text);
    const decoded = await decodeCaseHistories([history], FIXTURE_PAYLOAD_KEY);
    expect(decoded.caseId).toBe(scenario.workflowId);
    const report = await replayRuns(decoded.caseId, [{ runId: 'file', history }], { payloadKeys: FIXTURE_PAYLOAD_KEY });
    expect(report).toMatchObject({ workflowId: scenario.workflowId, verdict: 'deterministic', firstDivergence: null });
  });

  it('decodes the domain events from the history: timeline, states along the way, and the read-model row at the end', async () => {
    const decoded = await decodeCaseHistories([historyFromFile(text)], FIXTURE_PAYLOAD_KEY);
    expect(decoded.events.map((r) => r.event.type)).toEqual(scenario.expectedEventTypes);
    expect(decoded.projectedThroughSeq).toBe(scenario.expectedEventTypes.length);
    const timeline = renderTimeline(decoded.events);
    expect(timeline[0]).toMatchObject({ seq: 1, type: 'PetitionRegistered', actor: { role: 'registrar' } });
    const ctx = { policy: decoded.input.policy, calendar: decoded.input.calendar };
    const last = stateAsOf(decoded.events, { seq: decoded.events.length }, ctx);
    expect(last.state.status).toBe('closed');
    expect(last.pendingDeadlines).toEqual([]);
    const reviewSeq = decoded.events.find((r) => r.event.type === 'ReviewRequested')!.seq;
    const duringReview = stateAsOf(decoded.events, { seq: reviewSeq }, ctx);
    expect(duringReview.state.step).toBe('review');
    expect(duringReview.pendingDeadlines.map((d) => d.key)).toContain('decideReview');
    expect(decoded.input.policy.id).not.toBe(nationalDefaultPolicy.id);
    const row = expectedCaseRow(decoded.caseId, decoded.events, decoded.projectedSummary);
    expect(row).toMatchObject({ caseId: scenario.workflowId, status: 'closed', lastSeq: decoded.events.length, reviewRequested: true });
  });
});
