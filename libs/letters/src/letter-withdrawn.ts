import { escapeHtml } from './render-html';

/**
 * A letter withdrawn with the breach that caused it (docs/calendar-years.md) keeps its number and text; its documents
 * carry the mark 已撤回 / WITHDRAWN and the reason. The HTML is marked from the stored document itself, so letters
 * issued before their model was kept are marked too.
 */
export interface LetterWithdrawalMark {
  /** When (ISO instant) and why (zh-CN, then English). */
  at: string;
  reason: string;
}

export const WITHDRAWN_TITLE_ZH = '已撤回';
export const WITHDRAWN_TITLE_EN = 'WITHDRAWN';

const STYLE = `<style>
.withdrawn-banner { max-width: 210mm; margin: 0 auto 12pt; padding: 10pt 14pt; border: 2pt solid #d40000; color: #d40000;
  background: #fff; font: 14pt/1.6 "FangSong", "STFangsong", serif; }
.withdrawn-banner strong { font-size: 20pt; letter-spacing: .3em; margin-right: 1em; }
.letter.letter--withdrawn { background-image: repeating-linear-gradient(-30deg, transparent 0 60pt, rgba(212,0,0,.06) 60pt 64pt); }
</style>`;

/** The stored HTML with the withdrawal banner at the top of the page (and a faint hatch over the letter). */
export function markHtmlWithdrawn(html: string, mark: LetterWithdrawalMark): string {
  const banner = `<div class="withdrawn-banner" role="note" data-letter-status="withdrawn"><strong>${WITHDRAWN_TITLE_ZH}</strong>`
    + `<span lang="en">${WITHDRAWN_TITLE_EN}</span><br>${escapeHtml(mark.reason)}<br>`
    + `<small>撤回时间 / Withdrawn at: ${escapeHtml(mark.at)}</small></div>`;
  const withStyle = html.includes('</head>') ? html.replace('</head>', `${STYLE}\n</head>`) : `${STYLE}${html}`;
  const withBanner = /<body[^>]*>/.test(withStyle) ? withStyle.replace(/<body[^>]*>/, (b) => `${b}\n${banner}`) : `${banner}${withStyle}`;
  return withBanner.replace('<article class="letter ', '<article class="letter letter--withdrawn ');
}
