import { deadlinePassed, isDayBoundary, lastDayInTime, letterTimeMs, parseLetterTime, shanghaiDay, shanghaiYear } from './letter-dates';
import { LetterError, type LetterProblem } from './letter-error';
import { LETTER_KINDS, type SupervisionLetter } from './letter.model';
import { isLetterNo, parseLetterNo } from './letter-number';

export const MAX_MATTER_TITLE_LENGTH = 40;
export const MAX_REQUIREMENTS = 20;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const ARTICLE_PATTERN = /^第[〇零一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?$/u;
/** Accountability grounds of the Regulation (art.43–46). */
const GROUND_ARTICLE_PATTERN = /^第四十[三四五六]条(?:第[一二三四五六七八九十]+款)?$/u;
const MAX_SOURCE_LENGTH = 120;
const REGION_CODE_PATTERN = /^\d{6}(?:\d{3}|\d{6})?$/;
// Heuristics for personal data typed into free text: a resident ID number or a mobile number.
const ID_CARD_PATTERN = /(?<![0-9])\d{17}[0-9Xx](?![0-9])/u;
const MOBILE_PATTERN = /(?<![0-9])1[3-9]\d{9}(?![0-9])/u;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every problem of the letter; an empty list means it can be rendered. */
export function validateLetter(input: unknown): LetterProblem[] {
  const problems: LetterProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isRecord(input)) return [{ path: '', message: 'letter must be an object' }];

  const text = (path: string, value: unknown, max: number, optional = false): string | undefined => {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || value.trim().length === 0) {
      add(path, 'must be a non-empty string');
      return undefined;
    }
    if ([...value].length > max) add(path, `must be at most ${max} characters`);
    if (CONTROL_CHARS.test(value)) add(path, 'must not contain control characters or line breaks');
    return value;
  };
  const time = (path: string, value: unknown, optional = false): string | undefined => {
    if (value === undefined && optional) return undefined;
    if (parseLetterTime(value) === null) {
      add(path, 'must be an ISO 8601 instant with offset (2026-03-05T09:00:00+08:00) or a date (2026-03-05)');
      return undefined;
    }
    return value as string;
  };
  const org = (path: string, value: unknown) => {
    if (!isRecord(value)) return add(path, 'must be an object with id and nameZh');
    text(`${path}.id`, value.id, 100);
    text(`${path}.nameZh`, value.nameZh, 60);
  };

  const kind = input.kind;
  if (typeof kind !== 'string' || !(LETTER_KINDS as readonly string[]).includes(kind)) {
    add('kind', `must be one of ${LETTER_KINDS.join(', ')}`);
  }
  const letterNo = text('letterNo', input.letterNo, 40);
  if (letterNo !== undefined && !isLetterNo(letterNo)) add('letterNo', 'must read 机关代字〔YYYY〕N号, e.g. 沪徐信督〔2026〕17号');
  org('issuingBody', input.issuingBody);
  org('recipientUnit', input.recipientUnit);
  if (input.failingUnit !== undefined) org('failingUnit', input.failingUnit);
  text('caseId', input.caseId, 64);

  const cs = input.caseSummary;
  if (!isRecord(cs)) add('caseSummary', 'must be an object');
  else {
    time('caseSummary.registeredAt', cs.registeredAt);
    text('caseSummary.categoryZh', cs.categoryZh, 30);
    text('caseSummary.kindZh', cs.kindZh, 30);
    if (typeof cs.regionCode !== 'string' || !REGION_CODE_PATTERN.test(cs.regionCode)) {
      add('caseSummary.regionCode', 'must be a 6, 9 or 12 digit region code');
    }
    text('caseSummary.matterTitle', cs.matterTitle, MAX_MATTER_TITLE_LENGTH, true);
  }

  const br = input.breach;
  let dueAt: string | undefined;
  if (!isRecord(br)) add('breach', 'must be an object');
  else {
    text('breach.stepZh', br.stepZh, 40);
    // Not printed; a feedback clock key (returned feedback: '<key>:return:<n>') can be long.
    text('breach.deadlineKey', br.deadlineKey, 120);
    dueAt = time('breach.dueAt', br.dueAt);
    if (br.practiceSourceZh !== undefined) {
      text('breach.practiceSourceZh', br.practiceSourceZh, MAX_SOURCE_LENGTH);
      if (br.article !== undefined) add('breach.article', 'a practice limit cites its own source, not an article of the Regulation');
    } else if (typeof br.article !== 'string' || !ARTICLE_PATTERN.test(br.article)) {
      add('breach.article', 'must name an article in Chinese numerals, e.g. 第三十四条 (or give practiceSourceZh for a practice limit)');
    }
  }
  const ground = input.accountabilityGround;
  if (kind === 'accountability_recommendation') {
    if (!isRecord(ground)) add('accountabilityGround', 'an accountability recommendation must cite its ground (第四十三条–第四十六条 or a practice source)');
    else if ('practiceSourceZh' in ground) text('accountabilityGround.practiceSourceZh', ground.practiceSourceZh, MAX_SOURCE_LENGTH);
    else if (typeof ground.article !== 'string' || !GROUND_ARTICLE_PATTERN.test(ground.article)) {
      add('accountabilityGround.article', 'must be one of 第四十三条, 第四十四条, 第四十五条, 第四十六条');
    }
  } else if (ground !== undefined) {
    add('accountabilityGround', 'only an accountability recommendation cites an accountability ground');
  }

  const issuedAt = time('issuedAt', input.issuedAt);
  const feedbackDueAt = time('feedbackDueAt', input.feedbackDueAt, true);

  const reqs = input.requirementsZh;
  if (!Array.isArray(reqs) || reqs.length === 0) add('requirementsZh', 'must list at least one requirement');
  else {
    if (reqs.length > MAX_REQUIREMENTS) add('requirementsZh', `must list at most ${MAX_REQUIREMENTS} requirements`);
    reqs.forEach((r, i) => text(`requirementsZh[${i}]`, r, 300));
  }
  text('signatoryZh', input.signatoryZh, 20, true);
  if (input.ccZh !== undefined) {
    if (!Array.isArray(input.ccZh) || input.ccZh.length > 10) add('ccZh', 'must be a list of at most 10 organisations');
    else input.ccZh.forEach((c, i) => text(`ccZh[${i}]`, c, 60));
  }

  // Consistency between fields, once each field is valid on its own.
  if (issuedAt !== undefined) {
    if (letterNo !== undefined && isLetterNo(letterNo) && parseLetterNo(letterNo).year !== shanghaiYear(issuedAt)) {
      add('letterNo', 'the year in the letter number must be the year of issuedAt');
    }
    // A feedback limit in days ends after the day of issue; a shorter one (hours, minutes) after the instant of issue.
    if (feedbackDueAt !== undefined && (isDayBoundary(feedbackDueAt)
      ? lastDayInTime(feedbackDueAt) <= shanghaiDay(issuedAt) : letterTimeMs(feedbackDueAt) <= letterTimeMs(issuedAt))) {
      add('feedbackDueAt', 'must fall after the day of issuedAt (or after issuedAt, for a limit shorter than a day)');
    }
    // Only a reminder may go out before the deadline (a warning, 预警); the others act on a breach.
    if (dueAt !== undefined && kind !== 'reminder_letter' && !deadlinePassed(dueAt, issuedAt)) {
      add('issuedAt', 'a listed-supervision notice or accountability recommendation is issued only after the deadline has passed');
    }
  }
  return problems;
}

/** Free-text fields that might carry personal data by mistake (ids and codes are checked by format). */
function freeTexts(letter: SupervisionLetter): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['caseSummary.categoryZh', letter.caseSummary.categoryZh],
    ['caseSummary.kindZh', letter.caseSummary.kindZh],
    ['breach.stepZh', letter.breach.stepZh],
    ['issuingBody.nameZh', letter.issuingBody.nameZh],
    ['recipientUnit.nameZh', letter.recipientUnit.nameZh],
  ];
  if (letter.failingUnit !== undefined) out.push(['failingUnit.nameZh', letter.failingUnit.nameZh]);
  if (letter.caseSummary.matterTitle !== undefined) out.push(['caseSummary.matterTitle', letter.caseSummary.matterTitle]);
  if (letter.breach.practiceSourceZh !== undefined) out.push(['breach.practiceSourceZh', letter.breach.practiceSourceZh]);
  const ground = letter.accountabilityGround;
  if (ground !== undefined && 'practiceSourceZh' in ground) out.push(['accountabilityGround.practiceSourceZh', ground.practiceSourceZh]);
  if (letter.signatoryZh !== undefined) out.push(['signatoryZh', letter.signatoryZh]);
  letter.requirementsZh.forEach((r, i) => out.push([`requirementsZh[${i}]`, r]));
  (letter.ccZh ?? []).forEach((c, i) => out.push([`ccZh[${i}]`, c]));
  return out;
}

/** Throws LetterError LETTER_INVALID or LETTER_PERSONAL_DATA_SUSPECTED; returns the letter typed. */
export function assertValidLetter(input: unknown): SupervisionLetter {
  const problems = validateLetter(input);
  if (problems.length > 0) {
    throw new LetterError(
      'LETTER_INVALID',
      `督办文书内容不完整或不一致：${problems.map((p) => p.path || '(root)').join('、')}`,
      `Invalid supervision letter: ${problems.map((p) => `${p.path || '(root)'} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const letter = input as SupervisionLetter;
  const suspicious = freeTexts(letter)
    .filter(([, v]) => ID_CARD_PATTERN.test(v) || MOBILE_PATTERN.test(v))
    .map(([path]) => ({ path, message: 'looks like an ID-card or mobile number' }));
  if (suspicious.length > 0) {
    throw new LetterError(
      'LETTER_PERSONAL_DATA_SUSPECTED',
      `督办文书不得载明信访人个人信息，以下字段疑似含有身份证号或手机号：${suspicious.map((p) => p.path).join('、')}`,
      `Supervision letters must not carry personal data; these fields look like they hold an ID-card or phone number: ${suspicious.map((p) => p.path).join(', ')}`,
      suspicious,
    );
  }
  return letter;
}
