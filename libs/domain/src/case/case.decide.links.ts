import type { LinkRelatedCase, UnlinkRelatedCase } from './case.commands';
import { type DecideResult, accept, envelope, fromRejection, hasReason, reject } from './case.outcome';
import type { CaseState } from './case.state';
import { invalid, nonEmpty } from './case.validate';

/**
 * Same matter is the registrar's decision (suggested by the system): a link makes this case a repeat on the related
 * case's matter (its matterRef); an unlink undoes it. Both need a reason and are recorded on this case.
 */
export function decideLinkRelated(state: CaseState, cmd: LinkRelatedCase): DecideResult {
  if (!nonEmpty(cmd.relatedCaseId)) return fromRejection(invalid('relatedCaseId'));
  if (!nonEmpty(cmd.relatedMatterRef)) return fromRejection(invalid('relatedMatterRef'));
  if (cmd.relatedCaseId === state.caseId) return reject('CASE_LINK_SELF');
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  if ((state.relatedCases ?? []).some((l) => l.caseId === cmd.relatedCaseId)) {
    return reject('CASE_ALREADY_LINKED', { relatedCaseId: cmd.relatedCaseId });
  }
  return accept({ type: 'RelatedCaseLinked', ...envelope(cmd), relatedCaseId: cmd.relatedCaseId, matterRef: cmd.relatedMatterRef });
}

export function decideUnlinkRelated(state: CaseState, cmd: UnlinkRelatedCase): DecideResult {
  if (!nonEmpty(cmd.relatedCaseId)) return fromRejection(invalid('relatedCaseId'));
  if (!hasReason(cmd)) return reject('CASE_REASON_REQUIRED');
  const links = state.relatedCases ?? [];
  if (!links.some((l) => l.caseId === cmd.relatedCaseId)) return reject('CASE_NOT_LINKED', { relatedCaseId: cmd.relatedCaseId });
  // The matter reference falls back to the latest remaining link, else to the case's own.
  const remaining = links.filter((l) => l.caseId !== cmd.relatedCaseId);
  const matterRef = remaining.length > 0 ? remaining[remaining.length - 1].matterRef : state.petition!.matterRef;
  return accept({ type: 'RelatedCaseUnlinked', ...envelope(cmd), relatedCaseId: cmd.relatedCaseId, matterRef });
}
