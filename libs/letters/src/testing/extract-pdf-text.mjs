// Reads a PDF on stdin and prints {"pages": ["text of page 1", ...]} using pdf.js (pdfjs-dist).
// It runs as its own Node process because pdf.js is an ES module, which Jest's CommonJS runtime
// cannot load; the specs call it with child_process.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
await doc.destroy();
process.stdout.write(JSON.stringify({ pages }));
