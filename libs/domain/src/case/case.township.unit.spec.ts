import { parsePlaceCode, placeCodeOf, townshipMatchesCounty } from '../region/region-code';
import { caseSummary } from './case.summary';
import { cmd, ev, given } from './case.testkit';

describe('township (乡镇街道) of a petition', () => {
  it('a 9-digit code is a township whose first 6 digits are its county', () => {
    expect(parsePlaceCode('330102007')).toEqual({ regionCode: '330102', townshipCode: '330102007' });
    expect(parsePlaceCode('330102')).toEqual({ regionCode: '330102', townshipCode: null });
    for (const bad of ['3301020', '33010200', '3301020070', '33010a007', '', 330102007]) expect(parsePlaceCode(bad)).toBeNull();
    expect(townshipMatchesCounty('330102007', '330102')).toBe(true);
    expect(townshipMatchesCounty('330103007', '330102')).toBe(false);
    expect(placeCodeOf({ regionCode: '330102', townshipCode: '330102007' })).toBe('330102007');
    expect(placeCodeOf({ regionCode: '330102' })).toBe('330102');
  });

  it('records the township on the registration and in the case', () => {
    const state = given([])
      .when(cmd.register({ regionCode: '330102', townshipCode: '330102007' }))
      .then([{ ...ev.registered({ regionCode: '330102' }), townshipCode: '330102007' }]);
    expect(state.petition).toMatchObject({ regionCode: '330102', townshipCode: '330102007' });
    expect(caseSummary(state)).toMatchObject({ regionCode: '330102', townshipCode: '330102007' });
  });

  it('a registration without a township records the same event as before (no townshipCode field)', () => {
    const state = given([]).when(cmd.register()).then([ev.registered()]);
    expect(state.petition).not.toHaveProperty('townshipCode');
    expect(caseSummary(state).townshipCode).toBeNull();
  });

  it.each([
    ['a township of another county', '330103007'],
    ['a township code of 8 digits', '33010200'],
    ['a county code in the township field', '330102'],
  ])('refuses %s', (_label, townshipCode) => {
    given([]).when(cmd.register({ regionCode: '330102', townshipCode })).then('CASE_INVALID_INPUT');
  });
});
