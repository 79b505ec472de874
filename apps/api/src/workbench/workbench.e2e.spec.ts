import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { CASE_REJECTION_MESSAGES, nationalDefaultPolicy } from '@petitions/domain';
import { type TestStack, eventually, startStack, useOwnDatabase } from '../../../../tools/test/harness';
import { chromiumPath } from '../../../../tools/test/chromium';
import { workbenchDir } from './workbench-static.controller';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ROOT = join(__dirname, '../../../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const REGION = '469001';
const UNITS = [
  { id: 'wb-city-gov', nameZh: '测试市人民政府', kind: 'government', regionCode: '469001' },
  { id: 'wb-bureau', nameZh: '测试市信访局', kind: 'petition_bureau', parentId: 'wb-city-gov', regionCode: '469001' },
  { id: 'wb-housing', nameZh: '测试市住房和城乡建设局', kind: 'department', parentId: 'wb-city-gov', regionCode: '469001' },
  { id: 'wb-other', nameZh: '测试市交通运输局', kind: 'department', parentId: 'wb-city-gov', regionCode: '469001' },
];
const admin = { 'x-actor-id': 'adm-wb', 'x-actor-role': 'admin' };
const supervisor = { 'x-actor-id': 'sup-wb', 'x-actor-role': 'supervisor', 'x-actor-unit': 'joint-office' };
const handler = { 'x-actor-id': 'h-wb', 'x-actor-role': 'handler', 'x-actor-unit': 'wb-housing' };
/**
 * Seconds instead of days: the written notice is due 3 s after receipt (so the unit breaches it and gets a reminder
 * letter to answer), and the petitioner's windows last 8 s (a replied case closes by itself moments later).
 */
const FAST = { ...nationalDefaultPolicy, id: 'wb-fast-windows', name: '工作台测试：秒级时限 / workbench test: limits in seconds', version: 1,
  scope: { regionPrefixes: [REGION] }, effectiveFrom: '2026-01-01T00:00:00+08:00', warnings: [],
  evaluationWindow: { amount: 8, unit: 'seconds' },
  limits: { ...nationalDefaultPolicy.limits, notify: { amount: 3, unit: 'seconds' }, requestReview: { amount: 8, unit: 'seconds' } } };
/** The case's own steps, without the supervision's (breach, escalation, letters) that interleave with them by time. */
const STEPS_ONLY = (types: string[]) => types.filter((t) => !['DeadlineBreached', 'EscalationRaised', 'LetterIssued', 'LetterFeedbackRecorded',
  'LetterFeedbackAccepted'].includes(t));

describe('the workbench (工作台) in a real browser: one case from registration to closure, through the workbench only', () => {
  let own: { drop(): Promise<void> };
  let stack: TestStack;
  let url: string;
  let browser: Browser;
  let page: Page;
  let caseId = '';
  const errors: string[] = [];

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Json> => {
    const res = await fetch(`${url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const row = async (): Promise<Json> => (await stack.db.query('SELECT * FROM cases WHERE case_id = $1', [caseId]))[0];
  const events = async (): Promise<string[]> =>
    (await stack.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId])).map((r: Json) => r.type);
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `workbench-${name}.png`) });
  /** An Element Plus select: open it, click the option with this text. */
  const pick = async (selector: string, option: string) => {
    await page.locator('.el-select', { has: page.locator(selector) }).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  };
  const signInAs = async (roleLabel: string, id: string, unit = '') => {
    await page.goto(`${url}/workbench/#/sign-in`);
    if (await page.locator('#sign-out').isVisible()) await page.click('#sign-out');
    await page.locator('#demo-form').waitFor();
    await pick('#demo-role', roleLabel);
    await page.fill('#demo-id', id);
    await page.fill('#demo-unit', unit);
    await page.click('#demo-submit');
    await page.locator('#who').waitFor();
    // The role's first page is loaded on demand: wait until the router has left the sign-in page.
    await page.waitForFunction("!location.hash.startsWith('#/sign-in')");
  };
  const openCase = async () => {
    await page.goto(`${url}/workbench/#/case/${caseId}`);
    await page.locator('#case-actions').waitFor();
  };
  /** Opens an action's form, lets `fill` type in it, submits, and waits for the case page to show the step done. */
  const act = async (type: string, fill: () => Promise<void> = async () => undefined) => {
    await page.click(`[data-action="${type}"]`);
    const form = page.locator(`#form-${type}`);
    await form.waitFor();
    await fill();
    await form.locator('.form-submit').click();
    await form.waitFor({ state: 'detached' }).catch(async (e) => {
      // Say what the form showed (a check that failed, the API's refusal) rather than only that it stayed open.
      throw new Error(`${type} form stayed open: ${await page.locator('.el-dialog').innerText()} (${String(e).slice(0, 80)})`);
    });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The test command builds the workbench first (tools/test.sh); a single run of this file builds it when missing.
    if (!existsSync(join(workbenchDir(), 'index.html'))) execFileSync('npx', ['vite', 'build', '-c', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT });
    // Its own database: the test imports a unit directory and publishes a policy, which govern every case of a database.
    own = await useOwnDatabase('workbench');
    stack = await startStack('workbench');
    url = stack.url;
    await call('POST', '/units', admin, { reason: '工作台测试 / workbench test', effectiveFrom: '2020-01-01', units: UNITS });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await own?.drop();
  });

  it('lets a supervisor publish a policy from the policies page', async () => {
    await page.goto(`${url}/workbench/`);
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#sign-in h2').innerText()).toBe('登录信访工作台');
    await shot('sign-in');
    await signInAs('督查员', 'sup-wb', 'joint-office');
    expect(await page.locator('.el-menu').innerText()).toContain('督查总览');
    expect(await page.locator('.el-menu').innerText()).not.toContain('信访登记');
    await page.click('#nav-policies');
    await page.locator('#policy-json').waitFor();
    await page.fill('#policy-json', JSON.stringify(FAST, null, 2));
    await page.fill('#policy-note', '工作台测试');
    await page.click('#policy-submit');
    await page.locator('[data-policy="wb-fast-windows"]').waitFor();
    const published = (await call('GET', '/policies', supervisor)).published.map((p: Json) => [p.id, p.version]);
    expect(published).toContainEqual(['wb-fast-windows', 1]);
  }, 60_000);

  it('registers a petition as a registrar: every field from the API’s form, the receipt, a live same-matter suggestion', async () => {
    await signInAs('登记员', 'reg-wb', 'wb-bureau');
    expect(page.url()).toContain('#/cases/todo');
    await page.click('#nav-register');
    await page.locator('#registration-form').waitFor();
    // The form is the API's: one input per field of POST /petitions, groups for the respondent and the petitioner.
    const described = (await call('GET', '/workbench/forms', {})).registration.fields.map((f: Json) => f.path);
    for (const path of described) expect(await page.locator(`#f-${path.replace(/\./g, '-')}`).count()).toBe(1);
    // Sent empty, it says what is missing, in Chinese, before anything reaches the API.
    await page.locator('#registration-form .form-submit').click();
    await page.locator('.el-form-item__error', { hasText: '请填写信访人数' }).waitFor();
    await pick('#f-category', '城乡建设');
    await page.fill('#f-regionCode', REGION);
    await page.click('#f-level [data-value="city"]');
    await page.fill('#f-persons', '2');
    await page.fill('#f-respondent-description', '某区住建委');
    await page.fill('#f-summary', '加装电梯停工，请求督促复工');
    await page.fill('#f-petitioner-name', '李工作');
    await page.fill('#f-petitioner-idNumber', '469001198805061234');
    await page.fill('#f-petitioner-phone', '13912345678');
    await page.fill('#f-petitioner-address', '测试市某路 8 号');
    await shot('register');
    await page.locator('#registration-form .form-submit').click();
    await page.locator('#receipt-case-id').waitFor();
    caseId = (await page.locator('#receipt-case-id').innerText()).trim();
    expect(caseId).toMatch(/^petition-[a-z0-9]{20}$/);
    expect(await page.locator('#receipt-result').innerText()).toBe('registered');
    await shot('receipt');
    await eventually(async () => (await row())?.step === 'routing', 15_000);
    expect(await row()).toMatchObject({ status: 'open', region_code: REGION, category: 'urban_construction', level: 'city', persons: 2 });

    // Typing the same petitioner and respondent again: the case just filed is suggested as the same matter.
    await page.click('#register-another');
    await pick('#f-category', '城乡建设');
    await page.fill('#f-respondent-description', '某区住建委');
    await page.fill('#f-petitioner-name', '李工作');
    await page.fill('#f-petitioner-idNumber', '469001198805061234');
    await page.locator(`#suggestions .suggestion[data-case-id="${caseId}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('#suggestions').innerText()).toContain('同一信访人');
    await shot('suggestion');
  }, 90_000);

  it('routes it as the registrar to a unit picked from the directory', async () => {
    await page.click('#nav-cases-todo');
    await page.locator(`#case-table [data-case-id="${caseId}"]`).waitFor();
    await page.click(`#case-table [data-case-id="${caseId}"]`);
    await page.locator('[data-action="RoutePetition"]').waitFor();
    await act('RoutePetition', async () => pick('#f-leadUnitId', '测试市住房和城乡建设局'));
    await eventually(async () => (await row())?.step === 'receipt', 15_000);
    expect((await row()).lead_unit_id).toBe('wb-housing');
  }, 60_000);

  it('hides the case from a handler of another unit, in the list and at its address', async () => {
    await signInAs('承办人', 'h-other', 'wb-other');
    await page.locator('#case-table').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator(`[data-case-id="${caseId}"]`).count()).toBe(0);
    await page.goto(`${url}/workbench/#/case/${caseId}`);
    const refusal = page.locator('.api-error-message[data-code="CASE_NOT_FOUND"]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('案件不存在');
    expect(await page.locator('body').innerText()).not.toContain('李工作');
  }, 60_000);

  it('works it as the unit’s handler: to-do with what it waits for, receipt, the reminder letter answered, notice, a refused and an accepted decision, an extension request', async () => {
    await signInAs('承办人', 'h-wb', 'wb-housing');
    const line = page.locator('#case-table tr', { has: page.locator(`[data-case-id="${caseId}"]`) });
    await line.waitFor();
    // The national policy sets no receipt limit (the Regulation has none): the case waits for 签收 with no time running.
    expect(await line.locator('[data-step]').innerText()).toBe('签收');
    await line.locator('a').click();
    await page.locator('[data-action="ReceiveCase"]').waitFor();
    // The handler of the lead unit sees the petitioner as the API shows it to the role.
    const shown = (await call('GET', `/petitions/${caseId}/petitioner`, handler)).petitioner;
    expect(await page.locator('#petitioner').innerText()).toContain(shown.name);
    await shot('case-handler');
    await act('ReceiveCase');
    await eventually(async () => (await row())?.step === 'acceptance', 15_000);
    // The written notice was due 3 s after receipt: breached, and the reminder letter (督办函) issued to the unit.
    const letterId = await eventually(async () => (await stack.db.query('SELECT letter_id FROM letters WHERE case_id = $1', [caseId]))[0]?.letter_id, 30_000, 250);
    // Back in the to-do list: it waits for the written notice, now overdue.
    await page.click('#nav-cases-todo');
    await line.waitFor();
    expect(await line.locator('[data-step]').innerText()).toBe('受理');
    expect(await line.locator('.waits-for').innerText()).toBe('书面告知');
    expect(await line.locator('.time-left.overdue').innerText()).toMatch(/^已超期 \d+秒$/);
    await shot('todo');
    await line.locator('a').click();
    await page.locator('[data-action="NotifyPetitioner"]').waitFor();
    // The unit answers the letter in writing from the case page (the office reviews it later).
    await page.locator(`#letters-table [data-letter-action="feedback"]`).click();
    await page.locator('#letter-form-feedback').waitFor();
    await page.fill('#letter-form-feedback #f-summary', '已于当日补发书面告知');
    await page.fill('#letter-form-feedback #f-documentNo', '住建反馈〔2026〕1号');
    await page.locator('#letter-form-feedback .form-submit').click();
    await page.locator('#letter-form-feedback').waitFor({ state: 'detached' });
    await eventually(async () => (await stack.db.query('SELECT feedback_state FROM letters WHERE letter_id = $1', [letterId]))[0]?.feedback_state === 'submitted', 15_000);
    await act('NotifyPetitioner', async () => page.fill('#f-noticeRef', '告知〔2026〕1号'));
    await eventually(async () => (await row())?.notified_at !== null, 15_000);

    // 不再受理 without a prior re-review decision: the API refuses, the form shows its message and stays open.
    await page.click('[data-action="DecideAcceptance"]');
    await page.click('#f-outcome [data-value="not_accepted_again"]');
    await page.locator('#form-DecideAcceptance .form-submit').click();
    const refusal = page.locator('.el-dialog .api-error-message');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('CASE_NOT_ACCEPTED_AGAIN_INVALID');
    expect(await refusal.innerText()).toBe(CASE_REJECTION_MESSAGES.CASE_NOT_ACCEPTED_AGAIN_INVALID.zh);
    await shot('refusal');
    await page.click('#f-outcome [data-value="accepted"]');
    await page.locator('#form-DecideAcceptance .form-submit').click();
    await page.locator('#form-DecideAcceptance').waitFor({ state: 'detached' });
    await eventually(async () => (await row())?.step === 'handling', 15_000);
    expect(await events()).not.toContain('CaseNotAcceptedAgain');

    await act('RequestExtension', async () => {
      await page.fill('#f-extension-amount', '30');
      await page.fill('#f-reason', '需现场勘查');
    });
    await eventually(async () => (await events()).includes('ExtensionRequested'), 15_000);
    // Once asked, it is no longer offered (one extension per case): the page reloads the actions the case allows now.
    await page.locator('[data-action="RequestExtension"]').waitFor({ state: 'detached' });
  }, 120_000);

  it('approves the extension as the unit head; the supervisor assigns a leader and accepts the unit’s answer to the letter', async () => {
    await signInAs('单位负责人', 'head-wb', 'wb-housing');
    await openCase();
    await act('DecideExtension', async () => {
      await page.locator('#form-DecideExtension .el-switch').click();
      await page.fill('#f-reason', '涉及多部门会商');
    });
    await eventually(async () => (await events()).includes('ExtensionApproved'), 15_000);

    await signInAs('督查员', 'sup-wb', 'joint-office');
    await openCase();
    await act('AssignLeader', async () => page.fill('#f-leaderId', 'leader-wb'));
    await eventually(async () => (await row())?.leader_id === 'leader-wb', 15_000);
    // The supervision office accepts the unit's written answer to the reminder letter.
    await page.locator('#letters-table [data-letter-action="accept"]').click();
    await page.locator('#letter-form-accept').waitFor();
    await page.locator('#letter-form-accept .form-submit').click();
    await page.locator('#letter-form-accept').waitFor({ state: 'detached' });
    await eventually(async () => (await stack.db.query('SELECT feedback_state FROM letters WHERE case_id = $1', [caseId]))[0]?.feedback_state === 'accepted', 15_000);
  }, 90_000);

  it('replies as the handler; the case closes when the petitioner’s windows lapse and shows as done', async () => {
    await signInAs('承办人', 'h-wb', 'wb-housing');
    await openCase();
    await act('ReplyToPetitioner', async () => page.fill('#f-outcomeRef', '答复〔2026〕1号'));
    await eventually(async () => (await row())?.replied_at !== null, 15_000);
    await eventually(async () => (await row())?.status === 'closed', 60_000, 500);
    expect((await row()).closure_reason).toBe('windows_lapsed');
    expect(await events()).toEqual(expect.arrayContaining(['DeadlineBreached', 'EscalationRaised', 'LetterIssued', 'LetterFeedbackRecorded', 'LetterFeedbackAccepted']));
    expect(STEPS_ONLY(await events())).toEqual(['PetitionRegistered', 'PetitionRouted', 'CaseReceived', 'PetitionerNotified', 'CaseAccepted',
      'ExtensionRequested', 'ExtensionApproved', 'LeaderAssigned', 'PetitionerReplied', 'EvaluationLapsed', 'RequestWindowLapsed', 'CaseClosed']);
    await page.goto(`${url}/workbench/#/cases/done`);
    await page.locator(`#case-table [data-case-id="${caseId}"]`).waitFor();
    await openCase();
    expect(await page.locator('#fact-status').innerText()).toBe('已办结');
    expect(await page.locator('#no-actions').isVisible()).toBe(true);
    await page.click('#lang-toggle');
    await page.locator('#timeline-table').waitFor();
    expect(await page.locator('#case-timeline h2').innerText()).toBe('Timeline');
    await shot('case-closed-en');
    await page.click('#lang-toggle');
  }, 120_000);

  it('shows the supervisor the overview with the API’s figures, the unit directory as a tree', async () => {
    await signInAs('督查员', 'sup-wb', 'joint-office');
    await page.locator('#kpis .wb-kpi').first().waitFor();
    const period = await page.inputValue('#period');
    const summary = await call('GET', `/supervision/reports/summary?period=${period}`, supervisor);
    expect(await page.locator('#kpi-registered .value').innerText()).toBe(String(summary.figures.volume.cases));
    expect(await page.locator('#kpi-onTimeReply .value').innerText()).toBe(summary.figures.onTimeReplyRate.percent);
    await page.locator('#league-table [data-unit="wb-housing"]').waitFor();
    await page.locator('#trend-chart canvas').waitFor();
    await shot('overview');
    await page.click('#nav-units');
    await page.locator('#units-tree [data-unit="wb-housing"]').waitFor();
    expect(await page.locator('#units-tree').innerText()).toContain('测试市人民政府');
    await shot('units');
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows an auditor the replay verdict, the read-model check and the timeline, read only', async () => {
    await signInAs('审计员', 'aud-wb');
    await page.locator('#audit-case').waitFor();
    await page.fill('#audit-case', caseId);
    await page.click('#audit-go');
    await page.locator('#audit-replay [data-verdict]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#audit-replay [data-verdict]').innerText()).toBe('deterministic');
    await page.locator('#audit-verify [data-ok]').waitFor();
    expect(await page.locator('#audit-verify [data-ok]').getAttribute('data-ok')).toBe('true');
    expect(await page.locator('#audit-timeline [data-event]').count()).toBe((await events()).length);
    await shot('audit');
  }, 90_000);
  it('marks a deadline computed without a published holiday arrangement as provisional (暂定) in the to-do list', async () => {
    // Registered in another region than the test policy's, so the national limits apply: 60 days of handling from
    // today end in a year this database has no published arrangement for (only the built-in 2025 and 2026).
    const registrar = { 'x-actor-id': 'reg-wb', 'x-actor-role': 'registrar', 'x-actor-unit': 'wb-bureau' };
    const filed = await call('POST', '/petitions', registrar, {
      channel: 'letter', kind: 'claim', category: 'urban_construction', regionCode: '469002', level: 'city', persons: 1,
      respondent: { type: 'unit', description: '测试市某局' }, summary: '暂定时限测试诉求',
      petitioner: { name: '测试人暂', idNumber: '469002198001011234', phone: '13900004444' },
    });
    const id: string = filed.caseId;
    await call('POST', `/petitions/${id}/commands`, registrar, { type: 'RoutePetition', mode: 'forward', leadUnitId: 'wb-housing' });
    await eventually(async () => (await stack.db.query('SELECT step FROM cases WHERE case_id = $1', [id]))[0]?.step === 'receipt', 20_000);
    await call('POST', `/petitions/${id}/commands`, handler, { type: 'ReceiveCase' });
    await call('POST', `/petitions/${id}/commands`, handler, { type: 'NotifyPetitioner', noticeRef: '告知〔2026〕暂1号' });
    await call('POST', `/petitions/${id}/commands`, handler, { type: 'DecideAcceptance', outcome: 'accepted' });
    const handling = await eventually(async () => {
      const r = (await stack.db.query('SELECT step, handling_due_at, provisional_years FROM cases WHERE case_id = $1', [id]))[0];
      return r?.step === 'handling' && r.handling_due_at ? r : null;
    }, 20_000);
    const dueYear = Number(new Date(handling.handling_due_at).toLocaleString('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
    expect(dueYear).toBeGreaterThan(2026);
    expect(handling.provisional_years).toContain(dueYear);

    await signInAs('承办人', 'h-wb', 'wb-housing');
    const line = page.locator('#case-table tr', { has: page.locator(`[data-case-id="${id}"]`) });
    await line.waitFor();
    expect(await line.innerText()).toContain('（暂定）');
    await line.locator('a').click();
    await page.locator('#case-actions').waitFor();
    expect(await page.locator('body').innerText()).toContain('（暂定）');
    expect(errors).toEqual([]);
  }, 90_000);
});
