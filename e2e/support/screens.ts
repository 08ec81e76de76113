import type { Page } from 'playwright-core';
import { dismiss, isPhone } from './app.js';
import { horizontalOverflow, screenshot, settle } from './browser.js';

type Screen = { name: string; show: (page: Page) => Promise<void>; phoneOnly?: boolean };

/** Every screen of the app so far, reached the way a user would, for one locale and width. */
function screens(baseUrl: string, departmentName: string): Screen[] {
  const go = (path: string, ready: string) => async (page: Page) => {
    await page.goto(`${baseUrl}${path}`);
    await page.getByTestId(ready).first().waitFor();
  };
  return [
    { name: 'home', show: go('/', 'welcome-card') },
    {
      name: 'departments',
      show: async (page) => {
        await go('/system/departments', 'selected-department')(page);
        await page.getByTestId(`dept-${departmentName}`).click();
        await page.getByTestId('selected-department').getByText(departmentName).waitFor();
      },
    },
    { name: 'users', show: go('/system/users', 'user-table') },
    {
      name: 'user-form',
      show: async (page) => {
        await page.getByTestId('create-user').click();
        await page.getByTestId('user-form').waitFor();
      },
    },
    { name: 'roles', show: go('/system/roles', 'create-role') },
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
        await go('/system/audit-log', 'audit-table')(page);
        await page.locator('.ant-table-row-expand-icon').first().click();
      },
    },
    { name: 'jobs', show: go('/system/jobs', 'jobs-table') },
    { name: 'api-keys', show: go('/account/api-keys', 'create-api-key') },
    {
      name: 'api-key-form',
      show: async (page) => {
        await page.getByTestId('create-api-key').click();
        await page.locator('.ant-modal').waitFor();
      },
    },
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
  baseUrl: string,
  opts: { locale: string; width: number; departmentName: string },
): Promise<string[]> {
  const overflowing: string[] = [];
  for (const screen of screens(baseUrl, opts.departmentName)) {
    if (screen.phoneOnly && !isPhone(opts.width)) continue;
    await screen.show(page);
    await settle(page);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) overflowing.push(`${screen.name} (+${overflow}px)`);
    await screenshot(page, screen.name, opts.locale, opts.width);
    await dismiss(page);
  }
  return overflowing;
}
