import { ACTOR_ROLES } from '@petitions/domain';
import { type FlagSpec, type FlagValues, booleanFlag, stringFlag } from './args';
import type { ActorIdentity } from './api-client';
import { UsageError } from './cli-errors';

export const DEFAULT_API = 'http://127.0.0.1:3000';
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** Roles a person may act as over HTTP ('system' is the workflow's own). */
export const HUMAN_ROLES = ACTOR_ROLES.filter((r) => r !== 'system');

export const ENV = {
  api: 'PETITIONS_API',
  actorId: 'PETITIONS_ACTOR_ID',
  actorRole: 'PETITIONS_ACTOR_ROLE',
  actorUnit: 'PETITIONS_ACTOR_UNIT',
} as const;

/** Flags every command takes, before or after the command name. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'api', type: 'string', valueName: 'url', zh: `API 地址（或环境变量 ${ENV.api}；默认 ${DEFAULT_API}）`, en: `API base URL (or env ${ENV.api}; default ${DEFAULT_API})` },
  { name: 'as', type: 'string', valueName: 'id', zh: `操作人编号（或 ${ENV.actorId}），发送为 X-Actor-Id`, en: `actor id (or ${ENV.actorId}), sent as X-Actor-Id` },
  { name: 'role', type: 'string', valueName: 'role', values: HUMAN_ROLES, zh: `操作人角色（或 ${ENV.actorRole}），发送为 X-Actor-Role`, en: `actor role (or ${ENV.actorRole}), sent as X-Actor-Role` },
  { name: 'unit', type: 'string', valueName: 'unit', zh: `操作人所属单位（或 ${ENV.actorUnit}），发送为 X-Actor-Unit`, en: `actor's unit (or ${ENV.actorUnit}), sent as X-Actor-Unit` },
  { name: 'json', type: 'boolean', zh: '输出 API 返回的原始 JSON（供脚本使用）', en: 'print the API\'s raw JSON response (for scripts)' },
  { name: 'timeout', type: 'string', valueName: 'seconds', zh: `等待 API 的秒数（默认 ${DEFAULT_TIMEOUT_SECONDS}，0 为不限）`, en: `seconds to wait for the API (default ${DEFAULT_TIMEOUT_SECONDS}; 0 = no limit)` },
  { name: 'help', short: 'h', type: 'boolean', zh: '显示帮助', en: 'show help' },
  { name: 'version', short: 'V', type: 'boolean', zh: '显示版本', en: 'show the version' },
];

export type Env = Readonly<Record<string, string | undefined>>;

export interface Settings {
  baseUrl: string;
  json: boolean;
  timeoutMs: number;
  /** Set when both id and role are known (flags win over the environment). */
  actor?: ActorIdentity;
  /** What is missing for a complete actor, for the usage error of commands that need one. */
  actorMissing: string[];
}

const nonEmpty = (s: string | undefined): string | undefined => (s !== undefined && s.trim() !== '' ? s.trim() : undefined);

export function resolveSettings(values: FlagValues, env: Env): Settings {
  const baseUrl = nonEmpty(stringFlag(values, 'api')) ?? nonEmpty(env[ENV.api]) ?? DEFAULT_API;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`API 地址无效："${baseUrl}"`, `Invalid API URL: "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`API 地址须以 http:// 或 https:// 开头："${baseUrl}"`, `The API URL must start with http:// or https://: "${baseUrl}"`);
  }

  const timeoutText = nonEmpty(stringFlag(values, 'timeout'));
  const timeoutSeconds = timeoutText === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(timeoutText);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
    throw new UsageError(`--timeout 须为非负秒数，收到 "${timeoutText}"`, `--timeout must be a non-negative number of seconds, got "${timeoutText}"`);
  }

  const id = nonEmpty(stringFlag(values, 'as')) ?? nonEmpty(env[ENV.actorId]);
  const role = nonEmpty(stringFlag(values, 'role')) ?? nonEmpty(env[ENV.actorRole]);
  const unitId = nonEmpty(stringFlag(values, 'unit')) ?? nonEmpty(env[ENV.actorUnit]);
  if (role !== undefined && !(HUMAN_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`角色须为 ${HUMAN_ROLES.join(' | ')}，收到 "${role}"`, `--role must be one of ${HUMAN_ROLES.join(' | ')}, got "${role}"`);
  }
  const actorMissing = [...(id ? [] : [`--as (${ENV.actorId})`]), ...(role ? [] : [`--role (${ENV.actorRole})`])];

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    json: booleanFlag(values, 'json'),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    ...(id && role ? { actor: { id, role, ...(unitId ? { unitId } : {}) } } : {}),
    actorMissing,
  };
}
