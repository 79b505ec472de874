import { ApiError } from '../errors/api-error';

/** Every refusal of the auth layer, with its stable code, zh-CN first and English second. */
export const authErrors = {
  tokenMissing: () => new ApiError(401, 'AUTH_TOKEN_MISSING', '缺少身份凭证（Authorization: Bearer 令牌或 X-Api-Key）',
    'Missing credentials (Authorization: Bearer token or X-Api-Key)'),
  tokenInvalid: () => new ApiError(401, 'AUTH_TOKEN_INVALID', '身份令牌无效（格式或签名错误）', 'Invalid token (bad format or signature)'),
  tokenExpired: () => new ApiError(401, 'AUTH_TOKEN_EXPIRED', '身份令牌已过期，请重新登录', 'The token has expired; sign in again'),
  tokenLifetime: (maxSeconds: number) => new ApiError(401, 'AUTH_TOKEN_LIFETIME', `身份令牌的有效期不合规（须晚于签发时间且不超过 ${maxSeconds / 3600} 小时）`,
    `The token's lifetime is not allowed (exp must follow iat by at most ${maxSeconds / 3600} h)`, { maxSeconds }),
  tokenNotYetValid: () => new ApiError(401, 'AUTH_TOKEN_NOT_YET_VALID', '身份令牌的签发或生效时间晚于当前时间，请校准时钟',
    'The token is issued or valid only in the future; check the clocks'),
  roleUnknown: (role: unknown) => new ApiError(401, 'AUTH_ROLE_UNKNOWN', '身份凭证中的角色无效', 'The credential carries an unknown role',
    { role: typeof role === 'string' ? role.slice(0, 32) : null }),
  apiKeyInvalid: () => new ApiError(401, 'AUTH_API_KEY_INVALID', 'API 密钥无效', 'Invalid API key'),
  actorRequired: () => new ApiError(401, 'AUTH_ACTOR_REQUIRED', '缺少或无效的操作人身份', 'Missing or invalid actor identity (X-Actor-Id, X-Actor-Role, X-Actor-Unit)'),
  forbidden: (role: string, allowed: readonly string[]) => new ApiError(403, 'AUTH_ROLE_FORBIDDEN', '该角色无权访问此功能', 'This role may not use this endpoint',
    { role, allowed }),
  unitScope: (param: string) => new ApiError(403, 'AUTH_UNIT_SCOPE', `责任单位人员只能查看本单位的数据（请以 ${param} 指定本单位）`,
    `Unit staff may only see their own unit's data (filter with ${param}=<your unit>)`, { param }),
  noRule: () => new ApiError(403, 'AUTH_NO_RULE', '该接口未配置访问规则，已拒绝', 'No access rule is configured for this endpoint; refused'),
  caseNotFound: () => new ApiError(404, 'CASE_NOT_FOUND', '案件不存在', 'No such case'),
  letterNotFound: () => new ApiError(404, 'LETTER_NOT_FOUND', '文书不存在', 'No such letter'),
  rateLimited: (retryAfterS: number) => new ApiError(429, 'RATE_LIMITED', `请求过于频繁，请 ${retryAfterS} 秒后重试`,
    `Too many requests; retry in ${retryAfterS} s`, { retryAfterSeconds: retryAfterS }),
};
