/**
 * TEST DATA: who may call each route, written out literally (role names in a fixed order, then `| unit scope`) and
 * checked against the production table (access-rules.ts) by access-rules.unit.spec.ts, and against the running API by
 * role-matrix.int.spec.ts. It is not derived from ACCESS_RULES: a change of who may call what is made in both places,
 * on purpose, and a new route needs its row here. Roles: registrar handler unit_head supervisor leader auditor admin.
 */
export const EXPECTED_ACCESS: Readonly<Record<string, string>> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'POST /petitions': 'registrar',
  'POST /petitions/suggest-related': 'registrar',
  'GET /petitions/:caseId': 'registrar handler unit_head supervisor leader auditor admin | case',
  'GET /petitions/:caseId/live': 'registrar handler unit_head supervisor leader auditor admin | case',
  'GET /petitions/:caseId/petitioner': 'registrar handler unit_head supervisor leader auditor admin | case',
  'POST /petitions/:caseId/commands': 'registrar handler unit_head supervisor leader | case',
  'GET /policies': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /policies/:policyId/versions': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /policies/:policyId/versions/:version/rollout': 'supervisor leader auditor admin',
  'POST /policies/resolve': 'registrar handler unit_head supervisor leader auditor admin | none',
  'POST /policies': 'supervisor admin',
  'GET /calendar/years': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /calendar/coverage': 'supervisor leader auditor admin',
  'POST /calendar/years': 'admin',
  'GET /units': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /units/:unitId': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /units/:unitId/history': 'registrar handler unit_head supervisor leader auditor admin | none',
  'POST /units': 'admin',
  'GET /people': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /people/:personId': 'registrar handler unit_head supervisor leader auditor admin | none',
  'POST /people': 'admin',
  'GET /reorganizations': 'registrar handler unit_head supervisor leader auditor admin | none',
  'GET /reorganizations/:reorganizationId': 'registrar handler unit_head supervisor leader auditor admin | none',
  'POST /reorganizations': 'admin',
  'GET /letters': 'registrar handler unit_head supervisor leader auditor admin | letters-list',
  'GET /letters/:document': 'registrar handler unit_head supervisor leader auditor admin | letter-doc',
  'POST /letters/:letter/feedback': 'handler unit_head | letter-answer',
  'POST /letters/:letter/feedback/accept': 'supervisor',
  'POST /letters/:letter/feedback/return': 'supervisor',
  'POST /letters/:letter/adoption': 'handler unit_head | letter-answer',
  'GET /supervision/overdue': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /supervision/due-soon': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /supervision/breaches': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /supervision/ledger': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /supervision/units/most-complained': 'supervisor leader auditor admin',
  'GET /supervision/units/most-handled': 'supervisor leader auditor admin',
  'GET /supervision/handlers/workload': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /supervision/repeats': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /supervision/reports/summary': 'supervisor leader auditor admin',
  'GET /supervision/reports/annual': 'supervisor leader auditor admin',
  'GET /supervision/reports/regions': 'supervisor leader auditor admin',
  'GET /supervision/regions': 'registrar supervisor leader auditor admin',
  'GET /supervision/cluster-warnings': 'registrar supervisor leader auditor admin',
  'POST /codec/decode': 'registrar auditor admin',
  'POST /codec/encode': 'registrar auditor admin',
  'POST /codec/cases/:caseId/decode': 'registrar auditor admin',
  'POST /codec/cases/:caseId/encode': 'registrar auditor admin',
  'GET /audit/cases': 'auditor admin',
  'GET /audit/cases/:caseId/replay': 'auditor admin',
  'GET /audit/cases/:caseId/timeline': 'auditor admin',
  'GET /audit/cases/:caseId/state': 'auditor admin',
  'GET /audit/cases/:caseId/verify': 'auditor admin',
  'GET /audit/projections/stuck': 'auditor admin',
  'POST /audit/projections/replay': 'admin',
  'GET /audit/personal-data-reads': 'auditor',
  'GET /dashboard': 'public',
  'GET /workbench': 'public',
  'GET /workbench/assets/:file': 'public',
  'GET /workbench/forms': 'public',
  'GET /workbench/cases': 'registrar handler unit_head supervisor leader auditor admin | unit-query',
  'GET /petitions/:caseId/actions': 'registrar handler unit_head supervisor leader auditor admin | case',
  'GET /dashboard/config': 'public',
  'GET /dashboard/api/trend': 'handler unit_head supervisor leader auditor admin | unit-query',
  'GET /dashboard/api/units': 'supervisor leader auditor admin',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /docs/:asset': 'public',
};

export interface ExpectedAccess { roles: 'public' | string[]; unitScope: string | undefined }

/** One row of the literal matrix, read. */
export function expectedAccess(route: string): ExpectedAccess | undefined {
  const row = EXPECTED_ACCESS[route];
  if (row === undefined) return undefined;
  const [roles, scope] = row.split('|').map((x) => x.trim());
  return { roles: roles === 'public' ? 'public' : roles!.split(' '), unitScope: scope || undefined };
}
