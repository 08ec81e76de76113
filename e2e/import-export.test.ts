import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isPhone, login, logout, switchLanguage } from './support/app.js';
import { download, pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A sales manager imports customers through the wizard (one row repeated in the file, one bad row),
// downloads the error report, and exports the list — at desktop and phone width, in both languages.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };

const suite = browserSuite();

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function openCustomers(page: Page): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.locator('.ant-menu-item', { hasText: /^(客户|Customers)$/ }).click();
  await page.getByTestId('customer-table').waitFor();
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page
    .getByTestId('import-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  await page.getByTestId('import-mapping').waitFor();
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a manager imports customers with the wizard, gets the error report and exports the list', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'import', width);
    const tag = width === 1440 ? '东' : '西';
    const names = [`${tag}湖智能装备有限公司`, `${tag}山新材料科技有限公司`, `${tag}江物流集团有限公司`];

    await login(page, suite.server.baseUrl, manager.email, manager.password);
    await openCustomers(page);
    await page.getByTestId('import-customers').click();
    await page.getByTestId('import-upload').waitFor();
    await shot('upload', 'zh-CN');

    await upload(
      page,
      '展会名单.xlsx',
      await workbook([
        ['公司名称', '联系人', '手机', '行业'],
        [names[0]!, '周明', `1391111${width}`.padEnd(11, '0'), '装备'],
        [names[1]!, '吴静', `1392222${width}`.padEnd(11, '0'), '材料'],
        [names[0]!, '郑强', `1393333${width}`.padEnd(11, '0'), '装备'],
        [names[2]!, '钱伟', '12345', '物流'],
      ]),
    );
    await shot('mapping', 'zh-CN');
    await page.getByTestId('import-check').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    await page.getByTestId('import-issues').getByText('与文件第 2 行重复（名称相同）').waitFor();
    await page.getByTestId('import-issues').getByText('联系人手机：电话号码无效').waitFor();
    await shot('preview', 'zh-CN');
    await page.getByTestId('import-run').click();
    const result = page.getByTestId('import-result');
    await result.getByText('新建 2 · 合并 0 · 跳过 0 · 失败 2').waitFor();
    await shot('done', 'zh-CN');
    const importUrl = page.url();

    const report = await download(page, () => page.getByTestId('import-report').click());
    expect(report.name).toBe('展会名单_错误报告.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.bytes as never);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]?.slice(1)).toEqual(['行号', '公司名称', '联系人', '手机', '行业', '原因']);
    expect(rows.length, 'the header and the two rows not imported').toBe(3);

    // The list now has them; 导出 gives exactly the list, as a file named for the day.
    await page.getByRole('button', { name: '返回客户列表' }).first().click();
    await page.getByTestId('customer-table').getByText(names[1]!).waitFor();
    await page.getByTestId('customer-search').locator('input').fill(tag);
    await page.getByTestId('customer-search').locator('input').press('Enter');
    await page.getByTestId('customer-table').getByText(names[0]!).waitFor();
    await page.getByTestId('export-customers').click();
    const exported = await download(page, () => page.getByRole('menuitem', { name: /导出 Excel/ }).click());
    expect(exported.name).toMatch(/^客户_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.load(exported.bytes as never);
    const exportedNames = ex.worksheets[0]!.getColumn(1).values.slice(2).map(String);
    expect(exportedNames.sort()).toEqual([names[0]!, names[1]!].sort());

    // English: the finished import, then a new one up to its check.
    await switchLanguage(page, 'English');
    await page.goto(importUrl);
    await page.waitForTimeout(500);
    expect(pageErrors(page), 'uncaught errors after reload').toEqual([]);
    await page
      .getByTestId('import-result')
      .getByText('Created 2 · merged 0 · skipped 0 · failed 2')
      .waitFor();
    await shot('done', 'en');
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByTestId('import-upload').waitFor();
    await shot('upload', 'en');
    await upload(
      page,
      'fair.xlsx',
      await workbook([
        ['Company name', 'Phone', 'Industry', 'Level'],
        [names[1]!, null, 'Materials', 'A'],
        [`${tag} Harbour Trading Co., Ltd.`, '+86 21 5555 0000', 'Trade', 'Z'],
      ]),
    );
    await shot('mapping', 'en');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-issues').getByText('Level: “Z” is not a known value').waitFor();
    await page
      .getByTestId('import-issues')
      .getByText(/The customer already exists/)
      .waitFor();
    await shot('preview', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
