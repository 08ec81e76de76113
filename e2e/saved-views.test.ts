import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, isPhone, login, logout, switchLanguage } from './support/app.js';
import {
  type Browser,
  openBrowser,
  overflowingElements,
  pageErrors,
  screensDir,
  screenshot,
  setWidth,
} from './support/browser.js';
import { assertWebBuilt, type RunningServer, startServer } from './support/server.js';

// A manager saves a filter set of the customer list as a view and picks it again later.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await openBrowser();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && browser) {
    await browser.page.screenshot({ path: path.join(screensDir, `failed-${task.id}.png`) }).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each([1440, 390])('at %i px', (width) => {
  it('a manager saves the current filters as a view and applies it again', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await setWidth(page, width);
    const overflow: string[] = [];
    const shot = async (name: string, locale: string) => {
      await screenshot(page, `views-${name}`, locale, width);
      const sticking = await overflowingElements(page);
      if (sticking.length) overflow.push(`${name}-${locale}: ${sticking.join(', ')}`);
    };
    await login(page, server.baseUrl, manager.email, manager.password);
    await page.goto(`${server.baseUrl}/customers`);
    await page.getByTestId('customer-link').first().waitFor();
    const footer = page.getByText(/^共 \d+ 条/);
    const all = await footer.textContent();

    await page.getByTestId('customer-advanced').click();
    await chooseOption(page, page.getByTestId('customer-filters').locator('.ant-select').first(), 'A 级');
    await page.waitForFunction((before) => !(document.body.textContent ?? '').includes(before ?? ''), all);
    const filtered = await footer.textContent();
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: /保存当前筛选为视图/ }).click();
    const name = width === 1440 ? 'A 级重点客户' : '手机上的 A 级';
    await page.getByTestId('view-name').fill(name);
    await page.locator('.ant-modal').getByText('共享给全公司').click();
    await shot('save', 'zh-CN');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText(`已保存视图「${name}」`).waitFor();

    // Back to everything, then the view again.
    await page.reload();
    await page.getByTestId('customer-link').first().waitFor();
    await expect(footer.textContent()).resolves.toBe(all);
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: new RegExp(name) }).click();
    await page.getByTestId('saved-views').getByText(name).waitFor();
    await page.getByText(filtered ?? '').waitFor();
    await shot('applied', 'zh-CN');
    await switchLanguage(page, 'English');
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: /Manage views/ }).click();
    await page.locator('.ant-modal').getByText(name).waitFor();
    await shot('manage', 'en');
    await page.keyboard.press('Escape');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
