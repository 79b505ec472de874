/**
 * Dependency audit gate: `npm audit` of the production dependencies; high and critical advisories fail unless
 * tools/security/audit-exceptions.json explains each one (advisory id or URL → why it does not apply, who, when).
 *
 *   npm run audit:deps            exit 0 clean (or every finding explained), 1 unexplained high/critical,
 *                                 3 the advisory service could not be asked (offline mirror, proxy refusing POST)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditExceptions, type AuditJson, assessAudit } from './audit-assess';

const root = join(__dirname, '..', '..');
const exceptionsFile = join(__dirname, 'audit-exceptions.json');
const exceptions: AuditExceptions = existsSync(exceptionsFile)
  ? JSON.parse(readFileSync(exceptionsFile, 'utf8')) : {};

// `npm run -s` would pass its silent log level on and hide why the audit failed.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_loglevel'));
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000, env });
let report: AuditJson;
try {
  report = JSON.parse(run.stdout || '{}') as AuditJson;
} catch {
  report = { message: run.stdout };
}
if (report.error !== undefined || report.vulnerabilities === undefined) {
  const why = (report.message ?? run.stderr.split('\n').find((l) => /\d{3} |ENOTFOUND|ECONN|ETIMEDOUT/.test(l)) ?? JSON.stringify(report.error)).slice(0, 300);
  console.error(`依赖安全审计无法进行：无法访问漏洞公告服务 / dependency audit could not run: the advisory service did not answer (${why})`);
  process.exit(3);
}

const { findings, blocking: unexplained } = assessAudit(report, exceptions);
console.log(`advisories: ${JSON.stringify(report.metadata?.vulnerabilities ?? {})}`);
for (const f of findings.filter((x) => x.severity === 'high' || x.severity === 'critical')) {
  console.log(`${f.severity.padEnd(8)} ${f.pkg} ${f.title} ${f.url} — ${f.explained ? `explained: ${f.explained}` : 'NOT EXPLAINED'}`);
}
if (unexplained.length > 0) {
  console.error(`${unexplained.length} 个高危漏洞公告未说明 / ${unexplained.length} high or critical advisories not explained in tools/security/audit-exceptions.json`);
  process.exit(1);
}
console.log('依赖安全审计通过 / dependency audit passed (no unexplained high or critical advisory)');
