import { ACCESS_RULES } from './access-rules';
import { EXPECTED_ACCESS, expectedAccess } from './role-matrix.expected';

const ROLE_ORDER = ['registrar', 'handler', 'unit_head', 'supervisor', 'leader', 'auditor', 'admin'];

describe('ACCESS_RULES against the literal role × route matrix (role-matrix.expected.ts)', () => {
  it('has a row for exactly the routes of the table', () => {
    expect(Object.keys(ACCESS_RULES).sort()).toEqual(Object.keys(EXPECTED_ACCESS).sort());
  });

  it.each(Object.keys(ACCESS_RULES))('%s: the roles and the unit scope of the literal row', (route) => {
    const rule = ACCESS_RULES[route]!;
    const roles = rule.roles === 'public' ? 'public' : ROLE_ORDER.filter((r) => (rule.roles as readonly string[]).includes(r));
    expect({ roles, unitScope: rule.unitScope }).toEqual(expectedAccess(route));
  });

  it('reads a row as written', () => {
    expect(expectedAccess('GET /health')).toEqual({ roles: 'public', unitScope: undefined });
    expect(expectedAccess('POST /letters/:letter/feedback')).toEqual({ roles: ['handler', 'unit_head'], unitScope: 'letter-answer' });
    expect(expectedAccess('GET /no/such/route')).toBeUndefined();
  });
});
