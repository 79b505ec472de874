import { z } from 'zod';
import { caseIdParam, commandSchema, registrationSchema, suggestionSchema } from '../petitions/petition.schemas';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_TTL_HOURS, REPLAYED_HEADER } from '../petitions/idempotency.store';
import {
  annualQuery, dueListQuery, dueSoonQuery, ledgerListQuery, ledgerUnitsQuery, reportQuery, repeatsQuery, unitsQuery, workloadQuery,
} from '../supervision/supervision.schemas';
import { auditAsOfQuery, auditPageQuery, replayProjectionsBody } from '../audit/audit.controller';
import { clusterWarningsQuery } from '../clusters/cluster-warnings.controller';
import { regionsListQuery, regionsReportQuery } from '../supervision/regions.schemas';
import { codecBodySchema, codecQuery } from '../codec/codec.controller';
import { petitionerViewQuery } from '../auth/petitioner.controller';
import { personalDataReadsQuery } from '../personal-data/personal-data-reads.controller';
import { dashboardUnitsQuery, trendQuery } from '../dashboard/dashboard.controller';
import { lettersListQuery } from '../letters/letters.controller';
import { letterAcceptBody, letterAdoptionBody, letterFeedbackBody, letterRefParam, letterReturnBody } from '../letters/letter-feedback.controller';
import { publishPolicySchema, resolvePolicySchema } from '../policies/policies.controller';
import { publishCalendarYearSchema } from '../calendar/calendar.controller';
import { importUnitsSchema } from '../units/units.controller';
import { importPeopleSchema } from '../people/people.controller';
import { reorganizationSchema } from '../units/reorganizations.controller';
import { caseListQuery } from '../workbench/workbench.controller';

/** What a route's documentation adds to what Nest's metadata says: words, and the zod schemas its handler validates with. */
export interface RouteDoc {
  tag: string;
  zh: string;
  en: string;
  /** Longer text, zh-CN first then English. */
  description?: string;
  params?: Record<string, z.ZodType>;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: { name: string; required: boolean; schema: Record<string, unknown>; description: string }[];
  /** Main answers besides the error shape: status → description and media. */
  responses?: Record<string, { description: string; content?: Record<string, z.ZodType | Record<string, unknown>>; headers?: Record<string, unknown> }>;
}

/** A command's or a registration's answer (no personal data). */
export const outcomeSchema = z.object({
  caseId: z.string().meta({ description: '案件编号 · case id' }),
  result: z.enum(['registered', 'repeat', 'applied']).optional().meta({ description: '新登记 / 重复信访 / 已执行 · new case / repeat / applied' }),
  status: z.string(),
  step: z.string(),
  events: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string() })),
});

const json = (schema?: z.ZodType | Record<string, unknown>) => ({ 'application/json': schema ?? { type: 'object' } });
const ok = (description: string, schema?: z.ZodType | Record<string, unknown>) => ({ '200': { description, content: json(schema) } });
const caseParam = { caseId: caseIdParam };
const auditCaseParam = { caseId: z.string().regex(/^[\w.:-]{1,128}$/) };
const SUPERVISION = '督查 Supervision';

/**
 * Per route (the ACCESS_RULES key): its words and schemas. A route Nest serves without an entry here is still in
 * the document (from its metadata and access rule), with a generic body; openapi.int.spec.ts lists which.
 */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /health': { tag: '运行 Operations', zh: '存活检查', en: 'Liveness', responses: ok('进程存活 · the process is up') },
  'GET /ready': { tag: '运行 Operations', zh: '就绪检查（数据库与 Temporal）', en: 'Readiness (database and Temporal)', responses: ok('可以服务 · ready to serve') },

  'POST /petitions': {
    tag: '信访案件 Petitions', zh: '登记信访事项', en: 'File (register) a petition',
    description: '同一信访人就同一事项再次信访时并入原案件（result=repeat）。可带 Idempotency-Key：同一登记员以同一键、同一内容重复提交，'
      + `返回首次结果（响应头 ${REPLAYED_HEADER}: true），不会重复登记；键保留 ${IDEMPOTENCY_TTL_HOURS} 小时。\n\n`
      + 'A repeat petition of the same petitioner on the same matter joins the running case (result=repeat). With an Idempotency-Key, '
      + `the same registrar sending the same key and body again gets the first answer (header ${REPLAYED_HEADER}: true) and nothing is `
      + `filed twice; a different body with the key is refused (422 IDEMPOTENCY_KEY_REUSED), a request while the first still runs waits `
      + `or gets 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. Keys expire after ${IDEMPOTENCY_TTL_HOURS} hours.`,
    body: registrationSchema,
    headers: [{
      name: IDEMPOTENCY_HEADER, required: false,
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, minLength: 8, maxLength: 128 },
      description: `幂等键（8–128 位字母、数字或 . _ : -，按登记员区分，保留 ${IDEMPOTENCY_TTL_HOURS} 小时）· idempotency key `
        + `(8–128 letters, digits, . _ : -; per registrar; kept ${IDEMPOTENCY_TTL_HOURS} h). Bad key → 400 IDEMPOTENCY_KEY_INVALID.`,
    }],
    responses: {
      '201': {
        description: '已登记或并入原案件（重放时同样返回 201）· registered or joined (a replay answers 201 too)',
        content: json(outcomeSchema),
        headers: { [REPLAYED_HEADER]: { description: '重放首次结果时为 true · true when the first answer is replayed', schema: { type: 'string', enum: ['true'] } } },
      },
    },
  },
  'POST /petitions/suggest-related': {
    tag: '信访案件 Petitions', zh: '同一事项建议：可能相关的案件（评分与理由）', en: 'Same-matter suggestions: possibly related cases (score and reasons)',
    description: '按同一信访人、同一被反映对象与分类、内容相似度（仅以 HMAC 与加密摘要比较，不存储）给出候选；是否同一事项由登记员决定（登记时 repeatOf）。 / '
      + 'Candidates by same petitioner, same respondent and category, and content similarity (compared through HMACs and a keyed sketch, nothing stored); '
      + 'the registrar decides (repeatOf when filing). fileAs says what repeatOf would do: repeat (open case), new_linked_case, new_case_after_final_decision (不再受理).',
    body: suggestionSchema, responses: ok('候选案件 · candidates'),
  },
  'GET /petitions/:caseId': {
    tag: '信访案件 Petitions', zh: '案件（读模型）、关联案件及事件', en: 'The case from the read model, its related cases (both ways) and its events',
    params: caseParam, responses: ok('案件 · the case'),
  },
  'GET /petitions/:caseId/live': { tag: '信访案件 Petitions', zh: '案件实时状态（工作流）：时间线与待到期期限', en: 'The live case from its workflow: timeline and pending deadlines', params: caseParam, responses: ok('实时视图 · live view') },
  'GET /petitions/:caseId/petitioner': {
    tag: '信访案件 Petitions', zh: '信访人信息（按个人信息查阅规则明文或脱敏，明文查阅留痕）',
    en: "The petitioner (in clear only as the personal-data rule allows, and logged; masked otherwise)", params: caseParam,
    query: petitionerViewQuery,
    description: '明文仅限：登记机构的登记员、主办单位（及复查/复核机关）的承办人员和单位负责人、AUTH_PERSONAL_DATA_ROLES 所列角色；'
      + '每次明文查阅先写入个人信息查阅记录（personal_data_reads），写入失败则返回 503 且不返回个人信息。view=auto（默认）无权则脱敏，'
      + 'view=full 无权则 403 PERSONAL_DATA_FORBIDDEN，view=masked 只给脱敏信息。\n\n'
      + "In clear only for the filing bureau's registrars, the lead unit's (and review body's) handlers and heads, and the roles named in "
      + 'AUTH_PERSONAL_DATA_ROLES; every read in clear is first written to the personal-data read log (503 and no data if it cannot be). '
      + 'view=auto (default) masks for others, view=full refuses them with 403 PERSONAL_DATA_FORBIDDEN, view=masked never gives data in clear.',
    responses: ok('信访人 · the petitioner'),
  },
  'POST /petitions/:caseId/commands': {
    tag: '信访案件 Petitions', zh: '办理操作（转送、受理、答复……）', en: 'A handling step (route, accept, reply, …)',
    description: '领域规则另行检查环节、单位与审批；被拒绝时返回稳定错误码。已办结案件返回 409 CASE_CLOSED；逾期的复查/复核申请返回 409 CASE_WINDOW_CLOSED（details.windowEndedAt）。'
      + 'LinkRelatedCase / UnlinkRelatedCase（登记员，须填理由）登记或解除同一事项关联。暂停计时（PauseClock）须为案件政策所列事由并写明理由，'
      + '须经责任单位负责人批准：负责人本人提交并以 approverId 注明本人（缺少审批人 CASE_PAUSE_APPROVER_REQUIRED，非审批人本人 CASE_PAUSE_NOT_APPROVER，'
      + '事由未配置 CASE_PAUSE_REASON_UNKNOWN）；ResumeClock 恢复计时，期限顺延暂停时长。'
      + ' · The case checks step, unit and approvals; refusals carry a stable code. '
      + 'A closed case answers 409 CASE_CLOSED; a review or re-review requested after its window 409 CASE_WINDOW_CLOSED (details.windowEndedAt). '
      + 'LinkRelatedCase / UnlinkRelatedCase (registrar, reason required) record or undo a same-matter link. PauseClock needs a reason code of the case policy and a '
      + 'written reason, approved by the head of the responsible unit, who issues it naming himself approverId (missing approver '
      + 'CASE_PAUSE_APPROVER_REQUIRED, someone else CASE_PAUSE_NOT_APPROVER, unknown reason CASE_PAUSE_REASON_UNKNOWN); ResumeClock '
      + 'restarts the clock and moves its deadline by the time stopped.',
    params: caseParam, body: commandSchema, responses: ok('已执行 · applied', outcomeSchema),
  },

  'GET /policies': { tag: '督办政策 Policies', zh: '现行督办政策', en: 'Policies in force', responses: ok('政策 · policies') },
  'GET /policies/:policyId/versions': { tag: '督办政策 Policies', zh: '政策的各版本', en: 'Versions of a policy', params: { policyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) }, responses: ok('版本 · versions') },
  'GET /policies/:policyId/versions/:version/rollout': {
    tag: '督办政策 Policies', zh: '政策版本推广到在办案件的进度', en: 'Rollout of a policy version to open cases',
    params: { policyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), version: z.string().regex(/^\d{1,6}$/) }, responses: ok('进度 · progress'),
  },
  'POST /policies/resolve': { tag: '督办政策 Policies', zh: '按案件要素求适用政策', en: 'The policy that applies to given case facts', body: resolvePolicySchema, responses: ok('适用政策 · the applicable policy') },
  'GET /calendar/years': { tag: '节假日安排 Calendar', zh: '在用年度及发布记录', en: 'Years in force and every publication', responses: ok('年度 · years') },
  'GET /calendar/coverage': {
    tag: '节假日安排 Calendar', zh: '已载入年度及各未发布年度的暂定期限案件数', en: 'Loaded years, and open cases with provisional deadlines per missing year',
    responses: ok('覆盖情况 · coverage'),
  },
  'POST /calendar/years': {
    tag: '节假日安排 Calendar', zh: '发布某年度节假日安排', en: 'Publish a year\'s holiday arrangement', body: publishCalendarYearSchema,
    description: '`arrangement` 结构同 libs/domain/src/calendar/data/cn-2026.json，逐项校验并按路径列出全部问题；`documentNo` 为国务院办公厅通知文号；默认推送至在办案件，重新计算暂定期限（见 docs/calendar-years.md）。 / '
      + '`arrangement` has the shape of libs/domain/src/calendar/data/cn-2026.json, validated with every problem listed by path; `documentNo` is the notice number; by default it is brought to open cases and their provisional deadlines are recomputed (docs/calendar-years.md).',
    responses: { '201': { description: '已发布 · published', content: json() } },
  },
  'GET /units': { tag: '组织机构目录 Units', zh: '单位目录（各单位现行版本）', en: 'The unit directory (current version of each unit)', responses: ok('单位 · units') },
  'GET /units/:unitId': {
    tag: '组织机构目录 Units', zh: '单位（按日期取当时名称）', en: 'A unit as of a date (the name it had then)',
    params: { unitId: z.string().min(1).max(80) }, query: z.object({ asOf: z.string().optional() }), responses: ok('单位 · unit'),
  },
  'GET /units/:unitId/history': { tag: '组织机构目录 Units', zh: '单位的各版本（何人、何时、何故）', en: 'Every version of a unit (who, when, why)', params: { unitId: z.string().min(1).max(80) }, responses: ok('版本 · versions') },
  'POST /units': {
    tag: '组织机构目录 Units', zh: '批量导入单位', en: 'Import a batch of units', body: importUnitsSchema,
    description: '整批校验并列出全部问题（422 UNITS_INVALID，不作更改）；有变化的单位追加新版本，`effectiveFrom` 之前的文书仍用原名称（见 docs/unit-directory.md）。 / '
      + 'The whole batch is validated with every problem listed (422 UNITS_INVALID, nothing changed); each changed unit gets a new version, letters dated before `effectiveFrom` keep the earlier name (docs/unit-directory.md).',
    responses: { '201': { description: '已导入 · imported', content: json() } },
  },
  'GET /people': { tag: '组织机构目录 Units', zh: '人员目录（可按单位 ?unitId=）', en: 'The people directory (optionally one unit: ?unitId=)', query: z.object({ unitId: z.string().optional() }), responses: ok('人员 · people') },
  'GET /people/:personId': {
    tag: '组织机构目录 Units', zh: '人员（按日期）及其各版本', en: 'A person as of a date, with every version',
    params: { personId: z.string().min(1).max(80) }, query: z.object({ asOf: z.string().optional() }), responses: ok('人员 · person'),
  },
  'POST /people': {
    tag: '组织机构目录 Units', zh: '批量导入人员', en: 'Import a batch of people', body: importPeopleSchema,
    description: '整批校验（单位须在目录中，角色：registrar, handler, unit_head, leader, supervisor, auditor, admin），列出全部问题（422 PEOPLE_INVALID，不作更改）。 / '
      + 'The whole batch is validated (units must be in the directory; roles registrar, handler, unit_head, leader, supervisor, auditor, admin), every problem listed (422 PEOPLE_INVALID, nothing changed).',
    responses: { '201': { description: '已导入 · imported', content: json() } },
  },
  'GET /reorganizations': { tag: '组织机构目录 Units', zh: '机构改革记录', en: 'Reorganizations (机构改革)', responses: ok('记录 · records') },
  'GET /reorganizations/:reorganizationId': {
    tag: '组织机构目录 Units', zh: '机构改革记录及案件移交进度', en: 'A reorganization and the progress of its case transfer',
    params: { reorganizationId: z.string().min(1).max(80) }, responses: ok('记录 · record'),
  },
  'POST /reorganizations': {
    tag: '组织机构目录 Units', zh: '机构改革：合并、更名、调整隶属、撤销', en: 'Reorganize: merge, rename, move, close', body: reorganizationSchema,
    description: '合并或撤销（指定承继单位）时，原单位在办案件移交承继单位，期限不变（案件记录 UnitSucceeded，见 docs/unit-directory.md）。 / '
      + 'On a merge or a close with a successor the open cases move to the successor with their deadlines unchanged (each case records UnitSucceeded; docs/unit-directory.md).',
    responses: { '201': { description: '已记录 · recorded', content: json() } },
  },
  'POST /policies': {
    tag: '督办政策 Policies', zh: '发布政策新版本', en: 'Publish a policy version', body: publishPolicySchema,
    description: '`document` 为督办政策文件（结构见 libs/domain/src/policy/data/zj-2016.json），逐项校验并按路径列出全部问题；`adoptOpenCases` 为 true 时推送至在办案件。 / '
      + '`document` is a supervision policy document (shape: libs/domain/src/policy/data/zj-2016.json), validated with every problem listed by path; `adoptOpenCases` rolls it out to open cases.',
    responses: { '201': { description: '已发布 · published', content: json() } },
  },

  'GET /letters': {
    tag: '督办文书 Letters', zh: '督办文书列表（按案件或单位；待反馈、待审核）', en: 'Supervision letters (by case or unit; awaiting feedback or review)',
    description: 'awaiting=feedback&unitId=…：本单位待反馈的函件；awaiting=review：待督查部门审核的反馈。 · '
      + "awaiting=feedback&unitId=…: the unit's letters to answer; awaiting=review: feedback awaiting the office's review.",
    query: lettersListQuery, responses: ok('文书（含反馈状态）· letters with their feedback state'),
  },
  'POST /letters/:letter/feedback': {
    tag: '督办文书 Letters', zh: '受函单位书面反馈', en: "The addressed unit's written feedback",
    params: { letter: letterRefParam }, body: letterFeedbackBody, responses: ok('已记录 · recorded'),
  },
  'POST /letters/:letter/feedback/accept': {
    tag: '督办文书 Letters', zh: '督查部门认可反馈', en: 'The supervision office accepts the feedback',
    params: { letter: letterRefParam }, body: letterAcceptBody, responses: ok('已认可 · accepted'),
  },
  'POST /letters/:letter/feedback/return': {
    tag: '督办文书 Letters', zh: '督查部门退回反馈（附理由与新期限）', en: 'The supervision office returns the feedback (reason, new limit)',
    params: { letter: letterRefParam }, body: letterReturnBody, responses: ok('已退回 · returned'),
  },
  'POST /letters/:letter/adoption': {
    tag: '督办文书 Letters', zh: '问责建议采纳情况', en: 'Adoption of an accountability recommendation',
    params: { letter: letterRefParam }, body: letterAdoptionBody, responses: ok('已记录 · recorded'),
  },
  'GET /letters/:document': {
    tag: '督办文书 Letters', zh: '文书正文（PDF 或 HTML）', en: 'A letter as PDF or HTML',
    params: { document: z.string().regex(/^\d{1,18}\.(pdf|html)$/).meta({ description: '文书编号.pdf|.html · letter id with .pdf or .html' }) },
    responses: { '200': { description: '文书 · the letter', content: { 'application/pdf': { type: 'string', format: 'binary' }, 'text/html': { type: 'string' } } } },
  },

  'GET /supervision/overdue': { tag: SUPERVISION, zh: '逾期案件', en: 'Overdue cases', query: dueListQuery, responses: ok('逾期案件 · overdue cases') },
  'GET /supervision/due-soon': { tag: SUPERVISION, zh: '即将到期案件', en: 'Cases due soon', query: dueSoonQuery, responses: ok('即将到期 · due soon') },
  'GET /supervision/breaches': { tag: SUPERVISION, zh: '超期记录', en: 'Breaches', query: ledgerListQuery, responses: ok('超期 · breaches') },
  'GET /supervision/ledger': { tag: SUPERVISION, zh: '责任单位问责台账', en: 'Accountability ledger per unit', query: ledgerUnitsQuery, responses: ok('台账 · ledger') },
  'GET /supervision/units/most-complained': { tag: SUPERVISION, zh: '被反映最多的单位（被反映单位）', en: 'Most-complained units (the respondents)', query: unitsQuery, responses: ok('被反映单位 · respondents') },
  'GET /supervision/units/most-handled': { tag: SUPERVISION, zh: '承办信访事项最多的责任单位', en: 'Units handling the most cases', query: unitsQuery, responses: ok('单位 · units') },
  'GET /supervision/handlers/workload': { tag: SUPERVISION, zh: '承办人工作量', en: 'Handler workload', query: workloadQuery, responses: ok('工作量 · workload') },
  'GET /supervision/repeats': { tag: SUPERVISION, zh: '重复信访案件', en: 'Repeat cases', query: repeatsQuery, responses: ok('重复信访 · repeats') },
  'GET /supervision/reports/summary': { tag: SUPERVISION, zh: '督查报表汇总', en: 'Report summary', query: reportQuery, responses: ok('报表 · report') },
  'GET /supervision/reports/annual': {
    tag: SUPERVISION, zh: '年度报告（第四十一条）', en: 'Annual report (art. 41)', query: annualQuery,
    responses: { '200': { description: '年度报告 · the annual report', content: {
      'application/json': { type: 'object' }, 'text/csv': { type: 'string' },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { type: 'string', format: 'binary' } } } },
  },
  'GET /supervision/reports/regions': {
    tag: SUPERVISION, zh: '属地报表（市→县市区→乡镇街道，含名称与县内名次）', en: 'Figures by place (city → county → township, names, ranks within the parent)',
    query: regionsReportQuery,
    responses: { '200': { description: '属地报表 · figures by place', content: {
      'application/json': { type: 'object' }, 'text/csv': { type: 'string' },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { type: 'string', format: 'binary' } } } },
  },
  'GET /supervision/regions': { tag: SUPERVISION, zh: '区划名称（市、县市区、乡镇街道，来自组织机构目录）', en: 'Places named by the organization directory (cities, counties, townships)',
    query: regionsListQuery, responses: ok('区划 · places') },
  'GET /supervision/cluster-warnings': { tag: SUPERVISION, zh: '类案预警', en: 'Cluster warnings', query: clusterWarningsQuery, responses: ok('预警 · warnings') },

  'POST /codec/decode': { tag: '编解码 Codec', zh: '解密 Temporal 载荷（codec server 协议；信访人信息脱敏）', en: 'Decode Temporal payloads (codec-server protocol; petitioner masked)', body: codecBodySchema, responses: ok('载荷 · payloads') },
  'POST /codec/cases/:caseId/decode': { tag: '编解码 Codec', zh: '按案件解密 Temporal 载荷（个人信息按查阅规则明文并留痕）',
    en: "Decode a case's Temporal payloads (personal data in clear as the rule allows, logged)", params: auditCaseParam, query: codecQuery,
    body: codecBodySchema, responses: ok('载荷 · payloads') },
  'POST /codec/cases/:caseId/encode': { tag: '编解码 Codec', zh: '加密 Temporal 载荷（按案件的 codec 端点）', en: 'Encode Temporal payloads (per-case codec endpoint)',
    params: auditCaseParam, body: codecBodySchema, responses: ok('载荷 · payloads') },
  'POST /codec/encode': { tag: '编解码 Codec', zh: '加密 Temporal 载荷（codec server 协议）', en: 'Encode Temporal payloads (codec-server protocol)', body: codecBodySchema, responses: ok('载荷 · payloads') },

  'GET /audit/cases': { tag: '审计 Audit', zh: '案件列表（审计，按编号分页）', en: 'Cases (audit, paged by id)', query: auditPageQuery, responses: ok('案件 · cases') },
  'GET /audit/cases/:caseId/replay': { tag: '审计 Audit', zh: '按工作流历史重放案件', en: 'Replay a case from its workflow history', params: auditCaseParam, responses: ok('重放结果 · replay') },
  'GET /audit/cases/:caseId/timeline': { tag: '审计 Audit', zh: '案件时间线（来自历史）', en: 'Case timeline (from its history)', params: auditCaseParam, responses: ok('时间线 · timeline') },
  'GET /audit/cases/:caseId/state': { tag: '审计 Audit', zh: '某时点的案件状态（seq 或 at）', en: 'Case state at a point (seq or at)', params: auditCaseParam, query: auditAsOfQuery, responses: ok('状态 · state') },
  'GET /audit/cases/:caseId/verify': { tag: '审计 Audit', zh: '核对读模型与事件哈希链', en: 'Verify the read model and the event hash chain', params: auditCaseParam, responses: ok('核对结果 · verification') },
  'GET /audit/projections/stuck': { tag: '审计 Audit', zh: '投影阻塞的案件（死信表）', en: 'Cases whose projection failed for good (dead-letter table)', responses: ok('阻塞的投影 · stuck projections') },
  'GET /audit/personal-data-reads': { tag: '审计 Audit', zh: '个人信息查阅记录（只增不改）', en: 'Personal-data reads (append-only log)',
    query: personalDataReadsQuery, responses: ok('查阅记录 · reads') },
  'POST /audit/projections/replay': { tag: '审计 Audit', zh: '修复后重放阻塞的投影（管理员）', en: 'Replay stuck projections after the fix (admin)', body: replayProjectionsBody, responses: ok('重放结果 · replay results') },

  'GET /dashboard': { tag: '看板 Dashboard', zh: '旧看板地址：转到工作台的督查总览', en: 'The old dashboard address: sends the browser to the workbench overview',
    responses: { '200': { description: 'HTML (meta refresh to /workbench/#/overview)', content: { 'text/html': { type: 'string' } } } } },
  'GET /workbench': { tag: '工作台 Workbench', zh: '信访工作台页面（apps/web 构建产物）', en: 'The workbench page (built from apps/web)',
    responses: { '200': { description: 'HTML', content: { 'text/html': { type: 'string' } } } } },
  'GET /workbench/assets/:file': {
    tag: '工作台 Workbench', zh: '工作台静态资源（仅构建目录中的文件）', en: 'Workbench assets (only files of the build folder)', params: { file: z.string().max(120) },
    responses: { '200': { description: 'JS / CSS / font', content: { 'text/javascript': { type: 'string' }, 'text/css': { type: 'string' } } } },
  },
  'GET /workbench/forms': { tag: '工作台 Workbench', zh: '操作与登记表单说明（由接口校验所用的同一模式生成，中英文标签）',
    en: 'Command and registration forms (generated from the schemas the API validates with, zh/en labels)', responses: ok('表单 · forms') },
  'GET /workbench/cases': { tag: '工作台 Workbench', zh: '待办 / 已办 / 全部案件（单位人员限本单位）', en: 'To-do / done / all cases (unit staff: their unit)',
    query: caseListQuery, responses: ok('案件列表 · cases') },
  'GET /petitions/:caseId/actions': { tag: '工作台 Workbench', zh: '当前身份现在可办理的操作（按案件规则试算，不记录）',
    en: 'The actions the caller may take on the case now (a dry run of the case rules, nothing recorded)', params: { caseId: caseIdParam }, responses: ok('可办操作 · actions') },
  'GET /dashboard/config': { tag: '看板 Dashboard', zh: '看板配置（是否允许演示身份）', en: 'Dashboard configuration (whether demo identities are allowed)', responses: ok('配置 · configuration') },
  'GET /dashboard/api/trend': {
    tag: '看板 Dashboard', zh: '趋势：按日或按月的登记、答复、办结、超期与内容分类', en: 'Trend: registrations, replies, closures, breaches and categories per day or month',
    query: trendQuery, responses: ok('趋势 · trend'),
  },
  'GET /dashboard/api/units': { tag: '看板 Dashboard', zh: '单位排行（某年或某月）', en: 'Unit league table (a year or a month)', query: dashboardUnitsQuery, responses: ok('单位排行 · league') },

  'GET /openapi.json': { tag: '文档 Docs', zh: 'OpenAPI 3.1 接口文档', en: 'This OpenAPI 3.1 document', responses: ok('接口文档 · the document') },
  'GET /docs': { tag: '文档 Docs', zh: 'Swagger UI 页面', en: 'Swagger UI page', responses: { '200': { description: 'HTML', content: { 'text/html': { type: 'string' } } } } },
  'GET /docs/:asset': {
    tag: '文档 Docs', zh: 'Swagger UI 静态资源', en: 'Swagger UI assets', params: { asset: z.string().max(64) },
    responses: { '200': { description: 'JS / CSS / PNG', content: { 'text/javascript': { type: 'string' }, 'text/css': { type: 'string' } } } },
  },
};
