// A screenshot of a demo supervision letter as the system issues it, addressee named from the demo city's directory:
//   node -r @swc-node/register tools/seed/letter-screenshot.ts [outDir=docs/screenshots]
// A scratch database (created, migrated, dropped) holds the demo directory; the real letter activity numbers, names
// (as of the letter's date), renders and stores the letter; Debian Chromium (playwright-core) shows the stored HTML.
// Also writes the same letter withdrawn (已撤回, docs/calendar-years.md). Needs DATABASE_URL (or tools/setup/ensure-postgres.sh).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { LETTER_FONT_PACKAGE, markHtmlWithdrawn } from '../../libs/letters/src';
import { LettersStore, UnitDirectory, createReadModelDataSource, runMigrations } from '../../libs/read-model/src';
import { LetterIssuingActivities } from '../../activities/src/letters/letter-issuing.activities';
import { directoryUnitsOf } from './city-directory';
import { Rng, buildWorld } from './city-model';
import { databaseUrl, defaultServerUrl } from './generate-city';

const DATABASE = 'petitions_letter_screenshot';

function chromiumPath(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((d) => ['chromium', 'chromium-browser'].map((n) => join(d, n)));
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', ...onPath, '/usr/lib/chromium/chromium']
    .filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); apt-get install -y chromium, or set CHROMIUM_PATH`);
  return found;
}

/**
 * Chromium finds fonts through fontconfig: a config of our own adds the letter font the PDF uses (the npm package
 * Noto Serif SC), so the page shows Chinese without a system CJK font package.
 */
function fontconfigWithLetterFont(): string {
  const dir = mkdtempSync(join(tmpdir(), 'letter-fonts-'));
  const fonts = dirname(require.resolve(`${LETTER_FONT_PACKAGE}/package.json`));
  const file = join(dir, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir><cachedir>${dir}/cache</cachedir></fontconfig>`);
  return file;
}

async function admin(server: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: server });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'docs/screenshots');
  mkdirSync(out, { recursive: true });
  const server = defaultServerUrl();
  await admin(server, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(server, `CREATE DATABASE ${DATABASE}`);
  const url = databaseUrl(server, DATABASE);
  await runMigrations(url);
  const ds = await createReadModelDataSource(url, { poolSize: 2 }).initialize();
  try {
    // The demo city's directory (seed 1, as `npm run demo`): the town of the issue's example, u-320101012-town.
    const world = buildWorld(new Rng(1), 1);
    const directory = new UnitDirectory(ds);
    await directory.import(directoryUnitsOf(world), { changedBy: 'adm-demo', reason: '演示城市种子数据 / demo city seed', effectiveFrom: '2026-01-01T00:00:00+08:00' });
    const town = world.cities[0]!.counties[0]!.towns[11]!;
    const issued = await new LetterIssuingActivities(new LettersStore(ds), directory).issueLetter({
      caseId: 'petition-demoletter0000000001', escalationKey: 'handling:esc:reminder_letter', escalationNo: 1, letterKind: 'reminder_letter',
      recipientUnitId: town.id, deadlineKey: 'handling', step: 'handling', article: '第三十四条', breachDueAt: '2026-11-30T16:00:00.000Z',
      issuedAt: '2026-12-01T10:00:00+08:00', feedbackDueAt: '2026-12-31T16:00:00.000Z',
      caseFacts: { registeredAt: '2026-09-20T09:30:00+08:00', category: 'urban_construction', kind: 'claim', regionCode: town.region },
    });
    const letters = new LettersStore(ds);
    const doc = await letters.document(issued.letterId, 'html');
    const html = String(doc!.body);
    const name = (await directory.namesAsOf([town.id], '2026-12-01T02:00:00Z')).get(town.id)!;
    if (!html.includes(name)) throw new Error(`the letter does not name ${name}`);
    console.log(`${issued.letterNo}: addressed to ${name} (${town.id})`);

    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'],
      env: { ...process.env, FONTCONFIG_FILE: fontconfigWithLetterFont() } });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
      await page.setContent(html, { waitUntil: 'load' });
      await page.screenshot({ path: join(out, 'demo-letter-zh.png'), fullPage: true });
      await page.setContent(markHtmlWithdrawn(html, {
        at: '2027-01-04T10:00:00+08:00',
        reason: '2027年节假日安排（TEST，测试用，非官方）发布后，原违期期限顺延，违期不成立，本函撤回 / TEST arrangement (not official): the deadline moved, this letter is withdrawn',
      }), { waitUntil: 'load' });
      await page.screenshot({ path: join(out, 'demo-letter-withdrawn-zh.png'), fullPage: true });
    } finally {
      await browser.close();
    }
    console.log(`${join(out, 'demo-letter-zh.png')}, ${join(out, 'demo-letter-withdrawn-zh.png')}`);
  } finally {
    await ds.destroy();
    await admin(server, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
