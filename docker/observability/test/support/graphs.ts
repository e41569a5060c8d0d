import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Debian's Chromium with the flags this environment needs (see ENVIRONMENT.md). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where the pictures go: docs/images/observability when refreshing the docs, a temp folder otherwise. */
export const SCREENSHOT_DIR =
  process.env['OBSERVABILITY_SCREENSHOTS'] ?? path.join(tmpdir(), 'portside-observe-graphs');

/**
 * Opens Prometheus's own graph page for each query, waits until the chart's
 * legend lists a series, and saves a picture. Returns the legend texts.
 */
export async function graph(
  prometheusUrl: string,
  shots: Array<{ name: string; expr: string; range?: string }>,
): Promise<Record<string, string[]>> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const legends: Record<string, string[]> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const shot of shots) {
      const params = new URLSearchParams({
        'g0.expr': shot.expr,
        'g0.tab': '0',
        'g0.range_input': shot.range ?? '5m',
      });
      await page.goto(`${prometheusUrl}/graph?${params}`);
      // The classic graph page: a line per series in the chart, their names in the legend below.
      // 'attached': a flat line has no height, which Playwright counts as hidden.
      await page
        .locator('.graph_area svg path')
        .first()
        .waitFor({ state: 'attached', timeout: 20_000 });
      legends[shot.name] = (await page.locator('.legend').innerText()).split('\n').filter(Boolean);
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `${shot.name}.png`),
        fullPage: true,
      });
    }
  } finally {
    await browser.close();
  }
  return legends;
}
