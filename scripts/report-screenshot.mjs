// Captures a PNG of a `portside ... --html` report with Debian's Chromium (the picture in
// docs/performance-models.md): node scripts/report-screenshot.mjs <report.html> <out.png>
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [html, png] = process.argv.slice(2);
if (!html || !png) {
  process.stderr.write('usage: node scripts/report-screenshot.mjs <report.html> <out.png>\n');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`file://${resolve(html)}`);
  await page.screenshot({ path: resolve(png), fullPage: true });
} finally {
  await browser.close();
}
