import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { adminApi } from './admin-api.js';
import { type Browser, openBrowser, overflowingElements, screensDir, screenshot } from './browser.js';
import { assertWebBuilt, type RunningServer, startServer } from './server.js';

export type Suite = {
  server: RunningServer;
  browser: Browser;
  /** Reads the API as the admin (what the server holds, to compare with what the browser shows). */
  asAdmin: <T>(pathAndQuery: string) => Promise<T>;
};

/**
 * One browser test file's fixtures: the real server on a fresh demo database, one Chromium, an admin
 * API reader; a screenshot of the page when a test fails; everything closed at the end.
 */
export function browserSuite(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    assertWebBuilt();
    suite.server = await startServer();
    suite.browser = await openBrowser();
    suite.asAdmin = await adminApi(suite.server.baseUrl);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && suite.browser) {
      await suite.browser.page
        .screenshot({ path: path.join(screensDir, `failed-${task.id}.png`) })
        .catch(() => {});
    }
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Screenshots named `<prefix>-<name>-<locale>-<width>`, remembering what stuck out of a phone screen. */
export function screens(page: Page, prefix: string, width: number) {
  const overflow: string[] = [];
  const shot = async (name: string, locale: string) => {
    await screenshot(page, `${prefix}-${name}`, locale, width);
    const sticking = await overflowingElements(page);
    if (sticking.length) overflow.push(`${name}-${locale}: ${sticking.join(', ')}`);
  };
  return { shot, overflow };
}
