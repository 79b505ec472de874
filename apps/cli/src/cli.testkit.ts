import type { Transport, TransportRequest } from './api-client';
import { runCli } from './cli';

/** For unit tests: the CLI with a fake transport, in-memory files and a fixed clock — no I/O. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  hasSignal: boolean;
}

export type FakeReply = { status: number; body?: unknown; text?: string; headers?: Record<string, string> } | Error;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
  /** Files the command wrote. */
  written: Record<string, Uint8Array>;
}

export const FIXED_NOW = new Date('2025-12-01T02:00:00Z');

export const OUTCOME = { caseId: 'petition-0123456789abcdef0123', result: 'applied', status: 'open', step: 'receipt', events: [{ seq: 2, type: 'PetitionRouted', at: '2025-12-01T02:00:00.000Z' }] };

export function fakeTransport(reply: (req: RecordedRequest) => FakeReply, requests: RecordedRequest[]): Transport {
  return async (url: string, init: TransportRequest) => {
    const req: RecordedRequest = {
      url, method: init.method, headers: { ...init.headers }, hasSignal: init.signal !== undefined,
      ...(init.body !== undefined ? { body: JSON.parse(init.body) as unknown } : {}),
    };
    requests.push(req);
    const r = reply(req);
    if (r instanceof Error) throw r;
    const text = r.text ?? (r.body === undefined ? '' : JSON.stringify(r.body));
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: r.status, headers: { get: (name: string) => headers[name.toLowerCase()] ?? null }, text: async () => text };
  };
}

export async function runWith(argv: readonly string[], opts: {
  env?: Record<string, string>;
  reply?: (req: RecordedRequest) => FakeReply;
  files?: Record<string, string>;
  now?: Date;
} = {}): Promise<RunResult> {
  const requests: RecordedRequest[] = [];
  const written: Record<string, Uint8Array> = {};
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli({
    argv,
    env: opts.env ?? {},
    transport: fakeTransport(opts.reply ?? (() => ({ status: 200, body: OUTCOME })), requests),
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
    now: () => opts.now ?? FIXED_NOW,
    readFile: (path) => {
      const content = opts.files?.[path];
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
    writeFile: (path, data) => { written[path] = data; },
    version: 'petitions 0.0.0-test',
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), requests, written };
}

export const REGISTRAR = ['--as', 'reg-001', '--role', 'registrar', '--unit', 'city-bureau'];
export const HANDLER = ['--as', 'h-7', '--role', 'handler', '--unit', 'xuhui-housing'];
export const CASE_ID = 'petition-0123456789abcdef0123';
