import { diffPolicies } from '../policy/policy.diff';
import { validatePolicyDocument } from '../policy/policy-document.validate';
import { isEffective, matchScope } from '../policy/policy.resolve';
import type { AdoptPolicy } from './case.commands';
import type { SupervisionContext } from './case.context';
import { type DecideResult, accept, envelope, reject } from './case.outcome';
import { rearmClocks } from './case.rearm';
import type { CaseState } from './case.state';

/**
 * The supervision office moves a running case to another policy document. Rejected, with nothing
 * changed, when the document is invalid (every problem listed), is the one in force, is not in force
 * yet, or does not apply to the case (scope). Running clocks are re-armed from their start (see
 * rearmClocks); warnings already raised and breaches already recorded stay.
 */
export function decideAdoptPolicy(state: CaseState, cmd: AdoptPolicy, ctx: SupervisionContext): DecideResult {
  const result = validatePolicyDocument(cmd.policy);
  if (!result.ok) return reject('CASE_POLICY_INVALID', { problems: result.problems });
  const next = result.policy;
  const current = ctx.policy;
  if (next.id === current.id && next.version === current.version) {
    return reject('CASE_POLICY_ALREADY_ACTIVE', { id: next.id, version: next.version });
  }
  if (!isEffective(next, cmd.at)) return reject('CASE_POLICY_NOT_EFFECTIVE', { id: next.id, effectiveFrom: next.effectiveFrom });
  const p = state.petition;
  if (!p || matchScope(next.scope, { regionCode: p.regionCode, category: p.category, channel: p.channel, kind: p.kind }) === null) {
    return reject('CASE_POLICY_OUT_OF_SCOPE', { id: next.id, scope: next.scope });
  }
  return accept({
    type: 'PolicyAdopted',
    ...envelope(cmd),
    fromId: current.id,
    fromVersion: current.version,
    toId: next.id,
    toVersion: next.version,
    changes: diffPolicies(current, next),
    rearmed: rearmClocks(state, next, ctx.calendar),
    policy: next,
  });
}
