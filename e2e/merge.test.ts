import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// An administrator merges two records of one company from the customer list, then undoes it from
// the remaining customer's page — at desktop and phone width, in Chinese and English.
type ApiCustomer = { id: string; name: string; phone: string | null };

const suite = browserSuite();

/** Creates a customer through the API with the signed-in page's session. */
async function createCustomer(page: Page, body: Record<string, unknown>): Promise<ApiCustomer> {
  return page.evaluate(async (b) => {
    const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
    const res = await fetch('/api/v1/customers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
      body: JSON.stringify(b),
    });
    return (await res.json()) as ApiCustomer;
  }, body);
}

describe.each([1440, 390])('at %i px', (width) => {
  it('an admin merges two records of one company and undoes it', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'merge', width);

    await login(page, suite.server.baseUrl, admin.email, admin.password);
    const brand = width === 1440 ? '澄观' : '砺行';
    const a = await createCustomer(page, {
      name: `苏州${brand}光电科技有限公司`,
      phone: `0512-6${String(width).padStart(4, '0')}001`,
    });
    const b = await createCustomer(page, {
      name: `${brand}光电（苏州）`,
      phone: `1391234${String(width).padStart(4, '0')}`,
      nearDuplicateReason: '展会名单里的简称',
    });
    expect(a.id && b.id, JSON.stringify([a, b])).toBeTruthy();

    await page.goto(`${suite.server.baseUrl}/customers`);
    const search = page.getByTestId('customer-search').locator('input');
    await search.fill(brand);
    await search.press('Enter');
    await page.getByText(/^共 2 条/).waitFor();
    const boxes = page.getByTestId('customer-table').locator('tr.ant-table-row .ant-checkbox-input');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('bulk-merge').click();
    const form = page.getByTestId('merge-form');
    await form.waitFor();
    // Keep the older record, but take the mobile number of the newer one.
    await form.locator('.ant-form-item').first().getByText(a.name).click();
    await form.getByText(b.phone!).click();
    await page.getByTestId('merge-reason').fill('同一家公司，展会名单重复录入');
    await shot('drawer', 'zh-CN');
    await page.getByTestId('merge-submit').click();
    await page.getByText(`已合并到「${a.name}」`).waitFor();
    const merged = await suite.asAdmin<ApiCustomer>(`/customers/${a.id}`);
    expect(merged.phone).toBe(b.phone);

    await page.goto(`${suite.server.baseUrl}/customers/${a.id}`);
    const history = page.getByTestId('merge-history');
    await history.getByText(b.name).waitFor();
    await shot('history', 'zh-CN');

    await switchLanguage(page, 'English');
    await history.getByText(/merged/).waitFor();
    await shot('history', 'en');
    await page.getByTestId('merge-undo').click();
    // The confirmation may open at the screen's edge while the page scrolls: press its button where it is.
    const ok = page.locator('.ant-popconfirm').getByRole('button', { name: /OK|确\s*定/ });
    await ok.waitFor();
    await ok.dispatchEvent('click');
    await page.getByText('The merge was undone and the customers are back').waitFor();
    const restored = await suite.asAdmin<ApiCustomer>(`/customers/${b.id}`);
    expect(restored.name).toBe(b.name);
    expect((await suite.asAdmin<ApiCustomer>(`/customers/${a.id}`)).phone).toBe(a.phone);
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
