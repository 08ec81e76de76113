import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const screensDir = path.resolve(import.meta.dirname, '../screens');

export type Browser = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** Debian's Chromium, headless, with a fresh profile (Playwright wants the profile as a persistent context). */
export async function openBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'zh-CN',
    // Fewer frames to draw on CI's two cores, and no click aimed at something still moving.
    reducedMotion: 'reduce',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  // Requests in flight, so a screenshot waits for the data it shows.
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  (page as Page & { inFlight: () => number }).inFlight = () => inFlight;
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Uncaught errors the page threw so far (a blank screen usually starts with one). */
export const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

/** Phone: 390 × 844 (iPhone 12–15); desktop: 1440 × 900. */
export async function setWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
}

/** Waits for data and animations to settle, then saves e2e/screens/<name>-<locale>-<width>.png. */
export async function screenshot(page: Page, name: string, locale: string, width: number): Promise<void> {
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  // CI does not look at them: it skips the picture (seconds a file) but keeps the wait for the page.
  if (process.env.E2E_SCREENSHOTS === 'off') return;
  fs.mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: path.join(screensDir, `${name}-${locale}-${width}.png`), fullPage: true });
}

/** Waits until no request has been in flight for 150 ms (at most 10 s), then for spinners and motions. */
export async function settle(page: Page): Promise<void> {
  const inFlight = (page as Page & { inFlight?: () => number }).inFlight ?? (() => 0);
  const deadline = Date.now() + 10_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 150) break;
    await page.waitForTimeout(50);
  }
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => {});
  // antd's open/close motions are off (reducedMotion above): one more frame for what was just drawn.
  await page.waitForTimeout(50);
}

/**
 * What sticks out of the viewport on the right and is not inside a box that scrolls sideways
 * (a wide table may scroll in its own box; nothing else may be cut off or make the page scroll).
 */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrolls = (el: Element | null): boolean => {
      for (let a = el?.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      out.push(`page +${document.documentElement.scrollWidth - window.innerWidth}px`);
    }
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= window.innerWidth + 1 || scrolls(el)) continue;
      const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
      out.push(`${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} right=${Math.round(r.right)}`);
      if (out.length >= 5) break;
    }
    return out;
  });
}

/** Clicks what starts a download and keeps the file (in e2e/.downloads): its name and bytes. */
export async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(screensDir, '..', '.downloads', file.suggestedFilename());
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await file.saveAs(target);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
}
