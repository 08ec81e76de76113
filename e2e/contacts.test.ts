import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, dismiss, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A sales rep's 联系人 on the customer 360 page: add, 查重 refusal, edit, delete, at desktop and phone width.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };
type ApiCustomer = { id: string; name: string; ownerName: string | null };
type ApiContact = {
  id: string;
  customerId: string;
  name: string;
  mobile: string | null;
  birthday: string | null;
};

const suite = browserSuite();

/** The birthday through the date picker: typed on a desktop, tapped in the calendar on a phone. */
async function pickBirthday(page: Page, width: number): Promise<RegExp> {
  const input = page.getByTestId('contact-form').locator('#birthday');
  if (!isPhone(width)) {
    await input.fill('1985-06-01');
    await input.press('Enter');
    return /^1985-06-01$/;
  }
  await input.click();
  // The first day of the month shown that is not in the future.
  const day = page
    .locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view:not(.ant-picker-cell-disabled)')
    .first();
  const date = (await day.getAttribute('title')) ?? '';
  await day.click();
  return new RegExp(`^${date}$`);
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep adds, is refused a taken number, edits and deletes a contact of a customer', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'contacts', width);

    // As the admin: one of the rep's customers, and a contact with a mobile of a 华南 customer.
    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const mine = await suite.asAdmin<{ data: ApiCustomer[] }>(`/customers?ownerId=${users.data[0]?.id}`);
    const target = mine.data[width === 1440 ? 0 : 1] as ApiCustomer;
    const south = await suite.asAdmin<{ data: ApiCustomer[] }>(
      `/customers?province=${encodeURIComponent('广东省')}&limit=50`,
    );
    const all = await suite.asAdmin<{ data: ApiContact[] }>('/contacts?limit=200');
    const owned = south.data.filter((c) => c.ownerName);
    const taken = all.data.find((k) => k.mobile && owned.some((c) => c.id === k.customerId));
    const takenOwner = owned.find((c) => c.id === taken?.customerId);
    expect(takenOwner?.ownerName, 'a contact with a mobile of a 华南 customer').toBeTruthy();

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await page.goto(`${suite.server.baseUrl}/customers/${target.id}`);
    await page.getByTestId('customer-profile').waitFor();
    const table = page.getByTestId('contact-table');
    await table.waitFor();

    // 新建联系人 with a mobile and a birthday.
    const name = width === 1440 ? '周启航' : '吴思远';
    const mobile = `1391234${width}`.padEnd(11, '0');
    await page.getByTestId('create-contact').click();
    const form = page.getByTestId('contact-form');
    await form.getByTestId('contact-name').fill(name);
    await form.getByTestId('contact-title').fill('采购经理');
    await chooseOption(page, form.getByTestId('contact-role'), '决策人');
    await form.getByTestId('contact-mobile').fill(mobile);
    const birthday = await pickBirthday(page, width);
    await shot('form', 'zh-CN');
    await page.getByTestId('contact-form-submit').click();
    await page.getByText('联系人已创建').waitFor();
    const row = table.locator('tr', { hasText: name });
    await row.getByText(mobile).waitFor();
    await row.getByText('决策人').waitFor();
    const saved = await suite.asAdmin<{ data: ApiContact[] }>(`/contacts?customerId=${target.id}`);
    expect(saved.data.find((k) => k.name === name)?.birthday).toMatch(birthday);
    await shot('tab', 'zh-CN');

    // A mobile of another region's contact: refused, naming the owner and nothing else of it.
    const tryTaken = async () => {
      await page.getByTestId('create-contact').click();
      // A fresh form, also right after editing a contact.
      await expect(form.getByTestId('contact-title').inputValue()).resolves.toBe('');
      await form.getByTestId('contact-name').fill('重复号码');
      await form.getByTestId('contact-mobile').fill(taken!.mobile!);
      await page.getByTestId('contact-form-submit').click();
    };
    await tryTaken();
    const panel = page.getByTestId('contact-duplicate-panel');
    await panel.getByText(`已由 ${takenOwner!.ownerName} 负责，请联系其协作`).waitFor();
    await panel.getByText('一位同事客户的联系人').waitFor();
    await expect(panel.textContent()).resolves.not.toContain(taken!.name);
    await expect(panel.textContent()).resolves.not.toContain(takenOwner!.name);
    await expect(panel.getByRole('link').count()).resolves.toBe(0);
    await shot('duplicate', 'zh-CN');
    await dismiss(page);

    // Edit the title.
    await row.getByTestId('edit-contact').click();
    await form.getByTestId('contact-title').fill('采购总监');
    await page.getByTestId('contact-form-submit').click();
    await page.getByText('联系人已更新').waitFor();
    await row.getByText('采购总监').waitFor();

    // The same screens in English, then delete.
    await switchLanguage(page, 'English');
    await page.getByRole('tab', { name: 'Contacts' }).waitFor();
    await row.getByText('Decision maker').waitFor();
    await shot('tab', 'en');
    await row.getByTestId('edit-contact').click();
    await form.getByTestId('contact-title').waitFor();
    await shot('form', 'en');
    await dismiss(page);
    await tryTaken();
    await panel.getByText(`Owned by ${takenOwner!.ownerName}`).waitFor();
    await shot('duplicate', 'en');
    await dismiss(page);
    await row.getByTestId('delete-contact').click();
    await page.locator('.ant-modal-confirm-title').getByText(`Delete the contact “${name}”?`).waitFor();
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await page.getByText('Contact moved to the recycle bin').waitFor();
    await row.waitFor({ state: 'detached' });
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
