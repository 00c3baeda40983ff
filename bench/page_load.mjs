// First load of the dyad serve page in headless Chromium: for each URL given, a fresh browser
// profile (no cache) opens it, and the time from navigation start until the page has drawn
// its timeline, chart and alerts (the status line leaves "Loading…") is printed as JSON.
// usage: node bench/page_load.mjs BASE_URL [QUERY...]   (needs .ci/install-browser)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(path.dirname(new URL(import.meta.url).pathname), '../tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const [base, ...queries] = process.argv.slice(2);
const out = [];
for (const q of queries.length ? queries : ['']) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dyad-load-'));
  const browser = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  const t0 = Date.now();
  await page.goto(new URL(q ? `?${q}` : '', base).href, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => {
    const s = document.getElementById('status');
    return s && !/Loading/.test(s.textContent) && document.querySelectorAll('#chart rect.bar').length > 0;
  }, null, { timeout: 60000 });
  const ms = Date.now() - t0;
  const shown = await page.textContent('#status');
  const resources = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((r) => [new URL(r.name).pathname, Math.round(r.startTime), Math.round(r.responseEnd)]));
  out.push({ query: q, ms, status: shown, resources });
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
