import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isPhone, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// An admin moves an org chart in from the users page: picks 用户与部门, checks the mapping and the
// preview (a bad e-mail, an unknown role), imports, and sees the departments and invitations counted —
// at desktop and phone width, in both languages.

const suite = browserSuite();

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page
    .getByTestId('import-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  await page.getByTestId('import-mapping').waitFor();
}

describe.each([1440, 390])('at %i px', (width) => {
  it('an admin imports users and their departments from the users page', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'import-users', width);
    const tag = String(width);
    const region = width === 1440 ? '西南大区' : '西北大区';

    await login(page, suite.server.baseUrl, admin.email, admin.password);
    await openFromMenu(page, /用户$/);
    await page.getByTestId('import-users').click();
    const pick = page.getByTestId('import-object');
    await pick.waitFor();
    // Opened from the users page: 用户与部门 is chosen; 客户 is one click away.
    expect(await pick.locator('.ant-segmented-item-selected').textContent()).toBe('用户与部门');
    await shot('upload', 'zh-CN');

    await upload(
      page,
      '花名册.xlsx',
      await workbook([
        ['姓名', '邮箱', '手机', '部门', '职位', '角色', '上级'],
        [
          '邓超',
          `deng.chao.${tag}@yuanhang.cn`,
          null,
          `销售中心/${region}`,
          '大区经理',
          '销售经理',
          `deng.chao.${tag}@yuanhang.cn`,
        ],
        ['叶青', `ye.qing.${tag}@yuanhang.cn`, null, `销售中心/${region}/成都组`, '销售', '销售', null],
        ['罗兰', `luo.lan.${tag}@yuanhang`, null, `销售中心/${region}/成都组`, '销售', '销售', null],
        ['谢天', `xie.tian.${tag}@yuanhang.cn`, null, `销售中心/${region}`, '助理', '宇航员', null],
      ]),
    );
    await page.getByTestId('import-mapping').getByText('上级').first().waitFor();
    await shot('mapping', 'zh-CN');
    await page.getByTestId('import-check').click();
    const issues = page.getByTestId('import-issues');
    await issues.getByText('邮箱：邮箱地址无效').waitFor();
    await issues.getByText('角色：没有角色“宇航员”（按角色标识或名称匹配）').waitFor();
    await shot('preview', 'zh-CN');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').getByText('新建 2 · 合并 0 · 跳过 0 · 失败 2').waitFor();
    await page.getByTestId('import-result-users').getByText('新建部门 2 个 · 2 位新用户需要邀请').waitFor();
    await page.getByTestId('import-invite-hint').waitFor();
    await shot('done', 'zh-CN');

    // Back on the users page the new user is there.
    await page.getByRole('button', { name: '返回用户列表' }).first().click();
    await page.getByText(`ye.qing.${tag}@yuanhang.cn`).first().waitFor();
    await shot('list', 'zh-CN'); // 导入 beside 新建用户

    // English: the same file again — the two users exist now.
    await switchLanguage(page, 'English');
    await page.getByTestId('import-users').click();
    await page.getByTestId('import-upload').waitFor();
    await upload(
      page,
      'org-chart.xlsx',
      await workbook([
        ['Name', 'E-mail', 'Department', 'Roles'],
        ['Deng Chao', `deng.chao.${tag}@yuanhang.cn`, `销售中心/${region}`, 'sales_rep'],
        ['Ye Qing', `ye.qing.${tag}@yuanhang.cn`, `销售中心/${region}/成都组`, 'sales_rep'],
      ]),
    );
    await shot('mapping', 'en');
    await page.getByTestId('import-check').click();
    await page
      .getByTestId('import-issues')
      .getByText(/The user already exists: 邓超/)
      .waitFor();
    await page.getByText('Skip: leave existing users as they are').waitFor();
    await shot('preview', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
