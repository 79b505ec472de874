/**
 * Mints a signed token for an operator or a user, with AUTH_TOKEN_SECRET from the environment:
 *   node -r @swc-node/register apps/api/src/auth/mint-token.ts --sub reg-1 --role registrar --unit city-bureau --ttl 8h
 * Prints the token on stdout (nothing else), so `TOKEN=$(…)` works. `--api-key <key>` prints the sha256 to put
 * in AUTH_API_KEYS instead.
 */
import { parseArgs } from 'node:util';
import { AuthConfigError, MIN_SECRET_LENGTH, readAuthConfig } from './auth.config';
import { PERSON_ROLES, UNIT_ROLES, hashApiKey, parseTtl, signToken } from './token';

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: {
    sub: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, ttl: { type: 'string', default: '8h' },
    'api-key': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) { console.log('usage: mint-token --sub <id> --role <role> [--unit <unit>] [--ttl 8h] | --api-key <key>'); return 0; }
  if (values['api-key'] !== undefined) { console.log(hashApiKey(values['api-key'])); return 0; }
  const secret = process.env.AUTH_TOKEN_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) { console.error(`AUTH_TOKEN_SECRET must be set (≥ ${MIN_SECRET_LENGTH} characters)`); return 2; }
  if (!values.sub || !/^[\w.:\-]{1,64}$/.test(values.sub)) { console.error('--sub <user id> is required ([A-Za-z0-9_.:-], ≤ 64)'); return 2; }
  if (!values.role || !(PERSON_ROLES as readonly string[]).includes(values.role)) { console.error(`--role must be one of ${PERSON_ROLES.join(', ')}`); return 2; }
  if (UNIT_ROLES.includes(values.role) && !values.unit) { console.error(`--unit is required for ${values.role}`); return 2; }
  let ttlSeconds: number;
  let maxTtl: number;
  try {
    ttlSeconds = parseTtl(values.ttl!);
    maxTtl = readAuthConfig({ ...process.env, AUTH_TOKEN_SECRET: secret }).tokenMaxTtlSeconds;
  } catch (e) { console.error(e instanceof AuthConfigError || e instanceof Error ? e.message : String(e)); return 2; }
  // The API refuses a token living longer than AUTH_TOKEN_MAX_TTL: minting one would only hand out a useless token.
  if (ttlSeconds < 1 || ttlSeconds > maxTtl) { console.error(`--ttl must be between 1 s and AUTH_TOKEN_MAX_TTL (${maxTtl} s)`); return 2; }
  console.log(signToken(secret, { sub: values.sub, role: values.role, unit: values.unit }, { ttlSeconds }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
