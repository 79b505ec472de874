import { ApiError } from './api-error';

/**
 * THE input rule for text, applied once at the edge to every parsed JSON body, query string and path (api.app.ts),
 * before any route's schema: text that is accepted can be stored everywhere (PostgreSQL text and jsonb refuse NUL,
 * and an unpaired UTF-16 surrogate has no UTF-8 form). Refused:
 * - C0 control characters other than tab, line feed and carriage return (CR is harmless: it is stored as it came,
 *   and Windows line ends in a pasted summary are common), DEL, and the C1 controls U+0080–U+009F;
 * - unpaired surrogates (a high surrogate not followed by a low one, or a low one not preceded by a high one).
 * Object keys are checked like values.
 */
// With the u flag a valid surrogate pair is one code point (outside the class); only an unpaired surrogate matches.
const BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/u;

/** The first refused character of a string: its index and code unit as U+XXXX, or undefined when the text is clean. */
export function firstInvalidCharacter(s: string): { index: number; codePoint: string } | undefined {
  const m = BAD.exec(s);
  if (!m) return undefined;
  return { index: m.index, codePoint: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

export interface InvalidText { path: string; index: number; codePoint: string }

const MAX_DEPTH = 64;

/** Walks a JSON value; returns the first string (value or key) with a refused character, with its path. */
export function findInvalidText(value: unknown, path: string[] = []): InvalidText | undefined {
  if (typeof value === 'string') {
    const bad = firstInvalidCharacter(value);
    return bad ? { path: path.join('.') || '(body)', ...bad } : undefined;
  }
  if (path.length > MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const badKey = firstInvalidCharacter(k);
    // A key is named by its position: the key itself holds the refused character and cannot be echoed safely.
    if (badKey) return { path: [...path, '(key)'].join('.'), ...badKey };
    const found = findInvalidText(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

/** The refusal: stable code, zh-CN and English, naming the field path; nothing was done. */
export function textInvalid(found: InvalidText): ApiError {
  return new ApiError(400, 'TEXT_INVALID_CHARACTERS',
    `字段 ${found.path} 含有不允许的字符（${found.codePoint}，控制字符或不成对的代理项），未作任何更改`,
    `Field ${found.path} contains a character that is not allowed (${found.codePoint}: a control character or an unpaired surrogate); nothing was changed`,
    { problems: [{ path: found.path, message: `invalid character ${found.codePoint} at index ${found.index}` }] });
}

/** Checks a request's decoded path, query and JSON body; throws the refusal for the first bad string. */
export function checkRequestText(req: { path: string; query?: unknown; body?: unknown }): void {
  let path: string | undefined;
  try { path = decodeURIComponent(req.path); } catch { path = undefined; /* a malformed escape is the router's to refuse */ }
  const found = (path !== undefined ? findInvalidText(path, ['(path)']) : undefined)
    ?? findInvalidText(req.query, ['query'])
    ?? findInvalidText(req.body, []);
  if (found) throw textInvalid(found);
}
