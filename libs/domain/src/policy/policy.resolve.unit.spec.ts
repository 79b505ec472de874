import { nationalDefaultPolicy } from './policy.national';
import { rankPolicies, resolvePolicy } from './policy.resolve';
import { zhejiangExamplePolicy } from './policy.examples';
import type { PolicyFacts, SupervisionPolicy } from './supervision-policy.types';

const doc = (id: string, o: Partial<SupervisionPolicy>): SupervisionPolicy => ({ ...nationalDefaultPolicy, id, version: 1, ...o });

const ZJ = zhejiangExamplePolicy; // scope { regionPrefixes: ['33'] }, in force since 2016
const HANGZHOU = doc('hz-2024', { scope: { regionPrefixes: ['3301'] }, effectiveFrom: '2024-01-01T00:00:00+08:00' });
const ZJ_URBAN = doc('zj-urban-2025', { scope: { regionPrefixes: ['33'], categories: ['urban_construction'] }, effectiveFrom: '2025-01-01T00:00:00+08:00' });
const ZJ_CLAIMS = doc('zj-claims-2025', { scope: { regionPrefixes: ['33'], kinds: ['claim'] }, effectiveFrom: '2025-01-01T00:00:00+08:00' });
const ALL = [nationalDefaultPolicy, ZJ, HANGZHOU, ZJ_URBAN, ZJ_CLAIMS];

const facts = (o: Partial<PolicyFacts> = {}): PolicyFacts => ({
  regionCode: '330102', // 杭州市上城区
  category: 'urban_construction',
  channel: 'letter',
  kind: 'claim',
  ...o,
});
const AT = '2026-03-02T09:00:00+08:00';

describe('resolvePolicy: the most specific policy in force wins', () => {
  it('a city policy (4-digit prefix) beats provincial ones, even category-specific', () => {
    // Hangzhou: region 4 > 2, whatever the provincial policies name besides.
    expect(resolvePolicy(ALL, facts(), AT).id).toBe('hz-2024');
  });

  it('at equal region, a category beats channel/kind, which beats nothing', () => {
    // Ningbo (3302): the Hangzhou policy does not match.
    expect(resolvePolicy(ALL, facts({ regionCode: '330203' }), AT).id).toBe('zj-urban-2025');
    expect(resolvePolicy(ALL, facts({ regionCode: '330203', category: 'labour_social_security' }), AT).id).toBe('zj-claims-2025');
    expect(resolvePolicy(ALL, facts({ regionCode: '330203', category: 'labour_social_security', kind: 'suggestion' }), AT).id).toBe('zj-2016');
  });

  it('outside every scope: the national default', () => {
    expect(resolvePolicy(ALL, facts({ regionCode: '310104' }), AT).id).toBe('cn-national-2022'); // Shanghai
  });

  it('the national default is the built-in fallback even when the store has nothing', () => {
    expect(resolvePolicy([], facts(), AT)).toBe(nationalDefaultPolicy);
    expect(resolvePolicy([HANGZHOU], facts({ regionCode: '440300' }), AT)).toBe(nationalDefaultPolicy);
  });

  it('a policy applies only to cases registered at or after effectiveFrom', () => {
    // In 2023 the Hangzhou and 2025 provincial policies are not in force yet.
    expect(resolvePolicy(ALL, facts(), '2023-06-01T10:00:00+08:00').id).toBe('zj-2016');
    expect(resolvePolicy(ALL, facts(), '2023-12-31T23:59:59+08:00').id).toBe('zj-2016');
    expect(resolvePolicy(ALL, facts(), '2024-01-01T00:00:00+08:00').id).toBe('hz-2024');
  });

  it('ranks every applicable policy with its specificity (for "why this policy?")', () => {
    expect(rankPolicies(ALL, facts({ regionCode: '330203' }), AT).map((r) => [r.policy.id, r.specificity])).toEqual([
      ['zj-urban-2025', { region: 2, category: 1, channelKind: 0 }],
      ['zj-claims-2025', { region: 2, category: 0, channelKind: 1 }],
      ['zj-2016', { region: 2, category: 0, channelKind: 0 }],
      ['cn-national-2022', { region: 0, category: 0, channelKind: 0 }],
    ]);
  });

  it('channel and kind weigh the same and add up', () => {
    const both = doc('zj-letter-claims', { scope: { regionPrefixes: ['33'], channels: ['letter'], kinds: ['claim'] } });
    expect(resolvePolicy([ZJ_CLAIMS, both], facts({ category: 'x' }), AT).id).toBe('zj-letter-claims');
    expect(resolvePolicy([ZJ_CLAIMS, both], facts({ category: 'x', channel: 'visit' }), AT).id).toBe('zj-claims-2025');
  });

  it('the longest matching prefix of a policy counts', () => {
    const multi = doc('zj-multi', { scope: { regionPrefixes: ['33', '330102'] } });
    expect(rankPolicies([multi], facts(), AT)[0].specificity.region).toBe(6);
    expect(resolvePolicy([multi, HANGZHOU], facts(), AT).id).toBe('zj-multi');
    expect(resolvePolicy([multi, HANGZHOU], facts({ regionCode: '330105' }), AT).id).toBe('hz-2024');
  });

  describe('tie-break between equally specific policies', () => {
    const a = doc('a-policy', { scope: { regionPrefixes: ['3301'] }, effectiveFrom: '2024-01-01T00:00:00+08:00' });

    it('1. higher explicit priority', () => {
      const b = doc('b-policy', { scope: { regionPrefixes: ['3301'] }, effectiveFrom: '2020-01-01T00:00:00+08:00', priority: 1 });
      expect(resolvePolicy([a, b], facts(), AT).id).toBe('b-policy');
    });

    it('2. then the later effectiveFrom (the newer rule replaces the older)', () => {
      const b = doc('b-policy', { scope: { regionPrefixes: ['3301'] }, effectiveFrom: '2025-01-01T00:00:00+08:00' });
      expect(resolvePolicy([a, b], facts(), AT).id).toBe('b-policy');
      expect(resolvePolicy([b, a], facts(), AT).id).toBe('b-policy');
    });

    it('3. then the id in ascending order, 4. then the higher version', () => {
      const b = doc('b-policy', { scope: { regionPrefixes: ['3301'] }, effectiveFrom: a.effectiveFrom });
      expect(resolvePolicy([b, a], facts(), AT).id).toBe('a-policy');
      const a2 = { ...a, version: 2 };
      expect(resolvePolicy([a, a2, b], facts(), AT)).toBe(a2);
    });

    it('instants compare as instants, whatever the offset', () => {
      const b = doc('b-policy', { scope: { regionPrefixes: ['3301'] }, effectiveFrom: '2023-12-31T16:00:01Z' }); // 1 s after a
      expect(resolvePolicy([a, b], facts(), AT).id).toBe('b-policy');
    });
  });
});
