/** Reading `npm audit --json` (report format 2): which high and critical advisories are not explained. Pure. */
export interface AuditVia { source?: number; url?: string; title?: string; severity?: string }
export interface AuditVulnerability { name: string; severity: string; via: (AuditVia | string)[] }
export interface AuditJson {
  vulnerabilities?: Record<string, AuditVulnerability>;
  metadata?: { vulnerabilities?: Record<string, number> };
  error?: unknown;
  message?: string;
}
export type AuditExceptions = Record<string, { reason: string; by: string; at: string }>;
export interface AuditFinding { pkg: string; severity: string; id: string; url: string; title: string; explained: string | null }

/**
 * Every advisory (a `via` object; a string `via` only points at another vulnerable package), with the explanation
 * recorded for its id or URL; `blocking` lists the high and critical ones without one.
 */
export function assessAudit(report: AuditJson, exceptions: AuditExceptions): { findings: AuditFinding[]; blocking: AuditFinding[] } {
  const findings = Object.values(report.vulnerabilities ?? {}).flatMap((v) => v.via
    .filter((x): x is AuditVia => typeof x === 'object')
    .map((via) => {
      const id = String(via.source ?? via.url ?? via.title);
      const e = exceptions[id] ?? (via.url ? exceptions[via.url] : undefined);
      return { pkg: v.name, severity: via.severity ?? v.severity, id, url: via.url ?? '', title: via.title ?? '',
        explained: e ? `${e.reason} (${e.by}, ${e.at})` : null };
    }));
  const blocking = findings.filter((f) => (f.severity === 'high' || f.severity === 'critical') && f.explained === null);
  return { findings, blocking };
}
