/**
 * Supervision letters (督办文书) sent by the supervision office to a responsible unit.
 *
 * A letter names the case by its id only: it carries no petitioner personal data (name, ID number,
 * phone, address). The unit looks the case up in the system with the id; the letter says so.
 * render-html and render-pdf print only the fields below, so an extra property smuggled in at run
 * time never reaches the document.
 */
export const LETTER_KINDS = ['reminder_letter', 'listed_supervision_notice', 'accountability_recommendation'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** An organisation: the issuing body or the responsible unit. Never a person. */
export interface LetterOrg {
  id: string;
  nameZh: string;
}

export interface LetterCaseSummary {
  /** ISO 8601 instant with offset, or a Shanghai calendar date 'YYYY-MM-DD'. */
  registeredAt: string;
  /** Content category (内容分类), e.g. 城乡建设. */
  categoryZh: string;
  /** Kind of petition, e.g. 申诉求决类. */
  kindZh: string;
  /** Administrative region code (行政区划代码), e.g. 310104. */
  regionCode: string;
  /** Short subject of the matter, no personal data (at most 40 characters). */
  matterTitle?: string;
}

export interface LetterBreach {
  /** The step the unit failed to finish, e.g. 办理并书面答复信访人. */
  stepZh: string;
  /** Domain deadline key (route, notify, acceptance, handling, …); kept for traceability, not printed. */
  deadlineKey: string;
  /**
   * When the deadline ran out, as the domain computes it (ISO instant). A day limit ends at 00:00
   * Asia/Shanghai after its last day, so the letter prints that last day.
   */
  dueAt: string;
  /**
   * Article of 《信访工作条例》 that sets the broken duty, e.g. 第三十四条 (route 第二十二条, notice 第二十三条,
   * acceptance 第三十一条, handling 第三十四条, review 第三十五条, re-review 第三十六条). Left out for a
   * practice limit the Regulation does not set (e.g. receipt), which cites practiceSourceZh instead.
   */
  article?: string;
  /** The own source of a practice limit (a local or example policy, e.g. 某市《…工作规程》第五条); never the Regulation. */
  practiceSourceZh?: string;
}

/**
 * The accountability ground of a recommendation (问责建议函 only): an article of 《信访工作条例》 from
 * 第四十三条 to 第四十六条, or, for a practice limit, the practice policy's own source.
 */
export type AccountabilityGround = { article: string } | { practiceSourceZh: string };

export interface SupervisionLetter {
  kind: LetterKind;
  /** Official number (发文字号), e.g. 沪徐信督〔2026〕17号; see letter-number.ts. */
  letterNo: string;
  issuingBody: LetterOrg;
  recipientUnit: LetterOrg;
  /**
   * The unit that failed its duty, when the letter goes to another body (an accountability recommendation to its
   * superior or the discipline body, the unit in copy); absent: the recipient is that unit ("你单位").
   */
  failingUnit?: LetterOrg;
  caseId: string;
  caseSummary: LetterCaseSummary;
  breach: LetterBreach;
  /** Required on an accountability recommendation, refused on the other kinds (they cite no ground). */
  accountabilityGround?: AccountabilityGround;
  /** Deadline for the unit's written feedback (ISO instant or date), printed when present. */
  feedbackDueAt?: string;
  /** ISO instant or date; the 成文日期 and the year of the letter number. */
  issuedAt: string;
  /** What the unit must do; numbered 一、二、三、 in the letter. */
  requirementsZh: string[];
  /** The official who signs the letter (签发人). */
  signatoryZh?: string;
  /** Organisations that receive a copy (抄送), printed on the 抄送 line. */
  ccZh?: string[];
}

export const LETTER_KIND_TITLE_ZH: Record<LetterKind, string> = {
  reminder_letter: '督办提醒函',
  listed_supervision_notice: '挂牌督办通知',
  accountability_recommendation: '问责建议函',
};

export const LETTER_KIND_TITLE_EN: Record<LetterKind, string> = {
  reminder_letter: 'Supervision reminder letter',
  listed_supervision_notice: 'Listed-supervision notice',
  accountability_recommendation: 'Accountability recommendation letter',
};

/**
 * Article of 《信访工作条例》 for the supervision measure each kind of letter takes (see shared docs/domain.md,
 * "Supervision and accountability"): 督办 and 问责建议 under art.40, 挂牌督办 (a joint-meeting measure) under
 * art.39. The broken duty is cited by its own article (breach.article), the ground of a recommendation by
 * accountabilityGround (art.43–46).
 */
export const LETTER_KIND_BASIS_ARTICLE: Record<LetterKind, string> = {
  reminder_letter: '第四十条',
  listed_supervision_notice: '第三十九条',
  accountability_recommendation: '第四十条',
};
