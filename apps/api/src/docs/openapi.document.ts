import { z } from 'zod';
import { ACCESS_RULES, type AccessRule } from '../auth/access-rules';
import { ROUTE_DOCS, type RouteDoc } from './openapi.registry';
import type { RouteInfo } from './openapi.routes';

type Json = Record<string, unknown>;

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends: the input side of transforms and defaults. */
export function inputSchema(schema: z.ZodType | Json): Json {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const ERROR_CODES: Record<string, string> = {
  '400': 'VALIDATION_FAILED, TEXT_INVALID_CHARACTERS, MALFORMED_JSON, QUERY_INVALID_CURSOR, IDEMPOTENCY_KEY_INVALID …',
  '401': 'AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID, AUTH_TOKEN_EXPIRED, AUTH_TOKEN_LIFETIME, AUTH_TOKEN_NOT_YET_VALID, AUTH_API_KEY_INVALID, AUTH_ROLE_UNKNOWN',
  '403': 'AUTH_ROLE_FORBIDDEN, AUTH_UNIT_SCOPE, AUTH_NO_RULE, CASE_NOT_AUTHORIZED_*',
  '404': 'CASE_NOT_FOUND, LETTER_NOT_FOUND, ROUTE_NOT_FOUND …',
  '409': 'CASE_WRONG_STEP, CASE_DUPLICATE_COMMAND, CASE_CLOSED, CASE_WINDOW_CLOSED, IDEMPOTENCY_IN_PROGRESS …',
  '413': 'REQUEST_TOO_LARGE',
  '422': 'IDEMPOTENCY_KEY_REUSED',
  '429': 'RATE_LIMITED (Retry-After; RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset)',
  '500': 'INTERNAL_ERROR',
  '503': 'CASE_SERVICE_UNAVAILABLE',
  '504': 'CASE_SERVICE_TIMEOUT',
};
const ERROR_TEXT: Record<string, string> = {
  '400': '请求无效 · invalid request', '401': '未认证 · not authenticated', '403': '无权访问 · forbidden', '404': '不存在 · not found',
  '409': '与案件状态冲突 · conflicts with the case', '413': '请求体过大 · body too large', '422': '无法处理 · unprocessable',
  '429': '请求过于频繁 · rate limited', '500': '服务器内部错误 · internal error', '503': '案件服务不可用 · case service unavailable',
  '504': '案件服务超时 · case service timed out',
};

const ROLE_NAMES: Record<string, string> = {
  registrar: '登记员', handler: '承办人', unit_head: '单位负责人', supervisor: '督查', leader: '领导', auditor: '审计', admin: '管理员',
};

function rolesText(rule: AccessRule | undefined): string {
  if (!rule) return '无访问规则：一律拒绝 · no access rule: refused to everyone';
  if (rule.roles === 'public') return '公开，无需认证 · public, no credentials';
  const names = rule.roles.map((r) => `${ROLE_NAMES[r] ?? r} ${r}`).join('、');
  const scope = rule.unitScope && rule.unitScope !== 'none' ? `；单位角色限本单位（${rule.unitScope}）· unit roles confined to their unit (${rule.unitScope})` : '';
  return `可调用角色 · roles: ${names}${scope}`;
}

function errorResponses(route: RouteInfo, rule: AccessRule | undefined): Json {
  const statuses = ['400'];
  if (rule?.roles !== 'public') statuses.push('401', '403', '429');
  if (route.pathParams.length > 0) statuses.push('404');
  if (route.readsBody) statuses.push('413');
  if (route.key === 'POST /petitions' || route.key === 'POST /petitions/:caseId/commands') statuses.push('409', '503', '504');
  if (route.key === 'POST /petitions') statuses.push('422');
  statuses.push('500');
  const out: Json = {};
  for (const s of statuses) {
    out[s] = {
      description: `${ERROR_TEXT[s]}（错误码 · codes: ${ERROR_CODES[s]}）`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      ...(s === '429' || (s === '409' && route.key === 'POST /petitions')
        ? { headers: { 'Retry-After': { description: '秒 · seconds', schema: { type: 'integer', minimum: 1 } } } } : {}),
    };
  }
  return out;
}

function parameters(route: RouteInfo, doc: RouteDoc | undefined): Json[] {
  const params: Json[] = route.pathParams.map((name) => ({
    name, in: 'path', required: true, schema: doc?.params?.[name] ? inputSchema(doc.params[name]) : { type: 'string' },
  }));
  if (doc?.query) {
    const q = inputSchema(doc.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      params.push({ name, in: 'query', required: (q.required ?? []).includes(name) && !('default' in schema), schema });
    }
  }
  for (const h of doc?.headers ?? []) params.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: h.schema });
  return params;
}

/**
 * The OpenAPI 3.1 document of the routes Nest registered: paths and methods from the router's metadata, who may
 * call each from ACCESS_RULES (`x-roles`), schemas from the zod schemas the handlers validate with.
 */
export function buildOpenApiDocument(routes: readonly RouteInfo[], opts: { version?: string } = {}): Json {
  const paths: Record<string, Json> = {};
  const undocumented: string[] = [];
  for (const route of routes) {
    const doc = ROUTE_DOCS[route.key];
    const rule = ACCESS_RULES[route.key];
    if (!doc) undocumented.push(route.key);
    const op: Json = {
      operationId: route.operationId,
      tags: [doc?.tag ?? route.path.split('/')[1] ?? 'other'],
      summary: doc ? `${doc.zh} · ${doc.en}` : route.key,
      description: [doc?.description, rolesText(rule)].filter(Boolean).join('\n\n'),
      'x-roles': rule ? rule.roles : [],
      ...(rule?.unitScope ? { 'x-unit-scope': rule.unitScope } : {}),
      ...(rule?.roles === 'public' ? { security: [] } : {}),
    };
    const params = parameters(route, doc);
    if (route.readsQuery && !doc?.query) {
      op.description += '\n\n查询参数由接口校验，未知参数会被拒绝 · query parameters are validated by the API; unknown ones are refused.';
    }
    if (params.length > 0) op.parameters = params;
    if (route.readsBody) {
      op.requestBody = { required: true, content: { 'application/json': { schema: doc?.body ? inputSchema(doc.body) : { type: 'object' } } } };
    }
    const main: Json = {};
    for (const [status, r] of Object.entries(doc?.responses ?? { '200': { description: 'OK', content: { 'application/json': { type: 'object' } } } })) {
      main[status] = {
        description: r.description,
        ...(r.headers ? { headers: r.headers } : {}),
        ...(r.content ? { content: Object.fromEntries(Object.entries(r.content).map(([media, s]) => [media, { schema: inputSchema(s) }])) } : {}),
      };
    }
    op.responses = { ...main, ...errorResponses(route, rule) };
    (paths[route.path] ??= {})[route.method] = op;
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '信访案件督办引擎 API · Petition case-management engine API',
      version: opts.version ?? '0.0.0',
      description: '每件信访事项是一个 Temporal 工作流；督查查询来自 PostgreSQL 读模型。错误统一为 {"error":{"code","message","messageEn"}}：'
        + '稳定错误码、中文说明与英文说明。每个接口的可调用角色见 x-roles。\n\n'
        + 'Each petition is a Temporal workflow; supervision queries come from a PostgreSQL read model. Errors are '
        + '{"error":{"code","message","messageEn"}}: a stable code, a zh-CN message and an English one. Who may call each '
        + 'operation is in its x-roles.',
    },
    servers: [{ url: '/', description: '本服务 · this server' }],
    security: [{ bearerAuth: [] }, { apiKey: [] }, { devActorId: [], devActorRole: [], devActorUnit: [] }],
    tags: [...new Set(Object.values(paths).flatMap((p) => Object.values(p).flatMap((o) => (o as { tags: string[] }).tags)))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: '签名令牌（apps/api/src/auth/mint-token.ts 签发）· signed token (minted by mint-token.ts)' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'API 密钥（服务端只存其哈希）· API key (the server keeps its hash only)' },
        devActorId: { type: 'apiKey', in: 'header', name: 'x-actor-id', description: '仅开发环境（AUTH_ALLOW_DEV_HEADERS=true）：操作人编号 · development only: actor id' },
        devActorRole: { type: 'apiKey', in: 'header', name: 'x-actor-role', description: '仅开发环境：角色 · development only: role' },
        devActorUnit: { type: 'apiKey', in: 'header', name: 'x-actor-unit', description: '仅开发环境：所属单位 · development only: unit' },
      },
      schemas: {
        ErrorBody: {
          type: 'object', required: ['error'], additionalProperties: false,
          properties: {
            error: {
              type: 'object', required: ['code', 'message', 'messageEn'],
              properties: {
                code: { type: 'string', description: '稳定错误码 · stable error code', examples: ['VALIDATION_FAILED'] },
                message: { type: 'string', description: '中文说明 · zh-CN message' },
                messageEn: { type: 'string', description: '英文说明 · English message' },
                details: { description: '细节，如逐项校验问题 · details, e.g. every validation problem by path' },
              },
            },
          },
        },
      },
    },
    'x-undocumented-routes': undocumented,
  };
}
