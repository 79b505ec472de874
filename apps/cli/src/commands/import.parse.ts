/**
 * Reading an import file: JSON Lines (one registration body per line, as POST /petitions takes it) or CSV with a
 * header row (columns named like the body's fields; petitioner and respondent fields flattened, see CSV_COLUMNS).
 * Pure: text in, records out; a record that cannot be read carries its problem instead of a body.
 */
import { createHash } from 'node:crypto';

export type ImportFormat = 'jsonl' | 'csv';

export interface ImportRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  /** The registration body, or null when the record could not be read. */
  body: Record<string, unknown> | null;
  problem?: { zh: string; en: string };
  /** Stable per file position and content: a re-run of the same file replays instead of filing again. */
  idempotencyKey: string;
}

/** CSV column → registration field. Numbers are converted; empty cells are left out. */
export const CSV_COLUMNS: Readonly<Record<string, { path: readonly string[]; number?: boolean }>> = {
  channel: { path: ['channel'] },
  kind: { path: ['kind'] },
  category: { path: ['category'] },
  regionCode: { path: ['regionCode'] },
  level: { path: ['level'] },
  persons: { path: ['persons'], number: true },
  representatives: { path: ['representatives'], number: true },
  respondentType: { path: ['respondent', 'type'] },
  respondent: { path: ['respondent', 'description'] },
  summary: { path: ['summary'] },
  name: { path: ['petitioner', 'name'] },
  idNumber: { path: ['petitioner', 'idNumber'] },
  phone: { path: ['petitioner', 'phone'] },
  address: { path: ['petitioner', 'address'] },
};

const keyOf = (line: number, text: string): string =>
  `import-${createHash('sha256').update(`${line}\n${text}`).digest('hex').slice(0, 40)}`;

export function formatOf(path: string, explicit: string | undefined): ImportFormat {
  if (explicit === 'csv' || explicit === 'jsonl') return explicit;
  return /\.csv$/i.test(path) ? 'csv' : 'jsonl';
}

export function parseImport(text: string, format: ImportFormat): ImportRecord[] {
  const content = text.replace(/^\uFEFF/, '');
  return format === 'csv' ? parseCsvImport(content) : parseJsonLines(content);
}

function parseJsonLines(text: string): ImportRecord[] {
  const out: ImportRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const record: ImportRecord = { line, body: null, idempotencyKey: keyOf(line, raw.trim()) };
    try {
      const value: unknown = JSON.parse(raw);
      if (value && typeof value === 'object' && !Array.isArray(value)) record.body = value as Record<string, unknown>;
      else record.problem = { zh: '该行不是 JSON 对象', en: 'the line is not a JSON object' };
    } catch {
      record.problem = { zh: '该行不是有效的 JSON', en: 'the line is not valid JSON' };
    }
    out.push(record);
  });
  return out;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. Returns each row with its first line. */
export function csvRows(text: string): { line: number; cells: string[]; raw: string }[] {
  const rows: { line: number; cells: string[]; raw: string }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowStart = 0;
  const endRow = (end: number) => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells, raw: text.slice(rowStart, end) });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow(i);
      line++;
      rowLine = line;
      rowStart = i + 1;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) endRow(text.length);
  return rows;
}

function parseCsvImport(text: string): ImportRecord[] {
  const rows = csvRows(text);
  const header = rows.shift();
  if (!header) return [];
  const columns = header.cells.map((c) => c.trim());
  const unknown = columns.filter((c) => !(c in CSV_COLUMNS));
  return rows.map(({ line, cells, raw }) => {
    const record: ImportRecord = { line, body: null, idempotencyKey: keyOf(line, raw) };
    if (unknown.length > 0) {
      record.problem = { zh: `表头含未知列：${unknown.join(', ')}`, en: `unknown header columns: ${unknown.join(', ')}` };
      return record;
    }
    if (cells.length !== columns.length) {
      record.problem = { zh: `列数为 ${cells.length}，表头为 ${columns.length}`, en: `${cells.length} cells where the header has ${columns.length}` };
      return record;
    }
    const body: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const value = cells[i]!.trim();
      if (value === '') continue;
      const spec = CSV_COLUMNS[columns[i]!]!;
      const v: unknown = spec.number && /^-?\d+$/.test(value) ? Number(value) : value;
      let target = body;
      for (const p of spec.path.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
      target[spec.path[spec.path.length - 1]!] = v;
    }
    if (body.respondent && typeof body.respondent === 'object' && !('type' in body.respondent)) {
      (body.respondent as Record<string, unknown>).type = 'unit';
    }
    record.body = body;
    return record;
  });
}
