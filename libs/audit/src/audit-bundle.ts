import { createHash, sign, verify } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { DataSource } from 'typeorm';
import { type CaseRun } from './case-history.source';
import { type TimelineEntry, renderTimeline } from './case-timeline';
import { decodeCaseHistories } from './history-events';

/** One chained event as PostgreSQL holds it; `payloadText` is exactly the text its hash was computed over. */
export interface BundleEvent { seq: number; type: string; prevHash: string; hash: string; payloadText: string }

export interface AuditBundleContent {
  format: 'petitions-audit-bundle/1';
  caseId: string;
  createdAt: string;
  /** Every run's history, as `temporal workflow show --output json` writes it (payloads stay encrypted). */
  histories: unknown[];
  events: BundleEvent[];
  timeline: TimelineEntry[];
  letters: { letterNo: string; kind: string; recipientUnit: string; issuedAt: string }[];
  /** The chain head the history recorded, and the head PostgreSQL holds. */
  chainHead: { recorded: string | null; stored: string | null };
}

export interface SignedAuditBundle { content: AuditBundleContent; signature: { algorithm: 'ed25519'; value: string } }

/** Deterministic JSON (sorted keys): what is signed does not depend on property order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Record<string, unknown>).sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
/** The same formula as PostgreSQL's case_chain_genesis / case_event_hash (see the hash-chain migration). */
export const chainGenesis = (caseId: string): string => sha256(`genesis|${caseId}`);
export const eventHash = (prevHash: string, seq: number, payloadText: string): string => sha256(`${prevHash}|${seq}|${payloadText}`);

/** Collects a case's record for an auditor to take away: histories, chained events, timeline, letters, heads. */
export async function buildAuditBundle(ds: DataSource, runs: readonly CaseRun[], payloadKeys: string, createdAt: string): Promise<AuditBundleContent> {
  const decoded = await decodeCaseHistories(runs.map((r) => r.history), payloadKeys);
  const rows: { seq: number; type: string; prev_hash: string; hash: string; payload_text: string }[] = await ds.query(
    'SELECT seq, type, prev_hash, hash, payload::text AS payload_text FROM case_events WHERE case_id = $1 ORDER BY seq', [decoded.caseId]);
  const letters = await ds.query(
    `SELECT letter_no AS "letterNo", kind, recipient_unit AS "recipientUnit", issued_at AS "issuedAt" FROM letters WHERE case_id = $1 ORDER BY seq_no`,
    [decoded.caseId]);
  return {
    format: 'petitions-audit-bundle/1',
    caseId: decoded.caseId,
    createdAt,
    histories: runs.map((r) => JSON.parse(historyToJSON(r.history))),
    events: rows.map((r) => ({ seq: r.seq, type: r.type, prevHash: r.prev_hash, hash: r.hash, payloadText: r.payload_text })),
    timeline: renderTimeline(decoded.events),
    letters: letters.map((l: { issuedAt: unknown }) => ({ ...l, issuedAt: l.issuedAt instanceof Date ? l.issuedAt.toISOString() : l.issuedAt })),
    chainHead: { recorded: decoded.projectedChainHead, stored: rows.at(-1)?.hash ?? null },
  };
}

export function signAuditBundle(content: AuditBundleContent, privateKeyPem: string): SignedAuditBundle {
  const value = sign(null, Buffer.from(canonicalJson(content), 'utf8'), privateKeyPem).toString('base64');
  return { content, signature: { algorithm: 'ed25519', value } };
}

/**
 * Offline check with only the public key: the signature over the whole content, then the hash chain of the events
 * (a changed, deleted, inserted or reordered event breaks it), then the chain head against the one the history recorded.
 */
export function verifyAuditBundle(bundle: SignedAuditBundle, publicKeyPem: string): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  let signed = false;
  try {
    signed = verify(null, Buffer.from(canonicalJson(bundle.content), 'utf8'), publicKeyPem, Buffer.from(bundle.signature.value, 'base64'));
  } catch (err) {
    problems.push(`签名无法校验 / signature cannot be checked: ${(err as Error).message}`);
  }
  if (!signed && problems.length === 0) problems.push('签名不符：内容被改动或密钥不对 / signature mismatch: content changed or wrong key');
  let prev = chainGenesis(bundle.content.caseId);
  bundle.content.events.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(`事件序号断档 / event #${i + 1} missing or out of order (found #${e.seq})`);
    if (e.prevHash !== prev) problems.push(`链接断开 / chain link broken at #${e.seq}`);
    if (eventHash(e.prevHash, e.seq, e.payloadText) !== e.hash) problems.push(`事件被改动 / event #${e.seq} changed`);
    prev = e.hash;
  });
  const { recorded } = bundle.content.chainHead;
  if (recorded && bundle.content.events.at(-1)?.hash !== recorded && !bundle.content.events.some((e) => e.hash === recorded)) {
    problems.push('链头与历史记录不符 / chain head differs from the one the history recorded');
  }
  return { ok: problems.length === 0, problems };
}
