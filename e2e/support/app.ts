import type { Locator, Page } from 'playwright-core';
import { settle } from './browser.js';

export const isPhone = (width: number) => width < 768;

export async function login(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-submit').waitFor();
  await page.locator('#login').fill(email);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome-card').waitFor();
}

/** Clicks a side-menu entry; below 992 px the menu lives in a drawer opened from the header. */
export async function openFromMenu(page: Page, label: RegExp): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.getByRole('menuitem', { name: label }).click();
  await page
    .locator('.ant-drawer-open')
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

export async function switchLanguage(page: Page, to: 'English' | '中文'): Promise<void> {
  await page.getByTestId('language-switch').first().click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.waitForFunction(
    (lang) => document.documentElement.lang === lang,
    to === 'English' ? 'en' : 'zh-CN',
  );
  await settle(page);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await page.waitForURL(/\/login/);
}

/** Closes the topmost modal or drawer. */
export async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
}

/**
 * Picks an option of an antd Select and waits until the select shows it. Under load a click can land
 * while the dropdown is still opening, so the pick is retried until it took.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const option = page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
      .first();
    await option.waitFor();
    await option.click();
    try {
      await select.getByText(label).waitFor({ timeout: 3000 });
      return;
    } catch {
      // the dropdown swallowed the click: try again
    }
  }
  throw new Error(`could not choose "${label}"`);
}
