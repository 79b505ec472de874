import { Injectable, Optional } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { IssueLetterInput, IssuedLetter } from '@petitions/contracts';
import { CONTENT_CATEGORIES, PETITION_KIND_NAMES, type PetitionKind, shanghaiYear } from '@petitions/domain';
import { LetterError, formatLetterNo, renderLetterHtml, renderLetterPdf, type SupervisionLetter } from '@petitions/letters';
import { LettersStore, UnitDirectory } from '@petitions/read-model';

/** The body that signs supervision letters; configurable because each city's joint office has its own. */
export interface IssuingBody { id: string; nameZh: string; abbrev: string }

export const DEFAULT_ISSUING_BODY: IssuingBody = { id: 'joint-office', nameZh: '信访工作联席会议办公室', abbrev: '信联办' };

const STEP_ZH: Record<string, string> = {
  route: '转送交办', receive: '签收登记', notify: '书面告知信访人', acceptance: '作出受理决定', handling: '办理并书面答复',
  decideReview: '作出复查意见', decideReReview: '作出复核意见',
};
const REQUIREMENTS_ZH: Record<IssueLetterInput['letterKind'], string[]> = {
  reminder_letter: ['立即组织办理，依法履行相关程序', '在反馈期限内书面报告办理进展和结果'],
  listed_supervision_notice: ['单位主要负责人牵头，逐项落实办理措施', '每周报告办理进展，办结后书面反馈结果', '逾期未办结的，将提出问责建议'],
  accountability_recommendation: ['对超期未办的原因及相关责任人员作出说明', '依照上述规定研究提出处理意见并书面反馈'],
};

/** An article of the Regulation (第N条) is cited as such; anything else is a practice policy's own source (cited by its Chinese part). */
const REGULATION_ARTICLE = /^第[〇零一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?$/u;
function citation(text: string): { article: string } | { practiceSourceZh: string } {
  return REGULATION_ARTICLE.test(text) ? { article: text } : { practiceSourceZh: text.split(' / ')[0].trim() };
}

function issuingBodyFromEnv(env: NodeJS.ProcessEnv): IssuingBody {
  const [id, nameZh, abbrev] = (env.LETTER_ISSUING_BODY ?? '').split('|');
  return id && nameZh && abbrev ? { id, nameZh, abbrev } : DEFAULT_ISSUING_BODY;
}

/** Activity: issue one supervision letter (number, HTML, PDF) in one transaction; a retry returns the same letter. */
@Injectable()
export class LetterIssuingActivities {
  private readonly body = issuingBodyFromEnv(process.env);

  /** Without a directory (or for a unit it does not know) a letter names the unit by its id. */
  constructor(private readonly store: LettersStore, @Optional() private readonly directory?: UnitDirectory) {}

  async issueLetter(input: IssueLetterInput): Promise<IssuedLetter> {
    // The names the units had on the letter's date (a unit renamed later keeps its old name on this letter). Read
    // before the numbering transaction: a second pooled connection taken inside it can exhaust the pool under load.
    const names = this.directory
      ? await this.directory.namesAsOf([input.recipientUnitId, input.addresseeUnitId ?? '', ...(input.copyToUnitIds ?? [])], input.issuedAt)
      : new Map<string, string>();
    const year = shanghaiYear(Date.parse(input.issuedAt));
    const stored = await this.store.issue({
      caseId: input.caseId,
      escalationKey: `${input.escalationKey}#${input.escalationNo}`,
      kind: input.letterKind,
      issuingBody: this.body.id,
      year,
      recipientUnit: input.recipientUnitId,
      deadlineKey: input.deadlineKey,
      issuedAt: input.issuedAt,
      feedbackDueAt: input.feedbackDueAt,
      ...(input.addresseeUnitId ? { addresseeUnit: input.addresseeUnitId, copyTo: input.copyToUnitIds ?? [] } : {}),
    }, async (seq) => {
      const letter = this.compose(input, formatLetterNo({ bodyAbbrev: this.body.abbrev, year, seq }), (id) => names.get(id) ?? id);
      try {
        return { letterNo: letter.letterNo, html: renderLetterHtml(letter), pdf: await renderLetterPdf(letter), model: letter };
      } catch (err) {
        // A letter that cannot be valid will not become valid on retry.
        if (err instanceof LetterError) throw ApplicationFailure.nonRetryable(`${err.code}: ${err.message}`, err.code);
        throw err;
      }
    });
    return { letterId: stored.letterId, letterNo: stored.letterNo, issuingBody: this.body.id };
  }

  private compose(input: IssueLetterInput, letterNo: string, nameOf: (id: string) => string): SupervisionLetter {
    const category = CONTENT_CATEGORIES.find((c) => c.code === input.caseFacts.category);
    return {
      kind: input.letterKind,
      letterNo,
      issuingBody: { id: this.body.id, nameZh: this.body.nameZh },
      // A recommendation goes to the body with authority over the unit (policy.accountability), the unit in copy (抄送).
      recipientUnit: { id: input.addresseeUnitId ?? input.recipientUnitId, nameZh: nameOf(input.addresseeUnitId ?? input.recipientUnitId) },
      ...(input.addresseeUnitId ? { failingUnit: { id: input.recipientUnitId, nameZh: nameOf(input.recipientUnitId) },
        ccZh: (input.copyToUnitIds ?? [input.recipientUnitId]).map(nameOf) } : {}),
      caseId: input.caseId,
      caseSummary: {
        registeredAt: input.caseFacts.registeredAt,
        categoryZh: category?.zh ?? input.caseFacts.category,
        kindZh: PETITION_KIND_NAMES[input.caseFacts.kind as PetitionKind]?.zh ?? input.caseFacts.kind,
        regionCode: input.caseFacts.regionCode,
      },
      breach: { stepZh: STEP_ZH[input.deadlineKey] ?? input.step, deadlineKey: input.deadlineKey, dueAt: input.breachDueAt, ...citation(input.article) },
      ...(input.letterKind === 'accountability_recommendation' && input.groundArticle ? { accountabilityGround: citation(input.groundArticle) } : {}),
      ...(input.feedbackDueAt ? { feedbackDueAt: input.feedbackDueAt } : {}),
      issuedAt: input.issuedAt,
      requirementsZh: REQUIREMENTS_ZH[input.letterKind],
    };
  }
}
