import { pinyin } from 'pinyin-pro';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  dismiss,
  isPhone,
  login,
  logout,
  openFromMenu,
  switchLanguage,
} from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// An admin defines a select and a money field; a rep fills them in a new customer and finds them on
// the 360 page, as a list column and as a filter — at desktop and phone width, in both languages.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };

const suite = browserSuite();

async function openCustomers(page: Page): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.locator('.ant-menu-item', { hasText: /^(客户|Customers)$/ }).click();
  await page.getByTestId('customer-table').waitFor();
}

const fields = {
  1440: {
    select: ['采购渠道', 'Purchase channel'],
    money: ['首单金额', 'First order'],
    customer: '蓝海光电科技研究所',
  },
  390: {
    select: ['签约方式', 'Signing method'],
    money: ['预付款', 'Prepayment'],
    customer: '青山环境监测研究所',
  },
} as const;
const choices = [
  ['招投标', 'Tender'],
  ['直采', 'Direct purchase'],
] as const;

describe.each([1440, 390] as const)('at %i px', (width) => {
  it('an admin defines fields and a rep fills, sees and filters them', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const f = fields[width];
    const { shot, overflow } = screens(page, 'custom-fields', width);

    // The admin: 系统 → 自定义字段, two new customer fields.
    await login(page, suite.server.baseUrl, admin.email, admin.password);
    await openFromMenu(page, /自定义字段/);
    const table = page.getByTestId('field-table');
    await table.getByText('员工规模').waitFor(); // demo data
    await shot('admin', 'zh-CN');

    const define = async (labels: readonly [string, string], type: string, fill?: () => Promise<void>) => {
      await page.getByTestId('create-field').click();
      const form = page.getByTestId('field-form');
      await form.getByTestId('field-label-zh').fill(labels[0]);
      await form.getByTestId('field-label-en').click(); // leaving the Chinese name suggests the key
      const key = pinyin(labels[0], { toneType: 'none', type: 'array' }).join('');
      await expect.poll(() => form.getByTestId('field-key').inputValue()).toBe(key);
      await form.getByTestId('field-label-en').fill(labels[1]);
      await chooseOption(page, form.getByTestId('field-type'), type);
      await fill?.();
      return key;
    };
    const selectKey = await define(f.select, '单选', async () => {
      for (const [i, [zh, en]] of choices.entries()) {
        await page.getByTestId('add-choice').click();
        await page.getByTestId(`choice-zh-${i}`).fill(zh);
        await page.getByTestId(`choice-en-${i}`).fill(en);
      }
      await shot('drawer', 'zh-CN');
    });
    await page.getByTestId('field-form-submit').click();
    await page.getByText('字段已创建').first().waitFor();
    await table.getByText(f.select[0]).waitFor();
    const moneyKey = await define(f.money, '金额');
    await page.getByTestId('field-form-submit').click();
    await table.getByText(f.money[0]).waitFor();
    await switchLanguage(page, 'English');
    await table.getByText(f.money[1]).waitFor();
    await shot('admin', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    // The rep fills them creating a customer.
    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await openCustomers(page);
    await page.getByTestId('create-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByTestId('customer-name').fill(f.customer);
    await chooseOption(page, form.getByTestId(`custom-${selectKey}`), choices[1][0]);
    await form.getByTestId(`custom-${moneyKey}`).fill('12345.6');
    await shot('customer-form', 'zh-CN');
    await page.getByTestId('customer-form-submit').click();
    await page.getByText('客户已创建').waitFor();

    // On the 360 page: the option's label and the amount in 元.
    await page.getByTestId('customer-link').getByText(f.customer).click();
    const profile = page.getByTestId('customer-profile');
    await profile.getByText(f.select[0]).waitFor();
    await profile.getByText(choices[1][0]).waitFor();
    await profile.getByText('¥12,345.60').waitFor();
    await shot('360', 'zh-CN');
    await switchLanguage(page, 'English');
    await profile.getByText(choices[1][1]).waitFor();
    await profile.getByText(f.money[1]).waitFor();
    await shot('360', 'en');
    await switchLanguage(page, '中文');

    // In the list: a column (desktop) and a filter.
    await openCustomers(page);
    if (!isPhone(width)) {
      await page.getByTestId('custom-columns-button').click();
      await page.getByTestId('custom-columns').getByText(f.money[0]).click();
      await dismiss(page);
      await page.getByTestId('customer-table').getByText('¥12,345.60').waitFor();
    }
    await page.getByTestId('customer-advanced').click();
    await chooseOption(page, page.getByTestId(`filter-${selectKey}`), choices[1][0]);
    await page.getByText(/^共 1 条/).waitFor();
    await page.getByTestId('customer-link').getByText(f.customer).waitFor();
    await shot('list', 'zh-CN');
    await switchLanguage(page, 'English');
    await page.getByText(/All shown: 1/).waitFor();
    await shot('list', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
