import { defaultPayloadConverter } from '@temporalio/common';
import { type CaseAccessFacts, PersonalDataConfigError, personalDataAccess, readNamedRoles } from './personal-data.rule';
import { fieldsOf, isPetitionerDetails, samePetitioner, scanPayload } from './personal-data.payloads';

const facts: CaseAccessFacts = { caseId: 'petition-x', bureauUnitId: 'bureau-a', registeredBy: 'reg-1', leadUnitId: 'unit-l', reviewUnitIds: ['unit-r'] };
type Role = Parameters<typeof personalDataAccess>[0]['role'];
const as = (role: Role, unitId?: string, id = 'p-1') => ({ id, role, ...(unitId ? { unitId } : {}) });

describe('the personal-data access rule', () => {
  it('allows the filing bureau, the lead unit and the review body, each with its basis', () => {
    expect(personalDataAccess(as('registrar', 'bureau-a'), facts, [])).toEqual({ allowed: true, basis: 'filing_bureau' });
    expect(personalDataAccess(as('handler', 'unit-l'), facts, [])).toEqual({ allowed: true, basis: 'lead_unit' });
    expect(personalDataAccess(as('unit_head', 'unit-l'), facts, [])).toEqual({ allowed: true, basis: 'lead_unit' });
    expect(personalDataAccess(as('handler', 'unit-r'), facts, [])).toEqual({ allowed: true, basis: 'review_body' });
  });

  it('refuses other bureaus, other and co-units, unit roles without a unit, and bureau-wide roles not named', () => {
    for (const a of [as('registrar', 'bureau-b'), as('registrar'), as('handler', 'unit-co'), as('unit_head', 'bureau-a'), as('handler'),
      as('supervisor'), as('leader'), as('auditor'), as('admin')]) {
      expect(personalDataAccess(a, facts, [])).toEqual({ allowed: false });
    }
    // A handler's unit equal to the filing bureau is not a registrar of it; a registrar of the lead unit is not its handler.
    expect(personalDataAccess(as('registrar', 'unit-l'), facts, [])).toEqual({ allowed: false });
  });

  it('falls back to the registering registrar when the petition was filed without a unit', () => {
    const noUnit = { ...facts, bureauUnitId: null };
    expect(personalDataAccess(as('registrar', undefined, 'reg-1'), noUnit, [])).toEqual({ allowed: true, basis: 'filing_bureau' });
    expect(personalDataAccess(as('registrar', undefined, 'reg-2'), noUnit, [])).toEqual({ allowed: false });
    expect(personalDataAccess(as('registrar', 'bureau-a', 'reg-2'), { ...noUnit, registeredBy: null }, [])).toEqual({ allowed: false });
  });

  it('gives named roles every case, and refuses to name unit roles or unknown roles', () => {
    expect(personalDataAccess(as('auditor'), facts, ['auditor'])).toEqual({ allowed: true, basis: 'named_role' });
    expect(personalDataAccess(as('leader'), facts, ['auditor'])).toEqual({ allowed: false });
    expect(readNamedRoles({ AUTH_PERSONAL_DATA_ROLES: ' leader, auditor ,leader' })).toEqual(['leader', 'auditor']);
    expect(readNamedRoles({})).toEqual([]);
    expect(() => readNamedRoles({ AUTH_PERSONAL_DATA_ROLES: 'handler' })).toThrow(PersonalDataConfigError);
    expect(() => readNamedRoles({ AUTH_PERSONAL_DATA_ROLES: 'root' })).toThrow(PersonalDataConfigError);
  });
});

describe('personal data inside decoded payloads', () => {
  const p = { name: '李秀英', idNumber: '310104198805061234', phone: '13912345678', summary: '加装电梯' };
  const mark = () => ({ hidden: true });

  it('finds the details under `petitioner` and at the top level, nowhere else, and replaces them', () => {
    const filing = scanPayload(defaultPayloadConverter.toPayload({ actor: { id: 'r', role: 'registrar' }, registration: { petitionerRef: 'ref' }, petitioner: p }), mark);
    expect(filing.found).toEqual([p]);
    expect(JSON.parse(Buffer.from(filing.mapped.data!).toString())).toEqual({ actor: { id: 'r', role: 'registrar' }, registration: { petitionerRef: 'ref' }, petitioner: { hidden: true } });
    const carried = scanPayload(defaultPayloadConverter.toPayload({ caseId: 'petition-1', carried: { petitioner: p, state: {} } }), mark);
    expect([carried.found, carried.caseId]).toEqual([[p], 'petition-1']);
    expect(scanPayload(defaultPayloadConverter.toPayload(p), mark).found).toEqual([p]);
    // A unit's name, a respondent, a null petitioner: not personal data of a petitioner.
    for (const v of [{ unit: { name: '某局' } }, { respondent: { type: 'unit', description: '某局' } }, { petitioner: null }, { name: 'x', level: 'city' }]) {
      const s = scanPayload(defaultPayloadConverter.toPayload(v), mark);
      expect(s.found).toEqual([]);
      expect(s.mapped).toBe(s.payload);
    }
    expect(scanPayload(defaultPayloadConverter.toPayload(new Uint8Array([1, 2])), mark).found).toEqual([]);
  });

  it('names the fields given and compares petitioners on every field', () => {
    expect(fieldsOf(p)).toEqual(['name', 'idNumber', 'phone', 'summary']);
    expect(fieldsOf({ name: '王五', phone: '' })).toEqual(['name']);
    expect(samePetitioner(p, { ...p })).toBe(true);
    expect(samePetitioner(p, { ...p, summary: '另一件事' })).toBe(false);
    expect(isPetitionerDetails({ name: 1 })).toBe(false);
  });
});
