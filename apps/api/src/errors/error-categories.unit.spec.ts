import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CASE_REJECTION_CODES } from '@petitions/domain';
import { ReadModelQueryError } from '@petitions/read-model';
import { CATEGORY_STATUS, ERROR_CODE_CATEGORIES, apiError, categoryOf, statusOf } from './error-categories';
import { toApiError } from './error-mapping';

const ROOT = join(__dirname, '../../../..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}
/** Every `pattern` match in the non-test sources under `dir`: [file, ...groups]. */
function found(dir: string, pattern: RegExp): string[][] {
  return sources(join(ROOT, dir)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => [relative(ROOT, file), ...m.slice(1)]));
}

describe('error categories: one table of codes, one map to HTTP', () => {
  it('maps each category to its status (written out here)', () => {
    expect(CATEGORY_STATUS).toEqual({
      validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, unsupported_media: 415,
      unprocessable: 422, rate_limited: 429, internal: 500, unavailable: 503, timeout: 504,
    });
  });

  it('has a category for every rejection code of the domain (add a row to error-categories.ts for a new one)', () => {
    expect(CASE_REJECTION_CODES.filter((code) => categoryOf(code) === undefined)).toEqual([]);
  });

  it('keeps the statuses the domain rejections had before the table (403 for authorization, 409 otherwise)', () => {
    // The rule of the regex the table replaced, restated: /NOT_AUTHORIZED|WRONG_UNIT|WRONG_ROLE/ → 403, else 409.
    const before = (code: string) => (/NOT_AUTHORIZED|WRONG_UNIT|WRONG_ROLE/.test(code) ? 403 : 409);
    expect(CASE_REJECTION_CODES.map((code) => [code, statusOf(code)])).toEqual(CASE_REJECTION_CODES.map((code) => [code, before(code)]));
    expect(statusOf('CASE_INVALID_COMMAND')).toBe(400);
  });

  it('has a category for every code the API builds, and a hand-written status is its category\'s', () => {
    const built = found('apps/api/src', /new ApiError\(\s*(\d{3}),\s*'([A-Z0-9_]+)'/g);
    const viaTable = found('apps/api/src', /apiError\(\s*'([A-Z0-9_]+)'/g);
    expect(built.length).toBeGreaterThan(30);
    expect(viaTable.length).toBeGreaterThan(5);
    const problems = [
      ...built.filter(([, status, code]) => statusOf(code!) !== Number(status)).map(([file, status, code]) =>
        `${file}: ${code} built with ${status}, its category ${categoryOf(code!) ?? '(none)'} says ${statusOf(code!) ?? '—'}`),
      ...viaTable.filter(([, code]) => categoryOf(code!) === undefined).map(([file, code]) => `${file}: ${code} has no category`),
    ];
    expect(problems).toEqual([]);
  });

  it('has a category for every read-model refusal, and maps it in the one mapper', () => {
    const codes = found('libs/read-model/src', /new ReadModelQueryError\(\s*'([A-Z0-9_]+)'/g).map(([, code]) => code!);
    expect(codes).toContain('QUERY_INVALID_CURSOR');
    expect(codes.filter((code) => categoryOf(code) === undefined)).toEqual([]);
    expect(toApiError(new ReadModelQueryError('QUERY_INVALID_CURSOR', '分页游标无效', 'Invalid pagination cursor')))
      .toMatchObject({ status: 400, code: 'QUERY_INVALID_CURSOR', messageZh: '分页游标无效' });
  });

  it('builds an ApiError from a code alone', () => {
    expect(apiError('RATE_LIMITED', '请求过多', 'Too many requests')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Object.values(ERROR_CODE_CATEGORIES).every((c) => c in CATEGORY_STATUS)).toBe(true);
  });
});
