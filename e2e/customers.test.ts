import { pinyin } from 'pinyin-pro';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, dismiss, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A sales rep's customers: list, search, create, 查重 and the 360 page, at desktop and phone width.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026', name: '刘洋' };
type ApiCustomer = { id: string; name: string; phone: string | null; ownerName: string | null };

const suite = browserSuite();

/** The side menu's 客户 entry (the group shares its label, so the leaf item is clicked). */
async function openCustomers(page: Page): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.locator('.ant-menu-item', { hasText: /^(客户|Customers)$/ }).click();
  await page.getByTestId('customer-table').waitFor();
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep lists, searches, creates, checks duplicates and follows changes on the 360 page', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'customers', width);

    // What the server holds, read as the admin: the rep's customers, and one of another region's rep.
    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const repId = users.data[0]?.id;
    const mine = await suite.asAdmin<{ data: ApiCustomer[]; totalCount: number }>(
      `/customers?ownerId=${repId}`,
    );
    const south = await suite.asAdmin<{ data: ApiCustomer[] }>(
      `/customers?province=${encodeURIComponent('广东省')}&limit=1`,
    );
    const other = south.data[0];
    expect(other?.ownerName, 'a south-region customer owned by someone else').toBeTruthy();
    expect(other?.ownerName).not.toBe(rep.name);
    const target = mine.data[mine.data.length - 1] as ApiCustomer;

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await openCustomers(page);
    const footer = page.getByText(`共 ${mine.totalCount} 条`);
    await footer.waitFor();
    await expect(page.getByTestId('customer-link').count()).resolves.toBe(mine.totalCount);
    await expect(page.getByTestId('customer-table').textContent()).resolves.not.toContain(other!.name);
    await shot('list', 'zh-CN');

    // Pinyin initials of the whole name find it.
    const initials = pinyin(target.name, { pattern: 'first', toneType: 'none', type: 'array', v: true })
      .join('')
      .toLowerCase();
    const search = page.getByTestId('customer-search').locator('input');
    await search.fill(initials);
    await search.press('Enter');
    await page.getByText(/^共 1 条/).waitFor();
    await page.getByTestId('customer-link').getByText(target.name).waitFor();
    await shot('search', 'zh-CN');
    await search.fill('');
    await search.press('Enter');
    await footer.waitFor();

    // 新建客户.
    const name = `${width === 1440 ? '蓝鲸' : '青鸟'}遥感测绘研究院`;
    await page.getByTestId('create-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByTestId('customer-name').fill(name);
    await form.locator('#phone').fill(`1380013${width}`.padEnd(11, '0'));
    await form.locator('#industry').fill('测绘');
    await shot('form', 'zh-CN');
    await page.getByTestId('customer-form-submit').click();
    await page.getByText('客户已创建').waitFor();
    await page.getByTestId('customer-link').getByText(name).waitFor();
    await page.getByText(`共 ${mine.totalCount + 1} 条`).waitFor();

    // The name of another region's customer: refused, naming its owner and nothing else of it.
    await page.getByTestId('create-customer').click();
    await form.getByTestId('customer-name').fill(other!.name);
    await page.getByTestId('customer-form-submit').click();
    const panel = page.getByTestId('duplicate-panel');
    await panel.getByText(`已由 ${other!.ownerName} 负责，请联系其协作`).waitFor();
    await expect(panel.textContent()).resolves.not.toContain(other!.phone ?? '—');
    await expect(panel.getByRole('link', { name: other!.name }).count()).resolves.toBe(0);
    await shot('duplicate', 'zh-CN');
    await dismiss(page);

    // 查重 from the top bar for a phone that exists.
    await page.getByTestId('header-duplicate-check').click();
    const check = page.getByTestId('duplicate-check-input').locator('input');
    await check.fill(other!.phone!);
    await check.press('Enter');
    await page.getByTestId('duplicate-verdict-taken').getByText('已存在').waitFor();
    await page.getByTestId('duplicate-matches').getByText('重复').waitFor();
    await shot('check', 'zh-CN');
    await dismiss(page);

    // The 360 page: 操作日志 shows the creation; changing the level shows up there.
    await page.getByTestId('customer-link').getByText(name).click();
    await page.getByTestId('customer-profile').waitFor();
    await page.getByRole('tab', { name: '操作日志' }).click();
    await page.getByTestId('timeline-create').getByText('新建了客户').waitFor();
    await page.getByTestId('edit-customer').click();
    await chooseOption(page, page.getByTestId('customer-level'), 'B 级');
    await page.getByTestId('customer-form-submit').click();
    const update = page.getByTestId('timeline-update');
    await update.getByText('修改了客户').waitFor();
    await update.getByText('客户等级：').waitFor();
    await update.getByText('B 级').waitFor();
    await shot('360', 'zh-CN');

    // The same screens in English.
    await switchLanguage(page, 'English');
    await page.getByTestId('timeline-update').getByText('changed the customer').waitFor();
    await page.getByTestId('timeline-update').getByText('Level B').waitFor();
    await shot('360', 'en');
    await page.getByTestId('edit-customer').click();
    await page.getByTestId('customer-form').waitFor();
    await shot('form', 'en');
    await dismiss(page);
    await openCustomers(page);
    await page.getByText(`All shown: ${mine.totalCount + 1}`).waitFor();
    await shot('list', 'en');
    await page.getByTestId('create-customer').click();
    await form.getByTestId('customer-name').fill(other!.name);
    await page.getByTestId('customer-form-submit').click();
    await panel.getByText(`Owned by ${other!.ownerName}`).waitFor();
    await shot('duplicate', 'en');
    await dismiss(page);
    await page.getByTestId('header-duplicate-check').click();
    await check.fill(other!.phone!);
    await check.press('Enter');
    await page.getByTestId('duplicate-verdict-taken').getByText('Already exists').waitFor();
    await shot('check', 'en');
    await dismiss(page);
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
