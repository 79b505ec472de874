import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- controllers and handlers are any class / method
type Fn = (...args: any[]) => unknown;

type Role = 'registrar' | 'handler' | 'unit_head' | 'supervisor' | 'leader' | 'auditor' | 'admin';

/**
 * How a unit role (handler, unit_head) is confined to its own unit on a route that admits it:
 * - case: the :caseId must have the actor's unit as lead or co-unit (else 404, so existence does not leak);
 * - letters-list: ?unitId=<own unit> or ?caseId=<a case of the unit> is required (else 403 AUTH_UNIT_SCOPE);
 * - letter-doc: the letter must be addressed to the unit or belong to one of its cases (else 404);
 * - letter-answer: the :letter (id or number) must be addressed to the unit, or be a recommendation addressed to it (else 404);
 * - unit-query: ?unit=<own unit> is required (else 403 AUTH_UNIT_SCOPE);
 * - none: the data belongs to no unit (supervision policies), unit staff read it like everyone else.
 * A rule that admits unit roles without a scope admits nothing to them (refused, fail-safe).
 */
export type UnitScope = 'case' | 'letters-list' | 'letter-doc' | 'letter-answer' | 'unit-query' | 'none';

export interface AccessRule { roles: readonly Role[] | 'public'; unitScope?: UnitScope }

const ALL: Role[] = ['registrar', 'handler', 'unit_head', 'supervisor', 'leader', 'auditor', 'admin'];
const BUREAU_READERS: Role[] = ['supervisor', 'leader', 'auditor', 'admin'];
const UNIT: Role[] = ['handler', 'unit_head'];

/**
 * THE authorization table: `METHOD /path-pattern` (as declared on the controllers) → who may call it. A route
 * without an entry is refused (403 AUTH_NO_RULE) and fails role-matrix.int.spec.ts. The domain still checks the
 * step, the unit and the approvals of each command on top of this.
 */
export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  'GET /health': { roles: 'public' },
  'GET /ready': { roles: 'public' },

  'POST /petitions': { roles: ['registrar'] },
  // Suggestions compare pseudonymous references only; they serve the registrar's "same matter" decision.
  'POST /petitions/suggest-related': { roles: ['registrar'] },
  'GET /petitions/:caseId': { roles: ALL, unitScope: 'case' },
  'GET /petitions/:caseId/live': { roles: ALL, unitScope: 'case' },
  // In clear only as the one personal-data rule allows (apps/api/src/personal-data), masked otherwise; reads are logged.
  'GET /petitions/:caseId/petitioner': { roles: ALL, unitScope: 'case' },
  'POST /petitions/:caseId/commands': { roles: ['registrar', 'handler', 'unit_head', 'supervisor', 'leader'], unitScope: 'case' },

  'GET /policies': { roles: ALL, unitScope: 'none' },
  'GET /policies/:policyId/versions': { roles: ALL, unitScope: 'none' },
  'GET /policies/:policyId/versions/:version/rollout': { roles: ['supervisor', 'leader', 'auditor', 'admin'] },
  'POST /policies/resolve': { roles: ALL, unitScope: 'none' },
  'POST /policies': { roles: ['supervisor', 'admin'] },

  // The State Council's holiday arrangement: published by an admin, read by everyone (it belongs to no unit).
  'GET /calendar/years': { roles: ALL, unitScope: 'none' },
  'GET /calendar/coverage': { roles: BUREAU_READERS },
  'POST /calendar/years': { roles: ['admin'] },

  // The organization directory: maintained by an admin, read by everyone (names and parents are not case data).
  'GET /units': { roles: ALL, unitScope: 'none' },
  'GET /units/:unitId': { roles: ALL, unitScope: 'none' },
  'GET /units/:unitId/history': { roles: ALL, unitScope: 'none' },
  'POST /units': { roles: ['admin'] },
  // People (names, units, roles: no case data) and 机构改革, maintained by an admin.
  'GET /people': { roles: ALL, unitScope: 'none' },
  'GET /people/:personId': { roles: ALL, unitScope: 'none' },
  'POST /people': { roles: ['admin'] },
  'GET /reorganizations': { roles: ALL, unitScope: 'none' },
  'GET /reorganizations/:reorganizationId': { roles: ALL, unitScope: 'none' },
  'POST /reorganizations': { roles: ['admin'] },

  'GET /letters': { roles: ['registrar', ...BUREAU_READERS, ...UNIT], unitScope: 'letters-list' },
  'GET /letters/:document': { roles: ['registrar', ...BUREAU_READERS, ...UNIT], unitScope: 'letter-doc' },
  // The feedback loop: the addressed unit answers, the supervision office reviews, a recommendation's addressee adopts.
  'POST /letters/:letter/feedback': { roles: UNIT, unitScope: 'letter-answer' },
  'POST /letters/:letter/feedback/accept': { roles: ['supervisor'] },
  'POST /letters/:letter/feedback/return': { roles: ['supervisor'] },
  'POST /letters/:letter/adoption': { roles: UNIT, unitScope: 'letter-answer' },

  'GET /supervision/overdue': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /supervision/due-soon': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /supervision/breaches': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /supervision/ledger': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /supervision/units/most-complained': { roles: BUREAU_READERS },
  'GET /supervision/units/most-handled': { roles: BUREAU_READERS },
  'GET /supervision/handlers/workload': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /supervision/repeats': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /supervision/reports/summary': { roles: BUREAU_READERS },
  'GET /supervision/reports/annual': { roles: BUREAU_READERS },
  'GET /supervision/reports/regions': { roles: BUREAU_READERS },
  // Place names (cities, counties, townships) hold no case data: registrars pick a township at intake.
  'GET /supervision/regions': { roles: ['registrar', ...BUREAU_READERS] },
  // Registrars see cluster warnings (类案预警) at intake; the warnings carry respondents and towns, no persons.
  'GET /supervision/cluster-warnings': { roles: ['registrar', ...BUREAU_READERS] },

  // The Temporal UI's and CLI's codec (bureau staff and operators). A plain decode gives a petitioner masked; the
  // per-case endpoint gives the named case's personal data in clear as the personal-data rule allows, and logs it.
  'POST /codec/decode': { roles: ['registrar', 'auditor', 'admin'] },
  'POST /codec/encode': { roles: ['registrar', 'auditor', 'admin'] },
  'POST /codec/cases/:caseId/decode': { roles: ['registrar', 'auditor', 'admin'] },
  'POST /codec/cases/:caseId/encode': { roles: ['registrar', 'auditor', 'admin'] },

  'GET /audit/cases': { roles: ['auditor', 'admin'] },
  'GET /audit/cases/:caseId/replay': { roles: ['auditor', 'admin'] },
  'GET /audit/cases/:caseId/timeline': { roles: ['auditor', 'admin'] },
  'GET /audit/cases/:caseId/state': { roles: ['auditor', 'admin'] },
  'GET /audit/cases/:caseId/verify': { roles: ['auditor', 'admin'] },
  // Projections that failed for good (投影阻塞): auditors see them, an administrator replays them after the fix.
  'GET /audit/projections/stuck': { roles: ['auditor', 'admin'] },
  'POST /audit/projections/replay': { roles: ['admin'] },
  // Who read whose personal data (append-only log): the auditors' to read; administrators are among those it records.
  'GET /audit/personal-data-reads': { roles: ['auditor'] },

  // The old dashboard address now leads to the workbench's overview; its two series and its config stay (the workbench reads them).
  'GET /dashboard': { roles: 'public' },
  'GET /dashboard/config': { roles: 'public' },
  'GET /dashboard/api/trend': { roles: [...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /dashboard/api/units': { roles: BUREAU_READERS },

  // The workbench (apps/web): its built page and assets and its forms hold no data; the case lists and the actions
  // a person may take now are scoped like the lists and the case they describe.
  'GET /workbench': { roles: 'public' },
  'GET /workbench/assets/:file': { roles: 'public' },
  'GET /workbench/forms': { roles: 'public' },
  'GET /workbench/cases': { roles: ['registrar', ...BUREAU_READERS, ...UNIT], unitScope: 'unit-query' },
  'GET /petitions/:caseId/actions': { roles: ALL, unitScope: 'case' },

  // The API's own description and the Swagger UI that shows it: no data, so public.
  'GET /openapi.json': { roles: 'public' },
  'GET /docs': { roles: 'public' },
  'GET /docs/:asset': { roles: 'public' },
};

const join = (...parts: (string | string[] | undefined)[]): string => {
  const segs = parts.flatMap((p) => (Array.isArray(p) ? p[0] : p) ?? '').join('/').split('/').filter(Boolean);
  return `/${segs.join('/')}`;
};

/** `METHOD /pattern` of a controller method, from Nest's own metadata (what the router registered). */
export function routeKey(controller: object, handler: object): string | undefined {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (method === undefined) return undefined;
  return `${RequestMethod[method]} ${join(Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler))}`;
}

/** Every route of a module tree (controllers of the module and of every module it imports). */
export function listRoutes(rootModule: object): string[] {
  const seen = new Set<unknown>();
  const routes: string[] = [];
  const visit = (m: unknown) => {
    const mod = (m as { module?: object })?.module ?? m; // dynamic modules
    if (!mod || seen.has(mod)) return;
    seen.add(mod);
    const meta = (k: string) => [...((Reflect.getMetadata(k, mod as object) as unknown[]) ?? []), ...(((m as Record<string, unknown>)[k] as unknown[]) ?? [])];
    for (const c of meta(MODULE_METADATA.CONTROLLERS) as { prototype: Record<string, Fn> }[]) {
      for (const name of Object.getOwnPropertyNames(c.prototype)) {
        if (name === 'constructor') continue;
        const key = routeKey(c, c.prototype[name]);
        if (key) routes.push(key);
      }
    }
    for (const i of meta(MODULE_METADATA.IMPORTS)) visit(i);
  };
  visit(rootModule);
  return [...new Set(routes)].sort();
}
