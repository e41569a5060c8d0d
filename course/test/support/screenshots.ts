import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Screenshots of the running stack for the lessons, taken by Chromium, never drawn. */
export class Camera {
  private browser?: Browser;

  constructor(private readonly dir: string) {}

  async shoot(name: string, url: string, waitFor?: string, fullPage = false): Promise<string> {
    this.browser ??= await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: FLAGS,
    });
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      if (waitFor) await page.waitForSelector(waitFor, { timeout: 60_000 });
      // A page that keeps polling never goes idle; the screenshot is taken all the same.
      else await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
      const file = path.join(this.dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage });
      return file;
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}
