import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, isPhone, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { download, pageErrors, settle, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A sales manager brings deals (商机) in through the import wizard — an open one for a customer the file
// names and the CRM lacks, a won and a lost one with their own dates, one without a customer (filed under
// a holding customer) and one in a stage the pipeline does not have — then exports the list, moves the
// holding customer's deal to its real customer, and imports an English sheet whose open deal in a later
// stage is refused at the run by the stage's gate. At desktop and phone width, in both languages.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026', name: '李明' };
const pipelineName = '通用销售流程';

const suite = browserSuite();

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商机');
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

/** A deal of the list: a table row on a desktop, a card on a phone. */
const dealRow = (page: Page, width: number, name: string) =>
  isPhone(width)
    ? page.locator(`[data-testid="deal-card"][data-name="${name}"]`)
    : page.getByTestId('deal-table').locator('tr', { hasText: name });

describe.each([1440, 390])('at %i px', (width) => {
  it('a manager imports deals with the wizard, exports them and moves one to its real customer', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'deal-import', width);
    const tag = width === 1440 ? '甲' : '乙';
    const id = (n: number) => `DI-${width}-${n}`;
    const customer = `临港精密模具${tag}有限公司`;
    const holding = `待分配客户${tag}`;
    const deals = {
      open: `模具产线一期（导入${tag}）`,
      won: `冲压线改造（导入${tag}）`,
      lost: `检测设备采购（导入${tag}）`,
      noCustomer: `展会意向（导入${tag}）`,
      bad: `立项商机（导入${tag}）`,
    };

    await login(page, suite.server.baseUrl, manager.email, manager.password);
    await openFromMenu(page, /(商机|Opportunities)$/);
    await settle(page);
    await page.getByTestId('import-deals').click();
    await page.waitForURL(/\/opportunities\/import/);
    await page.getByTestId('import-upload').waitFor();
    await shot('upload', 'zh-CN');

    // 上传 → 字段匹配: the Chinese headers map by themselves; rows without a customer go to the holding
    // customer, and the customer the file names is made.
    await upload(
      page,
      `历史商机${tag}.xlsx`,
      await workbook([
        [
          '外部编号',
          '商机名称',
          '客户名称',
          '阶段',
          '金额',
          '负责人',
          '创建日期',
          '进入“需求确认”日期',
          '赢单/输单日期',
          '输单原因',
        ],
        [id(1), deals.open, customer, '初步接洽', 560000, manager.name, null, null, null, null],
        [id(2), deals.won, customer, '赢单', 380000, '刘洋', '2025-09-01', '2025-10-08', '2026-01-15', null],
        [
          id(3),
          deals.lost,
          customer,
          '输单',
          126000,
          '刘洋',
          '2025-05-01',
          null,
          '2025-08-20',
          '价格高于竞品',
        ],
        [id(4), deals.noCustomer, null, '初步接洽', 88000, manager.name, null, null, null, null],
        [id(5), deals.bad, customer, '立项', 1000, manager.name, null, null, null, null],
      ]),
    );
    const mapping = page.getByTestId('import-mapping');
    await mapping.getByText('进入“需求确认”日期').first().waitFor();
    const options = page.getByTestId('deal-import-options');
    await options.getByTestId('deal-import-pipeline').getByText(pipelineName).waitFor();
    await options.getByTestId('deal-import-holding').fill(holding);
    await options.getByTestId('deal-import-create-customers').check();
    expect(await options.getByTestId('deal-import-create-customers').isChecked()).toBe(true);
    await shot('mapping', 'zh-CN');

    // 预览校验: four rows read, the stage the pipeline lacks is an error.
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-summary').waitFor();
    await page
      .getByTestId('import-issues')
      .getByText(`阶段：销售流程“${pipelineName}”中没有阶段“立项”`)
      .waitFor();
    await shot('preview', 'zh-CN');

    // 导入 → 完成.
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').getByText('新建 4 · 合并 0 · 跳过 0 · 失败 1').waitFor();
    await shot('done', 'zh-CN');

    // The list (列表) shows the four deals, not the refused one.
    await page.getByRole('button', { name: '返回商机列表' }).first().click();
    await page.getByTestId('deal-view').waitFor();
    await settle(page);
    await page.getByTestId('deal-view').getByText('列表').click();
    await chooseOption(page, page.getByTestId('deal-pipeline-select'), pipelineName);
    const search = page.getByTestId('deal-search').locator('input');
    await search.fill(`导入${tag}`);
    await search.press('Enter');
    for (const name of [deals.open, deals.won, deals.lost, deals.noCustomer])
      await dealRow(page, width, name).first().waitFor();
    await dealRow(page, width, deals.noCustomer).getByText(holding).first().waitFor();
    await page
      .getByTestId('deal-totals')
      .getByText(/^共 4 个商机/)
      .waitFor();
    expect(await dealRow(page, width, deals.bad).count()).toBe(0);
    await shot('list', 'zh-CN');

    // 导出 Excel: the list as it is filtered, in the import's own columns.
    await page.getByTestId('export-deals').click();
    const exported = await download(page, () => page.getByRole('menuitem', { name: /导出 Excel/ }).click());
    expect(exported.name).toMatch(/^商机_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.load(exported.bytes as never);
    const sheet = ex.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['外部编号', '商机名称', '客户名称']);
    const exportedIds = sheet.getColumn(1).values.slice(2).map(String);
    expect(exportedIds.sort()).toEqual([id(1), id(2), id(3), id(4)]);

    // The deal filed under the holding customer moves to its real one: 编辑, pick the customer, save.
    await dealRow(page, width, deals.noCustomer).getByTestId('deal-link').first().click();
    await page.getByTestId('deal-profile').waitFor();
    await page.getByTestId('deal-customer-link').getByText(holding).waitFor();
    await page.getByTestId('edit-deal').click();
    const form = page.getByTestId('deal-form');
    await form.getByTestId('deal-customer').getByText(holding).waitFor();
    await form.getByTestId('deal-customer').click();
    await page.keyboard.type(customer);
    await page.locator(`.ant-select-item-option[title="${customer} · ${manager.name}"]`).click();
    await form.getByTestId('deal-customer').getByText(`${customer} · ${manager.name}`).waitFor();
    await form.getByText('保存后商机转到这个客户名下').waitFor();
    await shot('edit-customer', 'zh-CN');
    await page.getByTestId('deal-form-submit').click();
    await page.getByText('商机已保存').waitFor();
    await page.getByTestId('deal-customer-link').getByText(customer).waitFor();
    await shot('moved', 'zh-CN');

    // English: a sheet with English headers; its open deal in 方案演示 passes the check and is refused by
    // the stage's gate at the run (a manager may not skip requirements).
    await switchLanguage(page, 'English');
    await page.goto(`${suite.server.baseUrl}/opportunities/import`);
    await page.getByTestId('import-upload').waitFor();
    await settle(page);
    await upload(
      page,
      `deals-${width}.xlsx`,
      await workbook([
        ['External ID', 'Deal name', 'Customer', 'Stage', 'Amount', 'Owner', 'Closed on'],
        [id(11), `Mould line phase 2 ${tag}`, customer, '初步接洽', 240000, manager.email, null],
        [id(12), `Spare parts ${tag}`, customer, 'Won', 50000, manager.email, null],
        [id(13), `Press line demo ${tag}`, customer, '方案演示', 310000, manager.email, null],
      ]),
    );
    await page.getByTestId('import-mapping').getByText('External ID').first().waitFor();
    await page.getByTestId('deal-import-options').getByText('Import settings').waitFor();
    await shot('mapping', 'en');
    await page.getByTestId('import-check').click();
    await page
      .getByTestId('import-issues')
      .getByText('Won or lost on: A won or lost deal needs the day it was won or lost')
      .waitFor();
    await shot('preview', 'en');
    await page.getByTestId('import-run').click();
    await page
      .getByTestId('import-result')
      .getByText('Created 1 · merged 0 · skipped 0 · failed 2')
      .waitFor();
    await shot('done', 'en');
    // The error report says why each row did not come in: the missing day, and the gate of 方案演示.
    const report = await download(page, () => page.getByTestId('import-report').click());
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.load(report.bytes as never);
    const reasons = (rb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][])
      .slice(1)
      .map((r) => String(r.at(-1)));
    expect(reasons).toEqual([
      'Won or lost on: A won or lost deal needs the day it was won or lost',
      expect.stringMatching(/^Cannot enter “方案演示” yet: \d requirements are not met$/),
    ]);
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
