/** Every setting of the apps comes from the environment; the README lists them. */
export interface AppConfig {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  databaseUrl: string;
  apiPort: number;
  apiHost: string;
  /** HMAC secret that turns a petitioner's identity + matter into a pseudonymous case key. */
  caseKeySecret: string;
  /** AES-256-GCM payload keys, "keyId:base64key" comma-separated; the first one encrypts. */
  payloadKeys: string;
  logLevel: string;
  /**
   * CALENDAR_WARN_FROM (MM-DD, Asia/Shanghai; default 12-01): from this day /ready, /health, GET /calendar/coverage and
   * the supervision summary say that next year's holiday arrangement is missing (docs/calendar-years.md).
   */
  calendarWarnFrom: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`配置无效 / invalid configuration: ${problems.join('; ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const v = env[name];
    if (!v) problems.push(`${name} is required`);
    return v ?? '';
  };
  const port = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) problems.push(`${name} must be a port number`);
    return n;
  };
  const config: AppConfig = {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'petitions',
    databaseUrl: required('DATABASE_URL'),
    apiPort: port('API_PORT', 3000),
    apiHost: env.API_HOST ?? '127.0.0.1',
    caseKeySecret: required('CASE_KEY_SECRET'),
    payloadKeys: required('PAYLOAD_KEYS'),
    logLevel: env.LOG_LEVEL ?? 'info',
    calendarWarnFrom: env.CALENDAR_WARN_FROM || '12-01',
  };
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(config.calendarWarnFrom)) problems.push('CALENDAR_WARN_FROM must be MM-DD (e.g. 12-01)');
  if (config.caseKeySecret && config.caseKeySecret.length < 16) problems.push('CASE_KEY_SECRET must be at least 16 characters');
  if (problems.length) throw new ConfigError(problems);
  return config;
}
