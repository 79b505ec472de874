import { deadlinePassed, formatDayZh, formatDeadlineZh, formatInstantZh, isDayBoundary, lastDayInTime, shanghaiDay } from './letter-dates';
import {
  LETTER_KIND_BASIS_ARTICLE,
  LETTER_KIND_TITLE_EN,
  LETTER_KIND_TITLE_ZH,
  type LetterKind,
  type SupervisionLetter,
} from './letter.model';
import { assertValidLetter } from './letter-validate';

/**
 * The words of a letter, laid out by neither renderer: HTML and PDF print the same text from it.
 * Built from a whitelist of model fields only, so nothing else a caller passes can leak in.
 */
export interface LetterContent {
  kind: LetterKind;
  kindTitleZh: string;
  kindTitleEn: string;
  /** 发文机关标志 in the red header. */
  issuerZh: string;
  letterNo: string;
  /** '签发人：…' when a signatory is given. */
  signatoryLineZh?: string;
  titleZh: string;
  /** '某某单位：' */
  salutationZh: string;
  /** Body paragraphs in order, each indented two characters; requirements already numbered. */
  paragraphsZh: LetterParagraph[];
  signature: { issuerZh: string; dateZh: string };
  /** '抄送：甲，乙。' when copies go out. */
  ccLineZh?: string;
  /** Small English line identifying the document (not part of the official text). */
  glossEn: string;
}

export interface LetterParagraph {
  role: 'facts' | 'status' | 'intro' | 'requirement' | 'feedback' | 'privacy' | 'closing';
  text: string;
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (for 一、二、三、 numbering). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral supports 1–99, got ${n}`);
  if (n < 10) return NUMERALS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : NUMERALS[tens]}十${NUMERALS[n % 10]}`;
}

/** 《信访工作条例》第N条 for a duty of the Regulation; the practice policy's own source for a practice limit. */
export function citationZh(breach: { article?: string; practiceSourceZh?: string }): string {
  return breach.practiceSourceZh !== undefined ? breach.practiceSourceZh.trim() : `《信访工作条例》${breach.article}`;
}

/** Composes the letter's text after validating it (throws LetterError). */
export function composeLetter(input: SupervisionLetter): LetterContent {
  const l = assertValidLetter(input);
  const { caseSummary: cs, breach } = l;
  const issuer = l.issuingBody.nameZh.trim();
  const step = breach.stepZh.trim();
  const registered = formatDayZh(shanghaiDay(cs.registeredAt));
  const dueDay = lastDayInTime(breach.dueAt);
  const issuedDay = shanghaiDay(l.issuedAt);
  const daysOverdue = issuedDay - dueDay;
  // Day limits are written as days; shorter limits (hours, minutes) with their time.
  const byDay = isDayBoundary(breach.dueAt);
  const overdue = deadlinePassed(breach.dueAt, l.issuedAt);
  const due = formatDeadlineZh(breach.dueAt);
  const matter = cs.matterTitle?.trim();
  const subject = matter ? `“${matter}”信访事项` : '信访事项';
  // The measure by its article (art.39/40); the broken duty by its own article, or a practice limit by its source.
  const basis = `《信访工作条例》${LETTER_KIND_BASIS_ARTICLE[l.kind]}`;
  const duty = citationZh(breach);

  // A recommendation to the unit's superior or discipline body names the unit; otherwise the recipient is the unit.
  const unit = l.failingUnit ? l.failingUnit.nameZh.trim() : '你单位';
  let titleZh: string;
  let intro: string;
  switch (l.kind) {
    case 'reminder_letter':
      titleZh = `关于${subject}${overdue ? '办理逾期' : '即将到期'}的督办提醒函`;
      intro = `依照${basis}的规定，现予督办提醒。请你单位高度重视，按照以下要求抓紧办理：`;
      break;
    case 'listed_supervision_notice':
      titleZh = `关于对${subject}实行挂牌督办的通知`;
      intro = `依照${basis}的规定，决定对该信访事项实行挂牌督办。现将有关要求通知如下：`;
      break;
    case 'accountability_recommendation': {
      titleZh = `关于${subject}办理逾期问题的问责建议函`;
      // The ground (art.43–46) belongs here only: validated as present on a recommendation.
      const ground = l.accountabilityGround!;
      const groundText = 'article' in ground
        ? `属于《信访工作条例》${ground.article}规定的情形`
        : `不符合${ground.practiceSourceZh.trim()}的规定`;
      intro = `${unit}的上述行为${groundText}。依照${basis}的规定，现${l.failingUnit ? '' : '向你单位'}提出问责建议如下：`;
      break;
    }
  }

  const paragraphs: LetterParagraph[] = [
    {
      role: 'facts',
      text:
        `${registered}登记的信访事项（案件编号：${l.caseId.trim()}；内容分类：${cs.categoryZh.trim()}；` +
        `事项类别：${cs.kindZh.trim()}；行政区划代码：${cs.regionCode}）${matter ? `，事由为“${matter}”，` : '，'}` +
        `由${unit}负责办理。依照${duty}的规定，${unit}应当于${due}前完成${step}。`,
    },
    {
      role: 'status',
      text:
        !overdue
          ? `经核查，截至${byDay ? formatDayZh(issuedDay) : formatInstantZh(l.issuedAt)}，${unit}尚未完成${step}，该项工作将于${due}到期。`
          : byDay
            ? `经核查，截至${formatDayZh(issuedDay)}，${unit}仍未完成${step}，已超过规定期限${daysOverdue}日。`
            : `经核查，截至${formatInstantZh(l.issuedAt)}，${unit}仍未完成${step}，已超过规定期限（${due}）。`,
    },
    { role: 'intro', text: intro },
    ...l.requirementsZh.map((r, i) => ({ role: 'requirement' as const, text: `${chineseNumeral(i + 1)}、${r.trim()}` })),
  ];
  if (l.feedbackDueAt !== undefined) {
    const what = l.kind === 'accountability_recommendation' ? '问责处理情况' : '办理情况';
    paragraphs.push({
      role: 'feedback',
      text: `请于${formatDeadlineZh(l.feedbackDueAt)}前将${what}书面反馈${issuer}。`,
    });
  }
  const docWord = l.kind === 'listed_supervision_notice' ? '通知' : '函';
  paragraphs.push(
    {
      role: 'privacy',
      text: `本${docWord}仅列明案件编号，不载明信访人个人信息。请你单位凭案件编号在信访信息系统中调阅案件材料，并依法保护信访人个人信息。`,
    },
    { role: 'closing', text: l.kind === 'listed_supervision_notice' ? '特此通知。' : '特此函告。' },
  );

  const cc = (l.ccZh ?? []).map((c) => c.trim());
  return {
    kind: l.kind,
    kindTitleZh: LETTER_KIND_TITLE_ZH[l.kind],
    kindTitleEn: LETTER_KIND_TITLE_EN[l.kind],
    issuerZh: issuer,
    letterNo: l.letterNo,
    signatoryLineZh: l.signatoryZh ? `签发人：${l.signatoryZh.trim()}` : undefined,
    titleZh,
    salutationZh: `${l.recipientUnit.nameZh.trim()}：`,
    paragraphsZh: paragraphs,
    signature: { issuerZh: issuer, dateZh: formatDayZh(issuedDay) },
    ccLineZh: cc.length > 0 ? `抄送：${cc.join('，')}。` : undefined,
    glossEn:
      `${LETTER_KIND_TITLE_EN[l.kind]} (${LETTER_KIND_TITLE_ZH[l.kind]}) from the petition supervision office to a ` +
      'responsible unit. It identifies the case by its ID only and carries no personal data of the petitioner.',
  };
}
