import { createHmac } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { loadBusinessCalendar } from '@petitions/config';
import { PETITION_WORKFLOW_TYPE, filePetitionUpdate } from '@petitions/contracts';
import { nationalDefaultPolicy } from '@petitions/domain';
import { type TestStack, eventually, startStack } from '../../../../tools/test/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const H = (id: string, role: string, unit?: string) => ({ 'x-actor-id': id, 'x-actor-role': role, ...(unit ? { 'x-actor-unit': unit } : {}), 'content-type': 'application/json' });
const registrar = H('reg-cm', 'registrar', 'city-bureau');
const supervisor = H('sup-cm', 'supervisor');
const UNIT = 'cm-housing';
const handlerOf = (unit: string) => H(`h-${unit}`, 'handler', unit);
/** A region of this file only (its short-window policy applies nowhere else). */
const SHORT_REGION = '540131';

const petition = (o: { idNumber: string; summary: string; respondent?: string; regionCode?: string }) => ({
  channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: o.regionCode ?? '540132', level: 'city', persons: 1,
  respondent: { type: 'unit', description: o.respondent ?? '示范区住房和城乡建设局' }, summary: o.summary,
  petitioner: { name: '王建国', idNumber: o.idNumber, phone: '13900001111', address: '示范市某路 8 号' },
});

describe('closure and same matter: re-filing, 不再受理, closed-case answers, registrar-decided repeats', () => {
  let stack: TestStack;
  let url: string;
  const post = async (path: string, headers: Record<string, string>, body: unknown) => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() as Json };
  };
  const act = (caseId: string, headers: Record<string, string>, command: unknown) => post(`/petitions/${caseId}/commands`, headers, command);
  const show = async (caseId: string, until: (b: Json) => boolean) => eventually(async () => {
    const r = await fetch(`${url}/petitions/${caseId}`, { headers: registrar });
    const b = r.status === 200 ? await r.json() as Json : null;
    return b && until(b) ? b : null;
  }, 20_000);
  const ok = async (p: Promise<{ status: number; body: Json }>) => {
    const r = await p;
    expect([r.status, r.body.error?.code]).toEqual([r.status < 300 ? r.status : 200, undefined]);
    return r.body;
  };

  beforeAll(async () => {
    stack = await startStack('closure-matter');
    url = stack.url;
  }, 120_000);
  afterAll(async () => { await stack?.stop(); });

  it('files a different grievance against the same respondent as a separate case, and repeatOf joins the chosen case', async () => {
    const first = await ok(post('/petitions', registrar, petition({ idNumber: '540132198001011111', summary: '小区加装电梯停工半年，请求督促复工。' })));
    const other = await ok(post('/petitions', registrar, petition({ idNumber: '540132198001011111', summary: '物业维修基金使用不公开，要求公示账目。' })));
    expect(other.result).toBe('registered');
    expect(other.caseId).not.toBe(first.caseId);
    await show(other.caseId, (b) => b.case.lastSeq >= 1);
    await show(first.caseId, (b) => b.case.lastSeq >= 1);

    // The suggestion names the earlier cases with reasons; content separates the two grievances.
    const s = await ok(post('/petitions/suggest-related', registrar,
      petition({ idNumber: '540132198001011111', summary: '小区加装电梯停工半年了，请求督促复工' })));
    const byId = Object.fromEntries(s.suggestions.map((x: Json) => [x.caseId, x]));
    expect(byId[first.caseId]).toMatchObject({ status: 'open', fileAs: 'repeat', reasons: ['same_petitioner', 'same_respondent_and_category', 'similar_content'] });
    expect(byId[other.caseId].reasons).toEqual(['same_petitioner', 'same_respondent_and_category']);
    expect(byId[first.caseId].score).toBeGreaterThan(byId[other.caseId].score);
    expect(s.suggestions[0].caseId).toBe(first.caseId);
    expect(JSON.stringify(s)).not.toMatch(/王建国|540132198001011111|电梯/);

    const repeat = await ok(post('/petitions', registrar, { ...petition({ idNumber: '540132198001011111', summary: '再次反映电梯停工。' }), channel: 'visit', repeatOf: first.caseId }));
    expect(repeat).toMatchObject({ caseId: first.caseId, result: 'repeat' });
    const row = await show(first.caseId, (b) => b.case.repeatCount === 1);
    expect(row.events.map((e: Json) => e.type)).toEqual(['PetitionRegistered', 'RepeatPetitionRecorded']);
  });

  it('answers a command on a closed case with 409 CASE_CLOSED and files a later petition on it as a new, linked case', async () => {
    const a = await ok(post('/petitions', registrar, petition({ idNumber: '540132198002022222', summary: '拆迁补偿款未足额发放。' })));
    await ok(act(a.caseId, registrar, { type: 'WithdrawPetition', reason: '信访人撤回' }));
    await show(a.caseId, (b) => b.case.status === 'closed');
    await eventually(async () => (await stack.client.workflow.getHandle(a.caseId).describe()).status.name === 'COMPLETED', 20_000);

    const refused = await post(`/petitions/${a.caseId}/commands`, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CASE_CLOSED', details: { caseId: a.caseId, closureReason: 'withdrawn' } });
    expect(refused.body.error.message).toMatch(/已办结/);
    expect(refused.body.error.messageEn).toMatch(/closed/);
    const unknown = await post('/petitions/petition-00000000000000000000/commands', registrar, { type: 'WithdrawPetition', reason: 'x' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);

    const again = await ok(post('/petitions', registrar, { ...petition({ idNumber: '540132198002022222', summary: '拆迁补偿款仍未发放。' }), repeatOf: a.caseId }));
    expect(again.result).toBe('registered');
    expect(again.caseId).not.toBe(a.caseId);
    const b = await show(again.caseId, (x) => x.case.lastSeq >= 1);
    expect(b.related.linksTo).toEqual([expect.objectContaining({ caseId: a.caseId, via: 'registration', closureReason: 'withdrawn' })]);
    const [reg] = await stack.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'PetitionRegistered'`, [again.caseId]);
    expect(reg.payload.relatedCase).toMatchObject({ caseId: a.caseId, closureReason: 'withdrawn' });
    const earlier = await show(a.caseId, (x) => x.related.linkedFrom.length > 0);
    expect(earlier.related.linkedFrom).toEqual([expect.objectContaining({ caseId: again.caseId, via: 'registration' })]);
    // Same petitioner, same matter: the read model counts the new case as a repeat of the earlier one.
    const [pair] = await stack.db.query('SELECT prior_case_id, is_repeat FROM cases WHERE case_id = $1', [again.caseId]);
    expect(pair).toEqual({ prior_case_id: a.caseId, is_repeat: true });
  });

  it('links and unlinks a repeat with a reason, both recorded and shown on the case', async () => {
    const x = await ok(post('/petitions', registrar, petition({ idNumber: '540132198003033333', summary: '道路施工噪音扰民。' })));
    const y = await ok(post('/petitions', registrar, petition({ idNumber: '540132198003033333', summary: '夜间施工噪音扰民，请求处理。', respondent: '示范区城市管理局' })));
    await show(x.caseId, (b) => b.case.lastSeq >= 1);
    await show(y.caseId, (b) => b.case.lastSeq >= 1);
    const noReason = await act(y.caseId, registrar, { type: 'LinkRelatedCase', relatedCaseId: x.caseId });
    expect(noReason.status).toBe(400);
    const byHandler = await act(y.caseId, handlerOf(UNIT), { type: 'LinkRelatedCase', relatedCaseId: x.caseId, reason: '同一事项' });
    expect(byHandler.status).toBeGreaterThanOrEqual(403);
    await ok(act(y.caseId, registrar, { type: 'LinkRelatedCase', relatedCaseId: x.caseId, reason: '同一施工噪音问题' }));
    const linked = await show(y.caseId, (b) => b.related.linksTo.length === 1);
    expect(linked.related.linksTo[0]).toMatchObject({ caseId: x.caseId, via: 'registrar', reason: '同一施工噪音问题' });
    expect((await show(x.caseId, (b) => b.related.linkedFrom.length === 1)).related.linkedFrom[0].caseId).toBe(y.caseId);
    expect((await stack.db.query('SELECT is_repeat FROM cases WHERE case_id = $1', [y.caseId]))[0].is_repeat).toBe(true);

    await ok(act(y.caseId, registrar, { type: 'UnlinkRelatedCase', relatedCaseId: x.caseId, reason: '经核实诉求不同' }));
    const unlinked = await show(y.caseId, (b) => b.related.linksTo.length === 0 && b.case.lastSeq >= 3);
    expect(unlinked.events.slice(-2).map((e: Json) => [e.type, e.reason])).toEqual([
      ['RelatedCaseLinked', '同一施工噪音问题'], ['RelatedCaseUnlinked', '经核实诉求不同']]);
    expect((await stack.db.query('SELECT is_repeat FROM cases WHERE case_id = $1', [y.caseId]))[0].is_repeat).toBe(false);
  });

  it('after a re-review decision, records 不再受理 on the new petition citing the earlier case', async () => {
    const a = await ok(post('/petitions', registrar, petition({ idNumber: '540132198004044444', summary: '征地补偿标准过低。' })));
    const steps: [Record<string, string>, unknown][] = [
      [registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT }],
      [handlerOf(UNIT), { type: 'ReceiveCase' }],
      [handlerOf(UNIT), { type: 'DecideAcceptance', outcome: 'accepted' }],
      [handlerOf(UNIT), { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: '答复〔2026〕1号' }],
      [registrar, { type: 'RequestReview', reviewUnitId: 'cm-review' }],
      [handlerOf('cm-review'), { type: 'DecideReview', decision: 'upheld', outcomeRef: '复查〔2026〕1号' }],
      [registrar, { type: 'RequestReReview', reReviewUnitId: 'cm-re-review' }],
      [handlerOf('cm-re-review'), { type: 'DecideReReview', decision: 'upheld', outcomeRef: '复核〔2026〕1号' }],
    ];
    for (const [who, command] of steps) await ok(act(a.caseId, who, command));
    const closed = await show(a.caseId, (b) => b.case.status === 'closed');
    expect(closed.case.closureReason).toBe('final_decision');

    const s = await ok(post('/petitions/suggest-related', registrar, petition({ idNumber: '540132198004044444', summary: '征地补偿标准过低。' })));
    expect(s.suggestions.find((x: Json) => x.caseId === a.caseId)).toMatchObject({ status: 'closed', fileAs: 'new_case_after_final_decision' });

    const again = await ok(post('/petitions', registrar, { ...petition({ idNumber: '540132198004044444', summary: '征地补偿标准过低，再次反映。' }), repeatOf: a.caseId }));
    expect(again.caseId).not.toBe(a.caseId);
    for (const [who, command] of [
      [registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT }],
      [handlerOf(UNIT), { type: 'ReceiveCase' }],
    ] as [Record<string, string>, unknown][]) await ok(act(again.caseId, who, command));
    const decided = await ok(act(again.caseId, handlerOf(UNIT), { type: 'DecideAcceptance', outcome: 'not_accepted_again', reason: '同一事实和理由，复核后不再受理' }));
    expect(decided.events.map((e: Json) => e.type)).toEqual(['CaseNotAcceptedAgain', 'CaseClosed']);
    const b = await show(again.caseId, (x) => x.case.status === 'closed');
    expect(b.case.acceptanceOutcome).toBe('not_accepted_again');
    const [e] = await stack.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'CaseNotAcceptedAgain'`, [again.caseId]);
    expect(e.payload.priorCaseId).toBe(a.caseId);
    expect(Date.parse(e.payload.priorDecidedAt)).toBe(Date.parse(closed.case.closedAt));
  });

  it('answers a review requested after its window with 409 CASE_WINDOW_CLOSED and the window end', async () => {
    const short = { ...nationalDefaultPolicy, id: 'cm-short-windows', name: '短时窗口测试政策 / short windows test policy', version: 1,
      scope: { regionPrefixes: [SHORT_REGION] }, effectiveFrom: '2026-01-01T00:00:00+08:00', warnings: [],
      limits: { ...nationalDefaultPolicy.limits, requestReview: { amount: 2, unit: 'seconds' } }, evaluationWindow: { amount: 2, unit: 'seconds' } };
    expect((await post('/policies', supervisor, { document: short })).status).toBe(201);
    const a = await ok(post('/petitions', registrar, petition({ idNumber: '540131198005055555', summary: '供暖不达标。', regionCode: SHORT_REGION })));
    for (const [who, command] of [
      [registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT }],
      [handlerOf(UNIT), { type: 'ReceiveCase' }],
      [handlerOf(UNIT), { type: 'DecideAcceptance', outcome: 'accepted' }],
      [handlerOf(UNIT), { type: 'ReplyToPetitioner', closureType: 'substantive', outcomeRef: '答复〔2026〕2号' }],
    ] as [Record<string, string>, unknown][]) await ok(act(a.caseId, who, command));
    const closed = await show(a.caseId, (b) => b.case.status === 'closed');
    expect(closed.case.closureReason).toBe('windows_lapsed');
    await eventually(async () => (await stack.client.workflow.getHandle(a.caseId).describe()).status.name === 'COMPLETED', 20_000);
    const [replied] = await stack.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'PetitionerReplied'`, [a.caseId]);

    const late = await act(a.caseId, registrar, { type: 'RequestReview', reviewUnitId: 'cm-review' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'CASE_WINDOW_CLOSED', details: { caseId: a.caseId, closureReason: 'windows_lapsed', windowEndedAt: replied.payload.requestReviewDueAt } });
    expect(late.body.error.message).toContain(replied.payload.requestReviewDueAt);
  });

  it('still serves and acts on a case whose id is the old HMAC of petitioner and matter', async () => {
    // Cases filed before this change have ids petition-<HMAC(petitionerRef|matterRef)>, started as the API used to.
    const oldId = `petition-${createHmac('sha256', 'old-scheme').update(`p-old|m-old-${process.pid}`).digest('hex').slice(0, 20)}`;
    await stack.client.workflow.executeUpdateWithStart(filePetitionUpdate, {
      args: [{
        actor: { id: 'reg-cm', role: 'registrar', unitId: 'city-bureau' },
        registration: { channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '540132', level: 'city', persons: 1,
          respondent: { type: 'unit', description: '示范区住房和城乡建设局' }, matterRef: `m-old-${process.pid}`, petitionerRef: 'p-old', nameAndAddressKnown: true },
        petitioner: { name: '旧案件', summary: '旧编号案件' },
      }],
      startWorkflowOperation: new WithStartWorkflowOperation(PETITION_WORKFLOW_TYPE, {
        workflowId: oldId, taskQueue: process.env.TEMPORAL_TASK_QUEUE!, workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ caseId: oldId, policy: nationalDefaultPolicy, calendar: loadBusinessCalendar(undefined) }],
      }),
    });
    const got = await show(oldId, (b) => b.case.lastSeq >= 1);
    expect(got.case).toMatchObject({ caseId: oldId, status: 'open' });
    await ok(act(oldId, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: UNIT }));
    await show(oldId, (b) => b.case.step === 'receipt');
    const repeat = await ok(post('/petitions', registrar, { ...petition({ idNumber: '540132198006066666', summary: '旧案再次反映。' }), repeatOf: oldId }));
    expect(repeat).toMatchObject({ caseId: oldId, result: 'repeat' });
  });
});
