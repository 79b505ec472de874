export * from './letter.model';
export * from './letter-error';
export * from './letter-number';
export { formatDateZh, formatDayZh, lastDayInTime, parseLetterTime, shanghaiDay } from './letter-dates';
export { assertValidLetter, validateLetter, MAX_MATTER_TITLE_LENGTH, MAX_REQUIREMENTS } from './letter-validate';
export { chineseNumeral, composeLetter, type LetterContent, type LetterParagraph } from './letter-content';
export { escapeHtml, renderLetterHtml } from './render-html';
export * from './letter-font';
export { renderLetterPdf, type RenderLetterPdfOptions } from './render-pdf';
