// End-to-end test of the page `dyad serve` serves, in Debian's headless chromium.
//
//   node tests/e2e/page.mjs BASE_URL SCREENSHOT.png
//
// BASE_URL is a running `dyad serve` over a store holding the seed article (its drone strike on
// a U.S. outpost in Jordan: CAMEO 190, REB → USA). Exits non-zero with a message on the first
// failed check. `.ci/install-browser` installs chromium and this directory's node_modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2];
const shot = process.argv[3];
if (!base || !shot) {
  console.error('usage: node page.mjs BASE_URL SCREENSHOT.png');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STRIKE = 'struck a U.S. outpost';
const TIMEOUT = 20000;

let passed = 0;
const failures = [];
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failures.push(name);
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}
class Fatal extends Error {}
function must(name, ok, detail) {
  if (!check(name, ok, detail)) throw new Fatal(`${name}${detail ? `: ${detail}` : ''}`);
}

const url = (q) => new URL(q, base.endsWith('/') ? base : base + '/').href;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dyad-e2e-chromium-'));
let browser;
const consoleErrors = [];
let code = 0;
try {
  if (!fs.existsSync(CHROMIUM)) throw new Fatal(`no chromium at ${CHROMIUM}: run .ci/install-browser`);
  // A persistent context on a fresh, empty profile directory (playwright's way to pass
  // --user-data-dir).
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1400, height: 1000 },
    headless: true,
    timeout: 60000,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`console error: ${m.text()}`);
  });

  // 1. The page loads with ?actor=USA, and the form restores the filter from the URL.
  const res = await page.goto(url('?actor=USA'), { waitUntil: 'domcontentloaded' });
  must('GET / answers 200', res && res.status() === 200, `status ${res && res.status()}`);
  await page.waitForSelector('#timeline li[data-event-id]', { timeout: TIMEOUT }).catch(() => {});
  const items = await page.locator('#timeline li[data-event-id]').count();
  must('timeline lists events for actor=USA', items > 0, `found ${items} items; status: ${await page.textContent('#status')}`);
  check('actor field restored from the URL', (await page.inputValue('#f-actor')) === 'USA', `value "${await page.inputValue('#f-actor')}"`);

  // 2. The drone strike is on the timeline, with CAMEO 190.
  const strike = page.locator('#timeline li[data-event-id]', { hasText: STRIKE });
  const strikeCount = await strike.count();
  must('timeline holds the drone strike sentence', strikeCount >= 1, `no item contains "${STRIKE}"`);
  const strikeCodes = await strike.evaluateAll((els) => els.map((e) => e.dataset.cameo));
  must('the drone strike is coded 190', strikeCodes.includes('190'), `codes ${JSON.stringify(strikeCodes)}`);
  const strike190 = strike.and(page.locator('[data-cameo="190"]')).first();

  // 3. Clicking it opens the document with that sentence marked.
  await strike190.click();
  await page.waitForSelector('#document mark', { timeout: TIMEOUT }).catch(() => {});
  const marks = await page.locator('#document mark').allTextContents();
  must('document view shows one marked sentence', marks.length === 1, `found ${marks.length} <mark>`);
  const mark = marks[0].trim();
  check('the marked sentence is the drone strike sentence', mark.includes(STRIKE) && /^The first long-awaited meeting/.test(mark) && mark.endsWith('service members.'), JSON.stringify(mark));
  const docText = await page.textContent('#document');
  check('the document shows text around the sentence', docText.length > mark.length + 100, `document ${docText.length} chars`);
  const detail = await page.textContent('#detail-fields');
  check('detail names the rule 190.strike.place', detail.includes('190.strike.place'), detail.slice(0, 200));
  check('detail names the source REB and target USA', /REB/.test(detail) && /USA/.test(detail));
  check('detail names the place Jordan with its coordinates', detail.includes('Jordan') && detail.includes('30.5852') && detail.includes('36.2384'));
  check('the clicked timeline item is selected', await strike190.evaluate((el) => el.classList.contains('selected')));

  // 4. Map points and chart bars.
  const circles = await page.locator('#map circle').count();
  must('map has at least one point', circles >= 1, `found ${circles}`);
  const jordan = await page.locator('#map circle[data-name="Jordan"]').count();
  check('map has a point for Jordan', jordan === 1, `found ${jordan}`);
  const outlines = await page.locator('#map path.country').count();
  check('map draws country outlines', outlines > 100, `found ${outlines} paths`);
  const bars = await page.locator('#chart rect.bar').count();
  must('chart has at least one bar', bars >= 1, `found ${bars}`);
  const q4bars = await page.locator('#chart rect.bar.q4').count();
  check('chart has a QuadClass 4 bar', q4bars >= 1, `found ${q4bars}`);
  check('chart draws the mean Goldstein line', (await page.locator('#chart .gold-line circle').count()) >= 1);
  check('alerts list the drone strike', (await page.locator('#alerts', { hasText: STRIKE }).count()) === 1);

  // 5. The CSV download: a Blob URL whose content has the header row and one row per event.
  const csv = await page.evaluate(async () => {
    const a = document.getElementById('download-csv');
    const r = await fetch(a.href);
    return { href: a.href, download: a.download, type: r.headers.get('content-type'), text: await r.text() };
  });
  check('CSV link is a blob URL with a .csv file name', csv.href.startsWith('blob:') && csv.download.endsWith('.csv'), `${csv.href} ${csv.download}`);
  const lines = csv.text.split('\r\n').filter((l) => l.length);
  const header = lines[0] ? lines[0].split(',') : [];
  const want = ['event_id', 'date_start', 'date_precision', 'source', 'target', 'cameo', 'quad_class', 'goldstein', 'country', 'lat', 'lon', 'sentence'];
  check('CSV has a header row with the required columns', want.every((c) => header.includes(c)), `header: ${lines[0]}`);
  const strikeRow = lines.find((l) => l.startsWith('f8a9681b8a1fb6b1,'));
  check('CSV has the drone strike row', Boolean(strikeRow) && strikeRow.includes(',190,') && strikeRow.includes('JOR'), strikeRow);
  check('CSV quotes fields with commas (RFC 4180)', Boolean(strikeRow) && strikeRow.includes('"The first long-awaited meeting took place Jan. 27, but'), strikeRow);
  const jsonText = await page.evaluate(async () => (await fetch(document.getElementById('download-json').href)).text());
  let jsonOk = false;
  try {
    jsonOk = JSON.parse(jsonText).events.length === items;
  } catch { /* not JSON */ }
  check('JSON download holds the events shown', jsonOk);

  // Screenshot of the page with the document open (before the filter changes below).
  await page.waitForTimeout(200);
  fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);

  // 6. Changing a filter updates the URL and the data.
  await page.selectOption('#f-quad', '4');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('quad') === '4', null, { timeout: TIMEOUT }).catch(() => {});
  const search = await page.evaluate(() => location.search);
  check('setting QuadClass 4 puts quad=4 in the URL', new URLSearchParams(search).get('quad') === '4', search);
  check('the URL keeps actor=USA', new URLSearchParams(search).get('actor') === 'USA', search);
  await page.waitForFunction(() => {
    const li = [...document.querySelectorAll('#timeline li[data-event-id]')];
    return li.length > 0 && li.every((e) => e.dataset.quad === '4');
  }, null, { timeout: TIMEOUT }).catch(() => {});
  const quads = await page.locator('#timeline li[data-event-id]').evaluateAll((els) => els.map((e) => e.dataset.quad));
  check('the timeline reloads with QuadClass 4 events only', quads.length > 0 && quads.every((q) => q === '4'), JSON.stringify(quads));
  const csv4 = await page.evaluate(async () => (await fetch(document.getElementById('download-csv').href)).text());
  const rows4 = csv4.split('\r\n').filter((l) => l.length).slice(1);
  check('the CSV follows the filter', rows4.length === quads.length, `${rows4.length} rows, ${quads.length} items`);

  // 7. A filter the server rejects shows its message in the status area.
  await page.fill('#f-from', 'not-a-date');
  await page.press('#f-from', 'Enter');
  await page.waitForFunction(() => document.getElementById('status').classList.contains('error'), null, { timeout: TIMEOUT }).catch(() => {});
  const status = await page.textContent('#status');
  check('a bad date shows the API error in the status area', /error/i.test(status) && /from/.test(status), JSON.stringify(status));

  // 8. Loading a URL restores the filters into the form.
  await page.goto(url('?dyad=USA-IRQ&quad=4&level=cluster&by=month'), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => !document.getElementById('status').classList.contains('busy'), null, { timeout: TIMEOUT }).catch(() => {});
  const restored = await page.evaluate(() => ({
    dyad: document.getElementById('f-dyad').value,
    quad: document.getElementById('f-quad').value,
    level: document.getElementById('f-level').value,
    by: document.getElementById('f-by').value,
  }));
  check('a URL restores dyad, quad, level and by into the form', restored.dyad === 'USA-IRQ' && restored.quad === '4' && restored.level === 'cluster' && restored.by === 'month', JSON.stringify(restored));

  // 9. Empty results do not break the page.
  await page.goto(url('?actor=ZZZ'), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => !document.getElementById('status').classList.contains('busy'), null, { timeout: TIMEOUT }).catch(() => {});
  const emptyStatus = await page.textContent('#status');
  check('an empty result renders without an error', /^0 events/.test(emptyStatus) && (await page.locator('#timeline li.empty').count()) === 1, JSON.stringify(emptyStatus));

  check('no JavaScript errors in the console', consoleErrors.filter((e) => !/status of 4\d\d/.test(e)).length === 0, consoleErrors.join(' | '));
} catch (e) {
  if (!(e instanceof Fatal)) {
    failures.push(`unexpected error: ${e.message}`);
    console.log(`FAIL unexpected error: ${e.stack || e.message}`);
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failures.length} failed`);
if (failures.length) {
  console.error(`e2e failed: ${failures.join('; ')}`);
  code = 1;
}
process.exit(code);
