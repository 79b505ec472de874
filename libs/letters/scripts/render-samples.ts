// Renders one sample of each letter kind to <out>/<kind>.pdf and .html, for looking at the layout:
//   node -r @swc-node/register libs/letters/scripts/render-samples.ts [outDir=tmp/letters-sample]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderLetterHtml } from '../src/render-html';
import { renderLetterPdf } from '../src/render-pdf';
import { SAMPLE_LETTERS } from '../src/letter.samples';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'tmp/letters-sample');
  mkdirSync(out, { recursive: true });
  for (const letter of SAMPLE_LETTERS) {
    const pdf = await renderLetterPdf(letter);
    writeFileSync(join(out, `${letter.kind}.pdf`), pdf);
    writeFileSync(join(out, `${letter.kind}.html`), renderLetterHtml(letter));
    console.log(`${join(out, letter.kind)}.{pdf,html}  ${pdf.length} bytes`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
