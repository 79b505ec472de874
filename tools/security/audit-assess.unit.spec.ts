import { assessAudit } from './audit-assess';

const report = {
  vulnerabilities: {
    pdfkit: { name: 'pdfkit', severity: 'high', via: [{ source: 1001, url: 'https://github.com/advisories/GHSA-aaaa', title: 'Prototype pollution', severity: 'high' }] },
    exceljs: { name: 'exceljs', severity: 'moderate', via: ['unzipper'] },
    unzipper: { name: 'unzipper', severity: 'critical', via: [{ source: 1002, url: 'https://github.com/advisories/GHSA-bbbb', title: 'Path traversal', severity: 'critical' }] },
    ms: { name: 'ms', severity: 'low', via: [{ source: 1003, url: 'https://github.com/advisories/GHSA-cccc', title: 'ReDoS', severity: 'low' }] },
  },
};

describe('dependency audit assessment', () => {
  it('blocks on high and critical advisories without an explanation, not on low ones or package pointers', () => {
    const { findings, blocking } = assessAudit(report, {});
    expect(findings.map((f) => f.id)).toEqual(['1001', '1002', '1003']);
    expect(blocking.map((f) => [f.pkg, f.severity])).toEqual([['pdfkit', 'high'], ['unzipper', 'critical']]);
  });

  it('accepts an explanation recorded by advisory id or by URL', () => {
    const { blocking, findings } = assessAudit(report, {
      1001: { reason: 'only fonts we ship are embedded', by: 'sec-review', at: '2026-12-01' },
      'https://github.com/advisories/GHSA-bbbb': { reason: 'XLSX export writes, never extracts', by: 'sec-review', at: '2026-12-01' },
    });
    expect(blocking).toEqual([]);
    expect(findings.find((f) => f.pkg === 'unzipper')?.explained).toMatch(/never extracts/);
  });
});
