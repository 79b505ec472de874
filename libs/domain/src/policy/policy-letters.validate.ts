import { isPlainObject } from './json.util';

type Bad = (path: string, zh: string, en: string) => void;

const ACCOUNTABILITY_KEYS = ['recommendationAddressee', 'disciplineBodyId', 'superiors'];
const ADDRESSEES = ['superior', 'discipline_body'];
const UNIT_ID = /^[\w.:-]{1,64}$/;

/** letterFeedbackReview (boolean) and accountability (who recommendations are addressed to). */
export function checkLetterSettings(doc: Record<string, unknown>, bad: Bad): void {
  if (doc.letterFeedbackReview !== undefined && typeof doc.letterFeedbackReview !== 'boolean') {
    bad('letterFeedbackReview', '须为布尔值', 'must be true or false');
  }
  const a = doc.accountability;
  if (a === undefined) return;
  if (!isPlainObject(a)) {
    bad('accountability', '须为对象', 'must be an object');
    return;
  }
  for (const key of Object.keys(a)) {
    if (!ACCOUNTABILITY_KEYS.includes(key)) bad(`accountability.${key}`, '未知字段', `unknown field (allowed: ${ACCOUNTABILITY_KEYS.join(', ')})`);
  }
  if (!ADDRESSEES.includes(a.recommendationAddressee as string)) {
    bad('accountability.recommendationAddressee', '须为 superior 或 discipline_body', 'must be "superior" or "discipline_body"');
  }
  if (a.disciplineBodyId !== undefined && !(typeof a.disciplineBodyId === 'string' && UNIT_ID.test(a.disciplineBodyId))) {
    bad('accountability.disciplineBodyId', '单位编号格式不正确', 'must be a unit id (letters, digits, "_", ".", ":", "-"; at most 64)');
  }
  if (a.superiors !== undefined) {
    if (!isPlainObject(a.superiors)) {
      bad('accountability.superiors', '须为对象 {单位编号或前缀: 上级单位编号}', 'must be an object {unit id or prefix: superior unit id}');
      return;
    }
    for (const [unit, superior] of Object.entries(a.superiors)) {
      if (!UNIT_ID.test(unit)) bad(`accountability.superiors.${unit}`, '单位编号或前缀格式不正确', 'the key must be a unit id or unit-id prefix');
      if (!(typeof superior === 'string' && UNIT_ID.test(superior))) {
        bad(`accountability.superiors.${unit}`, '上级单位编号格式不正确', 'the superior must be a unit id');
      }
    }
  }
}
