import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, dismiss, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A rep works the 公海: claims a customer, adds a collaborator, sees the ownership history, returns it
// with a reason, and tags customers in bulk — at desktop and phone width, in Chinese and English.
const rep = { email: 'chen.jing@demo.cadence', password: 'Cadence@2026', name: '陈静' };
type ApiCustomer = {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  tags: string[];
};

const suite = browserSuite();
const returned: string[] = [];

/** A side-menu leaf by its exact text (icons are part of a menu item's accessible name). */
async function openMenu(page: Page, text: RegExp): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.locator('.ant-menu-item', { hasText: text }).click();
  await page
    .locator('.ant-drawer-open')
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep claims from the pool, shares, returns with a reason and tags in bulk', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'pools', width);

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await openMenu(page, /^公海客户$/);
    await page.getByTestId('pool-quota').getByText('今日已领').waitFor();
    const rows = page.getByTestId('customer-link');
    await rows.first().waitFor();
    // Not one this rep returned earlier in the file: the cooldown keeps them from claiming it back.
    const names = (await rows.allTextContents()).map((n) => n.trim());
    const index = names.findIndex((n) => !returned.includes(n));
    const name = names[index]!;
    returned.push(name);
    await shot('pool', 'zh-CN');

    // 领取 the first customer waiting in the pool.
    await page.getByTestId('claim-row').nth(index).click();
    await page.getByText(`已领取「${name}」，现在由你负责`).waitFor();
    const found = await suite.asAdmin<{ data: ApiCustomer[] }>(`/customers?q=${encodeURIComponent(name)}`);
    const claimed = found.data.find((c) => c.name === name)!;
    expect(claimed.ownerName).toBe(rep.name);

    // Its 360 page: add 刘洋 as a read-only collaborator, see the ownership history.
    await page.goto(`${suite.server.baseUrl}/customers/${claimed.id}`);
    await page.getByTestId('customer-profile').waitFor();
    await chooseOption(
      page,
      page.getByTestId('collaborators').getByTestId('owner-select'),
      '刘洋 · 上海一组',
    );
    await page.getByTestId('add-collaborator').click();
    await page.getByTestId('collaborators').locator('.ant-list-item', { hasText: '刘洋' }).waitFor();
    await shot('collaborators', 'zh-CN');
    await page.getByTestId('ownership-history-open').click();
    await page.getByTestId('ownership-history').getByText(`${rep.name} 从公海领取`).waitFor();
    await shot('history', 'zh-CN');
    await dismiss(page);

    // 退回公海 with a reason: the reason is required.
    await page.getByTestId('release-customer').click();
    await page.getByTestId('release-ok').click();
    await page.getByText('请填写退回原因（至少 2 个字）').waitFor();
    await page.getByTestId('release-reason').fill('客户预算冻结，明年再谈');
    await shot('release', 'zh-CN');
    await page.getByTestId('release-ok').click();
    await page.getByText('已退回 1 个客户').waitFor();
    await page.getByTestId('claim-customer').waitFor(); // back in the pool: the rep may claim it again later
    const after = await suite.asAdmin<ApiCustomer>(`/customers/${claimed.id}`);
    expect(after.ownerId).toBeNull();

    // Bulk 打标签 on two of the rep's own customers.
    await openMenu(page, /^客户$/);
    await page.getByTestId('customer-link').first().waitFor();
    const boxes = page.getByTestId('customer-table').locator('tr.ant-table-row .ant-checkbox-input');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('bulk-actions').getByText('已选 2 个客户').waitFor();
    await shot('bulk', 'zh-CN');
    await page.getByTestId('bulk-tags').click();
    const tag = width === 1440 ? '重点跟进' : '年底冲刺';
    const addTags = page.locator('.ant-modal').locator('.ant-select').first();
    await addTags.click();
    await page.keyboard.type(tag);
    await page.keyboard.press('Enter');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已更新 2 个客户的标签').waitFor();
    const tagged = await suite.asAdmin<{ totalCount: number }>(`/customers?tag=${encodeURIComponent(tag)}`);
    expect(tagged.totalCount).toBe(2);

    // The same screens in English.
    await switchLanguage(page, 'English');
    await openMenu(page, /^Customer pool$/);
    await page.getByTestId('pool-quota').getByText('Claimed today').waitFor();
    await shot('pool', 'en');
    await page.goto(`${suite.server.baseUrl}/customers/${claimed.id}`);
    await page.getByTestId('ownership-history-open').click();
    await page
      .getByTestId('ownership-history')
      .getByText(/returned it from 陈静/)
      .waitFor();
    await page.getByText('Reason: 客户预算冻结，明年再谈').waitFor();
    await shot('history', 'en');
    await dismiss(page);
    await page.goto(`${suite.server.baseUrl}/customers/recycle-due`);
    await page.getByText('Due back to pool').first().waitFor();
    await shot('due', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
