/**
 * Line breaking for Chinese body text, justified to both edges as official documents are.
 * pdfkit breaks by UAX #14 and can only justify at spaces, which Chinese lacks; this breaks
 * between characters, keeps Latin/number runs together (breaking a long code only after '-' or
 * '/'), applies the basic 禁则 (no closing punctuation at a line start, no opening punctuation at a
 * line end) by pushing a character down, and spreads each full line with character spacing.
 */
export interface LaidLine {
  text: string;
  /** Extra space after every character so the line fills its width (0 on a paragraph's last line). */
  characterSpacing: number;
  /** Left offset: the first-line indent, else 0. */
  indent: number;
}

const NO_LINE_START = new Set([...'，。、；：？！）》〕」』】”’…—·％,.;:?!)]%']);
const NO_LINE_END = new Set([...'（《〔「『【“‘([']);
const LATIN_RUN = /^[A-Za-z0-9._\-/+#@]+/;

/** Units that stay on one line: a Latin/number run split after '-' or '/', or one other character. */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const m = LATIN_RUN.exec(rest);
    if (m) {
      units.push(...(m[0].match(/[^-/]+[-/]*|[-/]+/g) ?? [m[0]]));
      rest = rest.slice(m[0].length);
    } else {
      const ch = String.fromCodePoint(rest.codePointAt(0) ?? 0);
      units.push(ch);
      rest = rest.slice(ch.length);
    }
  }
  return units;
}

function glyphCount(s: string): number {
  return [...s].length;
}

/** Splits a unit wider than a whole line into pieces that fit (a last resort for very long codes). */
function splitOversized(unit: string, measure: (s: string) => number, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of unit) {
    if (cur && measure(cur + ch) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Lays out one paragraph. `measure` gives the natural width of a string in the current font and
 * size; `maxSpacing` caps the justification spacing (a line that would need more is left ragged).
 */
export function layoutCjkParagraph(
  text: string,
  measure: (s: string) => number,
  width: number,
  options: { indent?: number; maxSpacing?: number } = {},
): LaidLine[] {
  const indent = options.indent ?? 0;
  const maxSpacing = options.maxSpacing ?? Infinity;
  const units = breakUnits(text).flatMap((u) => (measure(u) > width - indent ? splitOversized(u, measure, width - indent) : [u]));
  const lines: string[][] = [];
  let line: string[] = [];
  let lineWidth = 0;
  const avail = () => width - (lines.length === 0 ? indent : 0);

  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const w = measure(u);
    if (line.length === 0 || lineWidth + w <= avail()) {
      line.push(u);
      lineWidth += w;
      continue;
    }
    // u does not fit. If it may not start a line, or the line would end on an opening mark,
    // push the line's last unit down with it (推出), as long as something stays on the line.
    let carried: string[] = [];
    while (line.length > 1 && (NO_LINE_START.has([...(carried[0] ?? u)][0]) || NO_LINE_END.has([...line[line.length - 1]].at(-1) ?? ''))) {
      carried = [line.pop() as string, ...carried];
    }
    lines.push(line);
    line = [...carried, u];
    lineWidth = line.reduce((sum, x) => sum + measure(x), 0);
  }
  if (line.length > 0) lines.push(line);

  return lines.map((parts, i) => {
    const lineText = parts.join('');
    const lineIndent = i === 0 ? indent : 0;
    const last = i === lines.length - 1;
    const n = glyphCount(lineText);
    const spare = width - lineIndent - measure(lineText);
    const spacing = last || n < 2 || spare <= 0 ? 0 : spare / (n - 1);
    return { text: lineText, characterSpacing: spacing > maxSpacing ? 0 : spacing, indent: lineIndent };
  });
}
