import { createHmac } from 'node:crypto';

/** Values per sketch: the similarity estimate's step is 1/16. */
export const SKETCH_SIZE = 16;
/** Longer summaries are sketched on their first characters (bounded work per registration). */
const MAX_CHARS = 4000;

/** Letters and digits only (CJK included), NFKC, lower case: spacing and punctuation do not change the sketch. */
const normalise = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '').slice(0, MAX_CHARS);

/**
 * A keyed MinHash of the text's character bigrams (bigrams suit Chinese, which has no spaces): for each of 16
 * hash functions, the least 31-bit value over the bigrams, each value taken from HMAC-SHA512(secret, bigram). It holds
 * no text and, without the secret, no bigram can be tested against it; two sketches agree in a share of positions
 * that estimates the Jaccard similarity of the two bigram sets. Empty text: no sketch.
 */
export function contentSketch(secret: string, text: string): number[] | null {
  const s = normalise(text);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) grams.add(s.slice(i, i + 2));
  if (s.length === 1) grams.add(s);
  if (grams.size === 0) return null;
  const min = new Array<number>(SKETCH_SIZE).fill(0x7fffffff);
  for (const g of grams) {
    const h = createHmac('sha512', secret).update(`sketch|${g}`).digest();
    for (let k = 0; k < SKETCH_SIZE; k++) {
      const v = h.readUInt32BE(k * 4) >>> 1;
      if (v < min[k]) min[k] = v;
    }
  }
  return min;
}

/** Share of equal positions: 0 (unlike) … 1 (same bigram set, or nearly). */
export function sketchSimilarity(a: readonly number[] | null, b: readonly number[] | null): number {
  if (!a || !b || a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === b[k]) same++;
  return same / a.length;
}
