import { formatDateZh, lastDayInTime, formatDayZh } from './letter-dates';
import { LetterError } from './letter-error';
import type { LetterBreach, LetterCaseSummary, LetterOrg, SupervisionLetter } from './letter.model';
import {
  SAMPLE_ACCOUNTABILITY_RECOMMENDATION,
  SAMPLE_LISTED_SUPERVISION_NOTICE,
  SAMPLE_REMINDER_LETTER,
} from './letter.samples';
import { escapeHtml, renderLetterHtml } from './render-html';

const reminder = SAMPLE_REMINDER_LETTER;

function letterWith(patch: Partial<SupervisionLetter>): SupervisionLetter {
  return { ...reminder, ...patch };
}

function thrown(fn: () => unknown): LetterError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LetterError);
    return e as LetterError;
  }
  throw new Error('expected a LetterError');
}

/** Text content of the first element with the class, tags stripped (entities left as they are). */
function classText(html: string, cls: string): string {
  const m = new RegExp(`<(\\w+) class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? m[2].replace(/<[^>]+>/g, '').trim() : '';
}

describe('renderLetterHtml: document structure', () => {
  const html = renderLetterHtml(reminder);

  it('is a complete standalone HTML5 document in zh-CN with inline CSS and no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]*@page \{ size: A4;[\s\S]*<\/style>/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|https?:\/\/|url\(/i);
  });

  it('has the red header with the issuing body, the rule and the letter number', () => {
    expect(classText(html, 'issuer')).toBe('徐汇区信访工作联席会议办公室');
    expect(html).toMatch(/\.issuer \{[^}]*color: #d40000/);
    expect(html).toMatch(/\.red-rule \{[^}]*solid #d40000/);
    expect(classText(html, 'letter-no')).toBe('沪徐信督〔2026〕17号');
  });

  it('has the title, the salutation and the body in reading order', () => {
    const title = classText(html, 'title');
    expect(title).toBe('关于“老旧小区加装电梯补贴发放”信访事项办理逾期的督办提醒函');
    expect(html).toContain(`<title>${title}</title>`);
    expect(classText(html, 'salutation')).toBe('徐汇区住房保障和房屋管理局：');
    const order = [
      'class="issuer"',
      'class="letter-no"',
      'class="title"',
      'class="salutation"',
      '案件编号：XF-2026-310104-000123',
      '《信访工作条例》第三十四条',
      '应当于2026年4月16日前完成办理并书面答复信访人',
      '已超过规定期限4日',
      '《信访工作条例》第四十条',
      '一、收到本函后',
      '二、查明逾期原因',
      '三、办理过程中',
      '请于2026年4月30日前将办理情况书面反馈徐汇区信访工作联席会议办公室。',
      '特此函告。',
      'class="signature-issuer">徐汇区信访工作联席会议办公室',
      'class="signature-date">2026年4月20日',
    ];
    const positions = order.map((s) => html.indexOf(s));
    positions.forEach((p, i) => expect([order[i], p]).not.toEqual([order[i], -1]));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('says that the letter names the case by id only', () => {
    expect(html).toContain('本函仅列明案件编号，不载明信访人个人信息');
  });

  it('identifies the document type in English in a comment and a footer line', () => {
    expect(html).toContain('<!-- Document type: Supervision reminder letter.');
    expect(html).toMatch(/<p class="gloss" lang="en">Supervision reminder letter \(督办提醒函\)/);
  });

  it('prints the feedback sentence and the 抄送 line only when given', () => {
    const bare = renderLetterHtml(letterWith({ feedbackDueAt: undefined, ccZh: undefined, signatoryZh: undefined }));
    expect(bare).not.toContain('书面反馈');
    expect(bare).not.toContain('抄送');
    expect(bare).not.toContain('签发人');
    const full = renderLetterHtml(letterWith({ ccZh: ['徐汇区人民政府办公室', '上海市信访办公室'], signatoryZh: '王建国' }));
    expect(classText(full, 'cc')).toBe('抄送：徐汇区人民政府办公室，上海市信访办公室。');
    expect(classText(full, 'signatory')).toBe('签发人：王建国');
  });

  it('numbers many requirements 一、… 十、十一、', () => {
    const reqs = Array.from({ length: 11 }, (_, i) => `第${i + 1}项要求。`);
    const out = renderLetterHtml(letterWith({ requirementsZh: reqs }));
    expect(out).toContain('九、第9项要求。');
    expect(out).toContain('十、第10项要求。');
    expect(out).toContain('十一、第11项要求。');
  });
});

describe('renderLetterHtml: the three kinds', () => {
  it('listed-supervision notice', () => {
    const html = renderLetterHtml(SAMPLE_LISTED_SUPERVISION_NOTICE);
    expect(classText(html, 'title')).toBe('关于对“房屋不动产登记更正”信访事项实行挂牌督办的通知');
    expect(html).toContain('《信访工作条例》第三十九条的规定，决定对该信访事项实行挂牌督办');
    expect(html).toContain('本通知仅列明案件编号');
    expect(html).toContain('特此通知。');
    expect(html).toContain('data-letter-kind="listed_supervision_notice"');
    expect(html).toContain('Listed-supervision notice');
  });

  it('accountability recommendation letter', () => {
    const html = renderLetterHtml(SAMPLE_ACCOUNTABILITY_RECOMMENDATION);
    expect(classText(html, 'title')).toBe('关于信访事项办理逾期问题的问责建议函');
    expect(html).toContain('现向你单位提出问责建议如下：');
    expect(html).toContain('请于2026年6月11日前将问责处理情况书面反馈');
    expect(html).toContain('已超过规定期限74日');
    expect(html).toContain('抄送：徐汇区纪委监委。');
    expect(html).toContain('Accountability recommendation letter');
  });

  it('a reminder sent before the deadline warns instead of reporting a breach', () => {
    const html = renderLetterHtml(letterWith({ issuedAt: '2026-04-10T09:00:00+08:00' }));
    expect(classText(html, 'title')).toContain('即将到期的督办提醒函');
    expect(html).toContain('该项工作将于2026年4月16日到期');
    expect(html).not.toContain('已超过规定期限');
  });
});

describe('renderLetterHtml: escaping', () => {
  const evil = '<script>alert("x")</script>';
  const html = renderLetterHtml({
    ...reminder,
    issuingBody: { id: 'x', nameZh: '徐汇区<b>信访</b>办' },
    recipientUnit: { id: 'y', nameZh: '"><img src=x onerror=alert(1)>' },
    caseId: "XF-1'\"<i>",
    caseSummary: { ...reminder.caseSummary, matterTitle: evil, categoryZh: 'A&B', kindZh: '</p><p>' },
    breach: { ...reminder.breach, stepZh: '<style>body{display:none}</style>' },
    requirementsZh: ['<a href="javascript:alert(1)">点我</a>', '-->&lt;already'],
    signatoryZh: '<u>王</u>',
    ccZh: ['<iframe>'],
  });

  it('escapes every piece of model text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<u>');
    expect(html).not.toContain('<iframe');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('</p><p>');
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('XF-1&#39;&quot;&lt;i&gt;');
    expect(html).toContain('A&amp;B');
    expect(html).toContain('--&gt;&amp;lt;already');
  });

  it('keeps the English comment closed whatever the model holds', () => {
    expect(html.match(/<!--/g)).toHaveLength(1);
    expect(html.match(/-->/g)).toHaveLength(1);
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('dates are Asia/Shanghai calendar days written YYYY年M月D日', () => {
  it('formats instants in Shanghai time whatever the offset they are written with', () => {
    expect(formatDateZh('2026-03-05T15:59:59Z')).toBe('2026年3月5日');
    expect(formatDateZh('2026-03-05T16:00:00Z')).toBe('2026年3月6日');
    expect(formatDateZh('2026-03-05T23:30:00-05:00')).toBe('2026年3月6日');
    expect(formatDateZh('2026-12-31T16:00:00.000Z')).toBe('2027年1月1日');
    expect(formatDateZh('2026-03-05')).toBe('2026年3月5日');
  });

  it('prints the last day still in time for a deadline that ends at Shanghai midnight', () => {
    expect(formatDayZh(lastDayInTime('2026-04-16T16:00:00.000Z'))).toBe('2026年4月16日');
    expect(formatDayZh(lastDayInTime('2026-04-17T00:00:00+08:00'))).toBe('2026年4月16日');
    expect(formatDayZh(lastDayInTime('2026-04-17T10:00:00+08:00'))).toBe('2026年4月17日');
    expect(formatDayZh(lastDayInTime('2026-04-16'))).toBe('2026年4月16日');
  });

  it('does not depend on the host time zone', () => {
    const saved = process.env.TZ;
    const render = () => renderLetterHtml(letterWith({ caseSummary: { ...reminder.caseSummary, registeredAt: '2026-01-20T17:30:00Z' } }));
    try {
      process.env.TZ = 'America/Los_Angeles';
      const la = render();
      process.env.TZ = 'Pacific/Kiritimati';
      const kiribati = render();
      expect(la).toBe(kiribati);
      expect(la).toContain('2026年1月21日登记的信访事项');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('validation', () => {
  it.each<[string, Partial<SupervisionLetter>, string]>([
    ['an instant without offset', { issuedAt: '2026-04-20T09:30:00' }, 'issuedAt'],
    ['an impossible date', { feedbackDueAt: '2026-02-30' }, 'feedbackDueAt'],
    ['a malformed letter number', { letterNo: '沪徐信督(2026)17号' }, 'letterNo'],
    ['a letter number of another year', { letterNo: '沪徐信督〔2025〕17号' }, 'letterNo'],
    ['no requirements', { requirementsZh: [] }, 'requirementsZh'],
    ['a blank requirement', { requirementsZh: ['  '] }, 'requirementsZh[0]'],
    ['an unknown kind', { kind: 'warning' as SupervisionLetter['kind'] }, 'kind'],
    ['a line break in a field', { caseId: 'XF\n1' }, 'caseId'],
    ['a feedback deadline before the letter', { feedbackDueAt: '2026-04-19T16:00:00Z' }, 'feedbackDueAt'],
    ['a bad region code', { caseSummary: { ...reminder.caseSummary, regionCode: '31A104' } }, 'caseSummary.regionCode'],
    ['a bad article', { breach: { ...reminder.breach, article: 'art.34' } }, 'breach.article'],
    ['an over-long matter title', { caseSummary: { ...reminder.caseSummary, matterTitle: '长'.repeat(41) } }, 'caseSummary.matterTitle'],
    ['a listed notice before the deadline', { kind: 'listed_supervision_notice', issuedAt: '2026-04-16T12:00:00+08:00' }, 'issuedAt'],
  ])('rejects %s (LETTER_INVALID at %s)', (_label, patch, path) => {
    const err = thrown(() => renderLetterHtml(letterWith(patch)));
    expect(err.code).toBe('LETTER_INVALID');
    expect(err.problems.map((p) => p.path)).toContain(path);
    expect(err.messageZh).toContain(path);
  });

  it('rejects a non-object', () => {
    expect(thrown(() => renderLetterHtml(null as unknown as SupervisionLetter)).code).toBe('LETTER_INVALID');
  });
});

describe('no petitioner personal data', () => {
  it('the model has no field for it (compile-time exhaustive list of fields)', () => {
    // Adding a field to any of these types breaks compilation here, so the list below stays complete.
    const letterFields: Record<keyof SupervisionLetter, true> = {
      kind: true, letterNo: true, issuingBody: true, recipientUnit: true, caseId: true, caseSummary: true,
      breach: true, accountabilityGround: true, feedbackDueAt: true, issuedAt: true, requirementsZh: true, signatoryZh: true, ccZh: true, failingUnit: true,
    };
    const summaryFields: Record<keyof LetterCaseSummary, true> = {
      registeredAt: true, categoryZh: true, kindZh: true, regionCode: true, matterTitle: true,
    };
    const breachFields: Record<keyof LetterBreach, true> = { stepZh: true, deadlineKey: true, dueAt: true, article: true, practiceSourceZh: true };
    const orgFields: Record<keyof LetterOrg, true> = { id: true, nameZh: true };
    const all = [letterFields, summaryFields, breachFields, orgFields].flatMap((o) => Object.keys(o));
    const personal = /petitioner|person|citizen|people|name(?!Zh$)|phone|mobile|tel|email|address|addr|idcard|idno|identity|birth|gender|sex|age$|ethnic|household|hukou|visitor/i;
    expect(all.filter((k) => personal.test(k))).toEqual([]);
    // The only nameZh fields are organisations'.
    expect(Object.keys(orgFields)).toEqual(['id', 'nameZh']);
  });

  it('never prints extra properties a caller slips in', () => {
    const smuggled = {
      ...reminder,
      petitioner: { name: '张小明', idNumber: '310104199001011234', phone: '13800138000', address: '示例路88弄' },
      petitionerName: '张小明',
      caseSummary: { ...reminder.caseSummary, petitionerPhone: '13800138000' },
    } as SupervisionLetter;
    const html = renderLetterHtml(smuggled);
    for (const secret of ['张小明', '310104199001011234', '13800138000', '示例路88弄']) expect(html).not.toContain(secret);
  });

  it('refuses free text that looks like an ID-card or mobile number', () => {
    const err = thrown(() =>
      renderLetterHtml(letterWith({
        caseSummary: { ...reminder.caseSummary, matterTitle: '联系人13800138000' },
        requirementsZh: ['核实310104199001011234的情况'],
      })),
    );
    expect(err.code).toBe('LETTER_PERSONAL_DATA_SUSPECTED');
    expect(err.problems.map((p) => p.path)).toEqual(['caseSummary.matterTitle', 'requirementsZh[0]']);
  });

  it('allows digits that are not personal data (case id, region code, dates)', () => {
    expect(() => renderLetterHtml(letterWith({ caseId: 'XF-2026-310104-000123', requirementsZh: ['于2026年4月30日前办结。'] }))).not.toThrow();
  });
});
