import { composeLetter, type LetterContent } from './letter-content';
import type { SupervisionLetter } from './letter.model';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

// Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/26/35/28 mm, body in 三号 (16pt)
// 仿宋 at about 22 lines a page, title in 二号 (22pt) 小标宋, issuer and rule in red.
const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html { background: #e9e9e9; }
body { margin: 0; color: #000; }
.letter {
  width: 210mm; min-height: 297mm; margin: 12px auto; padding: 37mm 26mm 35mm 28mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0, 0, 0, .25);
  font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC",
    "Noto Serif SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
  font-size: 16pt; line-height: 28.9pt;
}
.issuer {
  margin: 0; text-align: center; color: #d40000; font-size: 26pt; line-height: 1.3; font-weight: bold; letter-spacing: .08em;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Noto Serif SC", "SimSun", serif;
}
.red-rule { margin: 6pt 0 0; border-top: 2pt solid #d40000; border-bottom: .75pt solid #d40000; height: 3.5pt; }
.doc-no-line { display: flex; justify-content: space-between; margin: 4pt 0 0; }
.doc-no-line .letter-no { margin-left: auto; }
.title {
  margin: 28.9pt 0 28.9pt; text-align: center; font-size: 22pt; line-height: 1.45; font-weight: bold;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Noto Serif SC", "SimSun", serif;
}
.salutation { margin: 0; }
.para { margin: 0; text-indent: 2em; text-align: justify; }
.signature { display: flex; justify-content: flex-end; margin: 57.8pt 0 0; }
.signature-block { display: inline-block; margin-right: 4em; text-align: center; }
.signature-block div { white-space: nowrap; }
.cc { margin: 57.8pt 0 0; border-top: .75pt solid #000; border-bottom: .75pt solid #000; font-size: 14pt; line-height: 2; padding: 0 1em; }
.gloss { margin: 24pt 0 0; font: 8pt/1.4 Helvetica, Arial, sans-serif; color: #777; }
@media print {
  html { background: none; }
  .letter { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`.trim();

function paragraph(className: string, text: string, extra = ''): string {
  return `<p class="${className}"${extra}>${escapeHtml(text)}</p>`;
}

function renderContentHtml(c: LetterContent): string {
  const e = escapeHtml;
  const body = c.paragraphsZh.map((p) => paragraph(`para para--${p.role}`, p.text)).join('\n    ');
  const noLine = [
    c.signatoryLineZh ? `<span class="signatory">${e(c.signatoryLineZh)}</span>` : '',
    `<span class="letter-no">${e(c.letterNo)}</span>`,
  ].join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${e(c.kindTitleEn)}">
<title>${e(c.titleZh)}</title>
<style>
${CSS}
</style>
</head>
<body>
<!-- Document type: ${c.kindTitleEn}. Identifies the case by its ID only; no petitioner personal data. -->
<article class="letter letter--${c.kind}" data-letter-kind="${c.kind}">
  <header class="letter-head">
    <p class="issuer">${e(c.issuerZh)}</p>
    <div class="red-rule" role="presentation"></div>
    <p class="doc-no-line">${noLine}</p>
  </header>
  <h1 class="title">${e(c.titleZh)}</h1>
  <main class="letter-body">
    ${paragraph('salutation', c.salutationZh)}
    ${body}
  </main>
  <div class="signature"><div class="signature-block">
    <div class="signature-issuer">${e(c.signature.issuerZh)}</div>
    <div class="signature-date">${e(c.signature.dateZh)}</div>
  </div></div>
  ${c.ccLineZh ? `<footer class="cc">${e(c.ccLineZh)}</footer>` : ''}
  ${paragraph('gloss', c.glossEn, ' lang="en"')}
</article>
</body>
</html>
`;
}

/**
 * A complete, standalone, printable HTML5 document of the letter (inline CSS, no external
 * resources). Every piece of text from the model is escaped. Throws LetterError on an invalid letter.
 */
export function renderLetterHtml(letter: SupervisionLetter): string {
  return renderContentHtml(composeLetter(letter));
}
