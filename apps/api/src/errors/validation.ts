import type { z } from 'zod';
import { ApiError } from './api-error';

/** Parses at the edge; a refusal lists every problem by path and changes nothing. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: { zh: string; en: string }): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  throw new ApiError(400, 'VALIDATION_FAILED', `${what.zh}校验未通过`, `${what.en} failed validation`, { problems });
}
