import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
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

/**
 * Waits until no message toast is left at the top of the page, as a user waits before using the
 * header under it. The pointer is moved off first: a toast under the pointer does not close.
 */
export async function awaitToastsGone(page: Page): Promise<void> {
  const height = page.viewportSize()?.height ?? 800;
  await page.mouse.move(1, height - 1);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
}

export async function switchLanguage(page: Page, to: 'English' | '中文'): Promise<void> {
  const lang = to === 'English' ? 'en' : 'zh-CN';
  await awaitToastsGone(page);
  // Under load a click can land while the menu is still animating in: try again until the page says so.
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId('language-switch').first().click();
    await page.getByRole('menuitem', { name: to }).click();
    const switched = await page
      .waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (switched) break;
    await page.keyboard.press('Escape');
  }
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await settle(page);
}

export async function logout(page: Page): Promise<void> {
  await awaitToastsGone(page);
  // As with the language menu: under load the click may land while the menu is still animating in.
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
    const out = await page
      .waitForURL(/\/login/, { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (out) return;
    await page.keyboard.press('Escape');
  }
  await page.waitForURL(/\/login/);
}

/** Closes the topmost modal or drawer. */
export async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
}

/**
 * Picks an option of an antd Select with the keyboard (open with ↓, move to the option, Enter) and
 * waits until the select shows it. Keys do not depend on the dropdown's animation, which made clicks
 * on options miss under load.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  label: string,
  retried = false,
): Promise<void> {
  const input = select.locator('input').first();
  // A select in a dialog still opening takes no keys yet (an Enter then reached the dialog, in CI).
  await select.waitFor();
  await input.focus();
  await page.keyboard.press('ArrowDown');
  // This select's own dropdown (its list's id is in the input's aria-controls): another select's
  // dropdown may still be closing, and two active options are not one.
  const listId = await input.getAttribute('aria-controls');
  const dropdown = listId
    ? page.locator(`.ant-select-dropdown:has([id="${listId}"])`)
    : page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const active = dropdown.locator('.ant-select-item-option-active');
  for (let step = 0; step < 20; step++) {
    if ((await active.getAttribute('title', { timeout: 2000 }).catch(() => null)) === label) {
      await page.keyboard.press('Enter');
      const chosen = select.getByText(label);
      // Under load the Enter can land before the list has taken the active option (CI, once): the
      // choice is then made again, once, rather than waited for in vain.
      if (
        !(await chosen.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        )) &&
        !retried
      ) {
        return chooseOption(page, select, label, true);
      }
      await chosen.waitFor({ timeout: 5000 });
      // A multiple select stays open after a choice, and its dropdown lies over what comes next (a
      // click there picked an option instead): close it while the select still holds the key. A single
      // select closes by itself — an Escape sent to one that just closed reached its dialog and shut it
      // (leads at 390 px, in CI).
      const multiple = await select.evaluate(
        (el) => el.classList.contains('ant-select-multiple') || !!el.querySelector('.ant-select-multiple'),
      );
      const open = () =>
        select.evaluate(
          (el) => el.classList.contains('ant-select-open') || !!el.querySelector('.ant-select-open'),
        );
      if (multiple && (await open())) await page.keyboard.press('Escape');
      await expect.poll(open).toBe(false);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose "${label}": no such option`);
}
