import practice from './data/practice-example.json';
import zj2016 from './data/zj-2016.json';
import { PolicyError } from './policy-error';
import { validatePolicyDocument } from './policy-document.validate';
import type { SupervisionPolicy } from './supervision-policy.types';

/** A validated document, or a PolicyError listing every problem (for data shipped with the code). */
export function requirePolicyDocument(input: unknown): SupervisionPolicy {
  const result = validatePolicyDocument(input);
  if (!result.ok) throw new PolicyError('POLICY_INVALID_DOCUMENT', '政策文件无效', 'Invalid policy document', result.problems);
  return result.policy;
}

/**
 * Example provincial document (Zhejiang 2016: route in 5 working days, handle claims in 30 days,
 * extension up to 60), kept as data in ./data like the holiday calendars. Unconfirmed: an example of
 * a provincial policy, not a verified transcription of the provincial rule.
 */
export const ZHEJIANG_EXAMPLE_POLICY_DOCUMENT: unknown = zj2016;
export const zhejiangExamplePolicy: SupervisionPolicy = requirePolicyDocument(zj2016);

/**
 * Example practice policy (实务规定) of a city: the Regulation's limits plus a receipt limit (签收, 3 working
 * days from routing), which the Regulation does not set. It cites its own source, never the Regulation's
 * articles: letters for a missed receipt name this source. Example data, not a real city's rule.
 */
export const PRACTICE_EXAMPLE_POLICY_DOCUMENT: unknown = practice;
export const practiceExamplePolicy: SupervisionPolicy = requirePolicyDocument(practice);
