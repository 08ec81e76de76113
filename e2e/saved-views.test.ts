import { describe, expect, it } from 'vitest';
import { chooseOption, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A manager saves a filter set of the customer list as a view and picks it again later.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };

const suite = browserSuite();

describe.each([1440, 390])('at %i px', (width) => {
  it('a manager saves the current filters as a view and applies it again', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'views', width);
    await login(page, suite.server.baseUrl, manager.email, manager.password);
    await page.goto(`${suite.server.baseUrl}/customers`);
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
