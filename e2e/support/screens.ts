import type { Page } from 'playwright-core';
import { dismiss, isPhone, openFromMenu } from './app.js';
import { overflowingElements, screenshot } from './browser.js';

type Screen = { name: string; show: (page: Page) => Promise<void>; phoneOnly?: boolean };

/** Every screen of the app so far, reached the way a user would, for one locale and width. */
function screens(departmentName: string, apiKeyName: string): Screen[] {
  // Through the side menu (a drawer on narrow screens), as a user moves around: no page reloads.
  const go = (menu: RegExp, ready: string) => async (page: Page) => {
    await openFromMenu(page, menu);
    await page.getByTestId(ready).first().waitFor();
  };
  return [
    { name: 'home', show: go(/首页|Home/, 'welcome-card') },
    // Ends with the word: 线索规则 / Lead rules sit in the same menu.
    { name: 'leads', show: go(/(线索|Leads)$/, 'lead-table') },
    {
      name: 'lead-form',
      show: async (page) => {
        await page.getByTestId('create-lead').first().click();
        await page.getByTestId('lead-form').waitFor();
      },
    },
    {
      name: 'lead',
      show: async (page) => {
        await page.getByTestId('lead-link').first().click();
        await page.getByTestId('lead-score-card').waitFor();
        await page.getByTestId('lead-follow-up-status').waitFor();
      },
    },
    { name: 'lead-pool', show: go(/(线索池|Lead pool)$/, 'pool-quota') },
    {
      name: 'departments',
      show: async (page) => {
        await go(/组织架构|Organization/, 'selected-department')(page);
        await page.getByTestId(`dept-${departmentName}`).click();
        await page.getByTestId('selected-department').getByText(departmentName).waitFor();
      },
    },
    { name: 'users', show: go(/用户|Users/, 'user-table') },
    {
      name: 'user-form',
      show: async (page) => {
        await page.getByTestId('create-user').click();
        await page.getByTestId('user-form').waitFor();
      },
    },
    { name: 'roles', show: go(/角色权限|Roles/, 'create-role') },
    {
      name: 'role-editor',
      show: async (page) => {
        await page.locator('tr', { hasText: 'sales_manager' }).getByRole('link').first().click();
        await page.getByTestId('permission-matrix').waitFor();
      },
    },
    {
      name: 'audit-log',
      show: async (page) => {
        await go(/系统日志|Audit log/, 'audit-table')(page);
        await page.locator('.ant-table-row-expand-icon').first().click();
      },
    },
    { name: 'jobs', show: go(/后台任务|Background jobs/, 'jobs-table') },
    { name: 'lead-rules', show: go(/线索规则|Lead rules/, 'score-rule-table') },
    {
      name: 'api-key-form',
      show: async (page) => {
        await go(/API 密钥|API keys/, 'create-api-key')(page);
        await page.getByTestId('create-api-key').click();
        await page.locator('.ant-modal #name').fill(apiKeyName);
      },
    },
    {
      name: 'api-key-created',
      show: async (page) => {
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await page.getByTestId('secret-value').waitFor();
      },
    },
    { name: 'api-keys', show: async (page) => page.getByRole('cell', { name: apiKeyName }).waitFor() },
    {
      name: 'notifications',
      show: async (page) => {
        await page.getByTestId('notification-bell').click();
        await page.getByTestId('notification-list').waitFor();
      },
    },
    {
      name: 'account',
      show: async (page) => {
        await page.getByTestId('user-menu').click();
        await page.getByRole('menuitem', { name: /我的账号|My account/ }).click();
        await page.locator('.ant-modal').waitFor();
      },
    },
    {
      name: 'menu',
      phoneOnly: true,
      show: async (page) => {
        await page.getByTestId('open-menu').click();
        await page.locator('.ant-drawer-open').waitFor();
      },
    },
  ];
}

/** Screenshots every screen; returns the screens whose page scrolls sideways (must be none). */
export async function captureAll(
  page: Page,
  opts: { locale: string; width: number; departmentName: string },
): Promise<string[]> {
  const overflowing: string[] = [];
  for (const screen of screens(opts.departmentName, `ci-${opts.locale}-${opts.width}`)) {
    if (screen.phoneOnly && !isPhone(opts.width)) continue;
    await screen.show(page);
    await screenshot(page, screen.name, opts.locale, opts.width);
    const sticking = await overflowingElements(page);
    if (sticking.length) overflowing.push(`${screen.name}: ${sticking.join(', ')}`);
    // The api-key-form → api-key-created pair continues in the same dialog.
    if (screen.name !== 'api-key-form') await dismiss(page);
  }
  return overflowing;
}
