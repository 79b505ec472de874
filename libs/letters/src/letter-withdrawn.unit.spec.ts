import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { markHtmlWithdrawn } from './letter-withdrawn';
import { SAMPLE_REMINDER_LETTER } from './letter.samples';
import { renderLetterHtml } from './render-html';
import { renderLetterPdf } from './render-pdf';

const EXTRACT = join(__dirname, 'testing', 'extract-pdf-text.mjs');
const pagesOf = (pdf: Buffer): string[] =>
  (JSON.parse(execFileSync(process.execPath, [EXTRACT], { input: pdf, maxBuffer: 16 * 1024 * 1024 }).toString('utf8')) as { pages: string[] }).pages;

const MARK = { at: '2027-01-04T10:00:00+08:00', reason: '2027年节假日安排（TEST）发布后违期不成立，本函撤回 <b>x</b> / withdrawn' };

describe('a withdrawn letter says so (已撤回 / WITHDRAWN)', () => {
  it('HTML: a banner with the reason (escaped) before the letter, which keeps its text', () => {
    const html = renderLetterHtml(SAMPLE_REMINDER_LETTER);
    const marked = markHtmlWithdrawn(html, MARK);
    const banner = marked.indexOf('data-letter-status="withdrawn"');
    expect(banner).toBeGreaterThan(marked.indexOf('<body>'));
    expect(banner).toBeLessThan(marked.indexOf('<article'));
    expect(marked).toContain('已撤回');
    expect(marked).toContain('WITHDRAWN');
    expect(marked).toContain('本函撤回 &lt;b&gt;x&lt;/b&gt;');
    expect(marked).not.toContain('<b>x</b>');
    expect(marked).toContain('class="letter letter--withdrawn ');
    expect(marked).toContain(SAMPLE_REMINDER_LETTER.letterNo);
  });

  it('PDF: every page stamped with the mark and the reason, the letter text unchanged', async () => {
    const plain = pagesOf(await renderLetterPdf(SAMPLE_REMINDER_LETTER));
    const stamped = pagesOf(await renderLetterPdf(SAMPLE_REMINDER_LETTER, { withdrawal: MARK }));
    expect(stamped).toHaveLength(plain.length);
    const flat = (s: string) => s.replace(/\s+/g, '');
    for (const [i, page] of stamped.entries()) {
      expect(flat(page)).toContain('已撤回WITHDRAWN');
      expect(flat(page)).toContain('违期不成立');
      expect(flat(page)).toContain(flat(plain[i]!).slice(0, 40));
    }
    expect(flat(plain.join(''))).not.toContain('已撤回');
  });
});
