import { type FlagSpec, eitherFlag, intFlag, listFlag, parseJsonObject, parseStrict, rewriteInlineJson, scanPositionals, wantsHelp } from './args';
import { UsageError } from './cli-errors';

const specs: FlagSpec[] = [
  { name: 'mode', type: 'string', zh: '', en: '' },
  { name: 'json', type: 'boolean', zh: '', en: '' },
  { name: 'body', type: 'string', zh: '', en: '' },
  { name: 'co-unit', type: 'string', multiple: true, zh: '', en: '' },
];

describe('argument parsing', () => {
  it('tells a --json body from --json output', () => {
    expect(rewriteInlineJson(['act', 'c', '--json', '{"type":"X"}', '--json'])).toEqual(['act', 'c', '--body', '{"type":"X"}', '--json']);
    expect(rewriteInlineJson(['--json={"a":1}'])).toEqual(['--body={"a":1}']);
    expect(rewriteInlineJson(['show', 'c', '--json'])).toEqual(['show', 'c', '--json']);
    expect(rewriteInlineJson(['--', '--json', '{}'])).toEqual(['--', '--json', '{}']);
  });

  it('finds positionals whatever flags come first, and --help before --', () => {
    expect(scanPositionals(['--mode', 'forward', 'route', 'c', '--unknown', '--json'], specs)).toEqual(['route', 'c']);
    expect(wantsHelp(['route', '-h'])).toBe(true);
    expect(wantsHelp(['route', '--', '--help'])).toBe(false);
  });

  it('parses strictly, turning parseArgs errors into usage errors', () => {
    expect(parseStrict(['x', '--mode', 'a', '--co-unit', 'b', '--co-unit', 'c'], specs).values).toEqual({ mode: 'a', 'co-unit': ['b', 'c'] });
    expect(() => parseStrict(['--nope'], specs, 'route')).toThrow(UsageError);
    expect(() => parseStrict(['--mode'], specs)).toThrow(/argument missing|--mode/);
    expect(() => parseStrict(['--json=1'], specs)).toThrow(UsageError);
  });

  it('reads values', () => {
    expect(intFlag({ n: '42' }, 'n', { min: 1 })).toBe(42);
    expect(intFlag({}, 'n')).toBeUndefined();
    for (const bad of ['4.5', '1e3', 'x', '', '0']) expect(() => intFlag({ n: bad }, 'n', { min: 1 })).toThrow(UsageError);
    expect(listFlag({ l: ['a, b', 'c', ''] }, 'l')).toEqual(['a', 'b', 'c']);
    expect(eitherFlag({ approve: true }, 'approve', 'reject', true)).toBe(true);
    expect(eitherFlag({ reject: true }, 'approve', 'reject', true)).toBe(false);
    expect(eitherFlag({}, 'approve', 'reject', false)).toBeUndefined();
  });

  it('accepts only a JSON object as a body', () => {
    expect(parseJsonObject('{"a":1}', 'x')).toEqual({ a: 1 });
    for (const bad of ['[1]', '"s"', 'null', '{']) expect(() => parseJsonObject(bad, 'x')).toThrow(UsageError);
  });
});
