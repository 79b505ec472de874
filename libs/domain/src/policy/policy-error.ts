import type { PolicyDocumentProblem } from './policy-document.validate';

export type PolicyErrorCode = 'POLICY_INVALID_DOCUMENT';

/** Bilingual error for policy data shipped with the code (a bad file is a build defect, not input). */
export class PolicyError extends Error {
  readonly code: PolicyErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly problems: PolicyDocumentProblem[];

  constructor(code: PolicyErrorCode, messageZh: string, messageEn: string, problems: PolicyDocumentProblem[] = []) {
    super(`${messageEn}: ${problems.map((p) => `${p.path}: ${p.messageEn}`).join('; ')}`);
    this.name = 'PolicyError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.problems = problems;
  }
}
