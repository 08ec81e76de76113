import { describe, expect, it } from 'vitest';
import { dismiss, isPhone, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, screenshot, settle, setWidth } from './support/browser.js';
import { captureAll } from './support/screens.js';
import { admin } from './support/server.js';
import { browserSuite } from './support/suite.js';

// The admin's first day, in Chromium at desktop and phone width, in Chinese and English.
const suite = browserSuite();

describe.each([1440, 390])('at %i px', (width) => {
  const departmentName = `测试部门${width}`;
  const userName = `测试用户${width}`;
  let invitationUrl = '';

  it('an admin signs in, creates a department and a user in it, switches language and signs out', async () => {
    const { page } = suite.browser;
    const base = suite.server.baseUrl;
    await setWidth(page, width);

    await page.goto(`${base}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('login-submit').waitFor();
    await screenshot(page, 'login', 'zh-CN', width);
    // A wrong password shows the server's own message.
    await page.locator('#login').fill(admin.email);
    await page.locator('#password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('账号或密码错误').waitFor();
    await screenshot(page, 'login-error', 'zh-CN', width);

    await login(page, base, admin.email, admin.password);
    await page.getByText('你好，系统管理员').waitFor();

    // 组织架构 → 新建子部门 under the root department.
    await openFromMenu(page, /组织架构/);
    await page.getByTestId('selected-department').waitFor();
    await page.getByTestId('create-department').click();
    await page.getByTestId('department-name').fill(departmentName);
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('selected-department').getByText(departmentName).waitFor();

    // 新建用户 in that department, without a password: the invitation link is shown once.
    await page.getByTestId('create-user').click();
    const form = page.getByTestId('user-form');
    await form.locator('#name').fill(userName);
    await form.locator('#email').fill(`e2e.user.${width}@e2e.cadence`);
    await form.locator('#mobile').fill(`1390000${width}`.padEnd(11, '0'));
    await expect(form.getByTestId('department-select').textContent()).resolves.toContain(departmentName);
    await page.getByTestId('user-form-submit').click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    invitationUrl = await secret.inputValue();
    expect(invitationUrl).toMatch(new RegExp(`^${base}/invite/[A-Za-z0-9_-]{20,}$`));
    await screenshot(page, 'invitation-link', 'zh-CN', width);
    await page.getByRole('button', { name: /完\s*成/ }).click();
    await page.getByTestId('user-table').getByText(userName).waitFor();

    const overflowZh = await captureAll(page, { locale: 'zh-CN', width, departmentName });

    await openFromMenu(page, /首页/);
    await switchLanguage(page, 'English');
    await page.getByText('Hello, 系统管理员').waitFor();
    await page.reload(); // remembered in this browser (and on the account)
    await page.getByText('Hello, 系统管理员').waitFor();
    const overflowEn = await captureAll(page, { locale: 'en', width, departmentName });

    await openFromMenu(page, /Home/);
    await switchLanguage(page, '中文');
    await page.getByText('你好，系统管理员').waitFor();

    await logout(page);
    await page.getByTestId('login-submit').waitFor();

    if (isPhone(width)) expect([...overflowZh, ...overflowEn], 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });

  it('the invited user opens the link, sets a password and lands on the home page', async () => {
    const { page } = suite.browser;
    expect(invitationUrl, 'the previous test created the invitation').not.toBe('');
    await page.goto(invitationUrl);
    await page.getByTestId('invite-submit').waitFor();
    await screenshot(page, 'invite', 'zh-CN', width);
    await switchLanguage(page, 'English');
    await screenshot(page, 'invite', 'en', width);
    await switchLanguage(page, '中文');

    await page.locator('#password').fill('E2e-pass-2026');
    await page.locator('#confirm').fill('E2e-pass-2026');
    await page.getByTestId('invite-submit').click();
    await page.getByText(`你好，${userName}`).waitFor();
    await expect(page.getByTestId('welcome-card').textContent()).resolves.toContain(departmentName);
    // A sales rep sees no system menu; nothing they cannot use is offered.
    await page.goto(`${suite.server.baseUrl}/system/roles`);
    await page.getByText('没有访问权限').waitFor();
    await settle(page);
    await dismiss(page);
    await logout(page);
  });
});

describe('safety nets', () => {
  it('reloads a record someone else changed meanwhile, and brings a user back after a lost session', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await setWidth(page, 1440);
    await login(page, base, admin.email, admin.password);

    // Someone changes 刘洋 while the admin has the edit drawer open: the save is refused and reloaded.
    await openFromMenu(page, /用户$/);
    await page
      .locator('tr', { hasText: 'liu.yang@demo.cadence' })
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    const form = page.getByTestId('user-form');
    await expect.poll(() => form.locator('#title').inputValue()).toBe('高级销售');
    const status = await page.evaluate(async () => {
      const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const list = await (await fetch('/api/v1/users?q=liu.yang')).json();
      const u = list.data[0];
      const res = await fetch(`/api/v1/users/${u.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'If-Match': String(u.version), 'X-CSRF-Token': csrf },
        body: JSON.stringify({ title: '资深销售' }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    await form.locator('#name').fill('刘洋（华东）');
    await page.getByTestId('user-form-submit').click();
    await page.getByText('记录已被他人修改').waitFor();
    await expect.poll(() => form.locator('#title').inputValue()).toBe('资深销售');
    await form.locator('#name').fill('刘洋（华东）');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-table').getByText('刘洋（华东）').waitFor();

    // The session ends (expired, or signed out elsewhere): the next request leads to the login page and back.
    await settle(page); // the refetches after the save are done: only the next request meets the lost session
    await context.clearCookies();
    await openFromMenu(page, /系统日志/);
    await page.waitForURL(/\/login\?next=%2Fsystem%2Faudit-log/);
    await page.locator('#login').fill(admin.email);
    await page.locator('#password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    // Back where they were going (the URL changes as the page renders: wait for it, never read it early).
    await page.waitForURL((u) => u.pathname === '/system/audit-log');
    await page.getByTestId('audit-table').waitFor();
    await logout(page);
  });
});
