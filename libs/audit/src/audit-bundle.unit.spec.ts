import { generateKeyPairSync } from 'node:crypto';
import {
  type AuditBundleContent, type SignedAuditBundle, chainGenesis, eventHash, signAuditBundle, verifyAuditBundle,
} from './audit-bundle';

const keys = generateKeyPairSync('ed25519');
const priv = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pub = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

function content(): AuditBundleContent {
  const caseId = 'petition-0123456789abcdef0123';
  let prev = chainGenesis(caseId);
  const events = [1, 2, 3].map((seq) => {
    const payloadText = JSON.stringify({ type: `E${seq}`, at: `2026-03-0${seq}T00:00:00Z` });
    const e = { seq, type: `E${seq}`, prevHash: prev, hash: eventHash(prev, seq, payloadText), payloadText };
    prev = e.hash;
    return e;
  });
  return { format: 'petitions-audit-bundle/1', caseId, createdAt: '2026-12-01T00:00:00Z', histories: [], events, timeline: [], letters: [],
    chainHead: { recorded: prev, stored: prev } };
}
const resign = (c: AuditBundleContent): SignedAuditBundle => signAuditBundle(c, priv);

describe('signed audit bundle, verified offline with the public key only', () => {
  it('verifies an intact bundle and refuses the wrong key', () => {
    const b = resign(content());
    expect(verifyAuditBundle(b, pub)).toEqual({ ok: true, problems: [] });
    expect(verifyAuditBundle(b, other).ok).toBe(false);
  });

  it('catches every kind of tampering, even when the tamperer re-signs with their own key', () => {
    const changed = content();
    changed.events[1] = { ...changed.events[1], payloadText: changed.events[1].payloadText.replace('E2', 'EX') };
    const deleted = content();
    deleted.events.splice(1, 1);
    const inserted = content();
    inserted.events.splice(1, 0, { ...inserted.events[0], seq: 2 });
    const reordered = content();
    [reordered.events[1], reordered.events[2]] = [reordered.events[2], reordered.events[1]];
    for (const c of [changed, deleted, inserted, reordered]) {
      expect(verifyAuditBundle({ content: c, signature: resign(content()).signature }, pub).ok).toBe(false); // old signature
      const forged = verifyAuditBundle(resign(c), pub); // even signed again (e.g. by a stolen key), the chain is broken
      expect(forged.ok).toBe(false);
      expect(forged.problems.join(' ')).toMatch(/changed|broken|missing|out of order/);
    }
  });
});
