import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, isPhone, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 公海设置 and 离职交接: an admin sets up a pool and a recycle rule, then deactivates a rep who still
// owns customers by handing them to a colleague — at desktop and phone width, in Chinese and English.
type ApiPool = {
  id: string;
  name: string;
  isDefault: boolean;
  dailyClaimLimit: number | null;
  ownershipCap: number | null;
  reclaimCooldownDays: number;
  limitOverrides: { departmentId?: string; roleKey?: string; dailyClaimLimit?: number | null }[];
  members: { type: string; id: string; role: string; name: string }[];
};
type ApiRule = {
  name: string;
  object: string;
  poolId: string;
  levels: string[];
  noFollowUpDays: number | null;
  notWonDays: number | null;
  warnDays: number;
  enabled: boolean;
};
type ApiUser = { id: string; name: string; active: boolean; departmentName: string };
type ApiLeadDue = { lead: { name: string } };

const suite = browserSuite();

const userByEmail = async (email: string) =>
  (await suite.asAdmin<{ data: ApiUser[] }>(`/users?q=${encodeURIComponent(email)}`)).data[0]!;
const ownedBy = async (userId: string) =>
  (await suite.asAdmin<{ totalCount: number }>(`/customers?ownerId=${userId}&limit=1`)).totalCount;

/** What the hand-over preview says a user owns, worded as the modal words it (customers, then open leads). */
async function ownedWords(userId: string, lang: 'zh-CN' | 'en'): Promise<string> {
  const { owned } = await suite.asAdmin<{ owned: { object: string; count: number }[] }>(
    `/users/${userId}/handover`,
  );
  const n = (object: string) => owned.find((o) => o.object === object)?.count ?? 0;
  const words =
    lang === 'zh-CN'
      ? [n('customer') && `${n('customer')} 个客户`, n('lead') && `${n('lead')} 条跟进中的线索`]
      : [n('customer') && `${n('customer')} customers`, n('lead') && `${n('lead')} open leads`];
  return words.filter(Boolean).join(lang === 'zh-CN' ? '、' : ', ');
}

/** Types into a searchable select, then picks the option with the keyboard. */
async function searchAndChoose(page: Page, select: Locator, typed: string, label: string): Promise<void> {
  await select.locator('input').first().fill(typed);
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="${label}"]`).waitFor();
  await chooseOption(page, select, label);
}

/** Picks a department in an antd TreeSelect by typing its name and taking the only match. */
async function chooseDepartment(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await select.locator('input').first().fill(name);
  const node = page.locator(
    `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title="${name}"]`,
  );
  await node.waitFor();
  await node.click();
  await select.getByText(name).waitFor();
}

/** Opens a page from the side menu and makes sure the phone's menu drawer is gone before going on. */
async function openPage(page: Page, label: RegExp, ready: string): Promise<void> {
  await openFromMenu(page, label);
  await page.getByTestId(ready).waitFor();
  const menu = page.locator('.ant-drawer-open');
  if (await menu.count()) {
    // Under load the drawer can linger after the navigation; close it as a user would.
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  }
}

describe.each([1440, 390])('at %i px', (width) => {
  // Each width works on its own pool and its own leaving rep, so the two runs don't meet.
  const poolName = width === 1440 ? '华南公海' : '华北公海';
  const department = width === 1440 ? '华南大区' : '华北大区';
  const ruleName = `${poolName} 30 天未跟进`;
  const leaverEmail = width === 1440 ? 'xu.qiang@demo.cadence' : 'guo.min@demo.cadence';
  const successorEmail = width === 1440 ? 'wu.fang@demo.cadence' : 'hu.bin@demo.cadence';

  it('an admin sets up a pool with a department and a rule, and hands a leaving rep’s customers to a colleague', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'pool-settings', width);

    await login(page, suite.server.baseUrl, admin.email, admin.password);
    await openPage(page, /公海设置/, 'pool-table');
    const pools = page.getByTestId('pool-table');
    await pools.getByText('华东公海').waitFor();
    await shot('pools', 'zh-CN');

    // The default pool cannot go: the server's own refusal is shown.
    const defaultRow = pools.locator('tr', { hasText: '默认' }).first();
    await defaultRow.getByTestId('delete-pool').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText('至少需要一个默认公海').waitFor();
    // Nor can a pool in which customers wait.
    await pools.locator('tr', { hasText: '华东公海' }).getByTestId('delete-pool').click();
    await page
      .locator('.ant-popconfirm')
      .last()
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText('公海里还有客户，不能删除；请先把客户移到其他公海').waitFor();
    await pools.getByText('华东公海').waitFor();

    // 新建公海: a region's department as members, one person as its admin, no ownership cap,
    // and a special daily limit for the 销售 role.
    await page.getByTestId('create-pool').click();
    const form = page.getByTestId('pool-form');
    await form.getByTestId('pool-name').fill(poolName);
    await form.locator('#description').fill(`${department}释放和回收的客户`);
    await chooseOption(page, form.getByTestId('pool-cap-mode'), '不限');
    await form.locator('#reclaimCooldownDays').fill('20');
    await form.getByTestId('add-pool-departments').click();
    await chooseDepartment(
      page,
      form.getByTestId('pool-departments-row').getByTestId('department-select'),
      department,
    );
    const successor = await userByEmail(successorEmail);
    await form.getByTestId('add-pool-users').click();
    const userRow = form.getByTestId('pool-users-row');
    await searchAndChoose(
      page,
      userRow.getByTestId('pool-user-select'),
      successor.name,
      `${successor.name} · ${successor.departmentName}`,
    );
    await chooseOption(page, userRow.getByTestId('pool-member-role'), '管理员');
    await form.getByTestId('add-pool-override').click();
    const override = form.getByTestId('pool-overrides');
    await chooseOption(page, override.locator('.ant-select').first(), '角色');
    await chooseOption(page, override.locator('.ant-select').nth(1), '销售');
    await chooseOption(page, override.locator('.ant-select').nth(2), '不限');
    await shot('pool-form', 'zh-CN');
    await page.getByTestId('pool-form-submit').click();
    await page.getByText('公海已创建').waitFor();
    await pools.getByText(poolName).waitFor();

    const saved = (await suite.asAdmin<{ data: ApiPool[] }>('/pools')).data.find((p) => p.name === poolName);
    expect(saved, 'the new pool').toBeTruthy();
    expect(saved!.isDefault).toBe(false);
    expect(saved!.ownershipCap, 'no ownership cap').toBeNull();
    expect(saved!.dailyClaimLimit).toBe(10);
    expect(saved!.reclaimCooldownDays).toBe(20);
    expect(saved!.members.map((m) => [m.type, m.name, m.role])).toEqual([
      ['department', department, 'member'],
      ['user', successor.name, 'admin'],
    ]);
    expect(saved!.limitOverrides).toEqual([{ roleKey: 'sales_rep', dailyClaimLimit: null }]);

    // 回收规则: no trigger is refused in the form; then 30 days without follow-up, A and B only.
    await page.getByRole('tab', { name: '回收规则' }).click();
    await page.getByTestId('rule-table').getByText('C 类客户 240 天未成交').waitFor();
    await shot('rules', 'zh-CN');
    await page.getByTestId('create-rule').click();
    const ruleForm = page.getByTestId('rule-form');
    await ruleForm.getByTestId('rule-name').fill(ruleName);
    await chooseOption(page, ruleForm.getByTestId('rule-pool'), poolName);
    await chooseOption(page, ruleForm.getByTestId('rule-levels'), 'A 级');
    await chooseOption(page, ruleForm.getByTestId('rule-levels'), 'B 级');
    await ruleForm.locator('#noFollowUpDays').fill('');
    await page.getByTestId('rule-form-submit').click();
    await ruleForm.getByText('未跟进、未成交、无商机天数至少填一项').first().waitFor();
    await ruleForm.locator('#noFollowUpDays').fill('30');
    await ruleForm.locator('#warnDays').fill('5');
    await shot('rule-form', 'zh-CN');
    await page.getByTestId('rule-form-submit').click();
    await page.getByText('回收规则已创建').waitFor();
    await page.getByTestId('rule-table').getByText(ruleName).waitFor();
    const rule = (await suite.asAdmin<{ data: ApiRule[] }>('/recycle-rules')).data.find(
      (r) => r.name === ruleName,
    );
    expect(rule).toMatchObject({
      poolId: saved!.id,
      levels: ['A', 'B'],
      noFollowUpDays: 30,
      notWonDays: null,
      warnDays: 5,
      enabled: true,
    });
    // Switched off from the table, and on again.
    const ruleRow = page.getByTestId('rule-table').locator('tr', { hasText: ruleName });
    await ruleRow.getByTestId('rule-toggle').click();
    await page.getByText('规则已停用').waitFor();
    const rulesNow = async () =>
      (await suite.asAdmin<{ data: ApiRule[] }>('/recycle-rules')).data.find((r) => r.name === ruleName);
    expect((await rulesNow())?.enabled, 'the rule is off').toBe(false);
    await ruleRow.getByTestId('rule-toggle').click();
    await page.getByText('规则已启用').waitFor();
    expect((await rulesNow())?.enabled, 'the rule is on again').toBe(true);

    // 停用 a rep who still owns customers: the hand-over comes first, to a colleague.
    const leaver = await userByEmail(leaverEmail);
    const leaverOwns = await ownedBy(leaver.id);
    const successorOwned = await ownedBy(successor.id);
    expect(leaverOwns, 'the leaving rep owns customers in the demo').toBeGreaterThan(0);
    await openPage(page, /用户$/, 'user-table');
    const search = page.getByTestId('user-search').locator('input');
    await search.fill(leaverEmail);
    await search.press('Enter');
    const row = page.getByTestId('user-table').locator('tr', { hasText: leaver.name });
    await row.waitFor();
    await row.getByTestId('user-more').click();
    await page.getByRole('menuitem', { name: '停用' }).click();
    const modal = page.getByTestId('handover-modal');
    // The demo's leads routed to them go along with their customers.
    const leaverWords = await ownedWords(leaver.id, 'zh-CN');
    await modal
      .getByTestId('handover-summary')
      .getByText(`${leaver.name} 名下有 ${leaverWords}，停用前需要交接。`)
      .waitFor();
    await searchAndChoose(
      page,
      modal.getByTestId('handover-user'),
      successor.name,
      `${successor.name} · ${successor.departmentName}`,
    );
    await modal.getByTestId('handover-reason').fill('离职交接');
    await shot('handover', 'zh-CN');
    await page.getByTestId('handover-submit').click();
    await page.getByText(`已交接 ${leaverWords}，${leaver.name} 已停用`).waitFor();
    await row.getByText('已停用').waitFor();

    expect(await ownedBy(leaver.id), 'nothing left in the leaver’s name').toBe(0);
    expect(await ownedBy(successor.id), 'the successor took them all').toBe(successorOwned + leaverOwns);
    expect((await userByEmail(leaverEmail)).active).toBe(false);

    // The same screens in English; the stand-alone 交接客户 shows the successor's preview.
    await switchLanguage(page, 'English');
    await search.fill(successorEmail);
    await search.press('Enter');
    const successorRow = page.getByTestId('user-table').locator('tr', { hasText: successor.name });
    await successorRow.waitFor();
    await successorRow.getByTestId('user-more').click();
    await page.getByRole('menuitem', { name: 'Hand over customers' }).click();
    await modal
      .getByText(`All ${await ownedWords(successor.id, 'en')} of ${successor.name} will be handed over.`)
      .waitFor();
    await modal.getByTestId('handover-target').getByText('A pool').click();
    await modal.getByTestId('handover-pool').getByText('公海').waitFor();
    await shot('handover', 'en');
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });

    await openPage(page, /Customer pools$/, 'pool-table');
    await pools.getByText(poolName).waitFor();
    await pools.getByText('Default').waitFor();
    await shot('pools', 'en');
    await pools.locator('tr', { hasText: poolName }).getByTestId('edit-pool').click();
    await page.getByTestId('pool-form').getByText('Special limits').first().waitFor();
    await shot('pool-form', 'en');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Recycle rules' }).click();
    await page.getByTestId('rule-table').getByText('No follow-up for 30 days').first().waitFor();
    await shot('rules', 'en');
    await page
      .getByTestId('rule-table')
      .locator('tr', { hasText: ruleName })
      .getByTestId('edit-rule')
      .click();
    await page.getByTestId('rule-form').waitFor();
    await shot('rule-form', 'en');
    await page.keyboard.press('Escape');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });

  it('an admin adds a recycle rule to the lead pool, and the leads it will take back are listed', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'lead-recycle', width);
    const leadRule = `线索 ${width === 1440 ? 5 : 6} 天未跟进`;

    await login(page, suite.server.baseUrl, admin.email, admin.password);
    await openPage(page, /公海设置/, 'pool-table');
    await page.getByTestId('pool-object').getByText('线索池').click();
    await page.getByRole('tab', { name: '回收规则' }).click();
    await page.getByTestId('rule-table').waitFor();
    await page.getByTestId('create-rule').click();
    const form = page.getByTestId('rule-form');
    // A lead pool's rule has no customer levels or exemptions, and speaks of conversion, not deals.
    await form.getByText('未转化天数').first().waitFor();
    expect(await form.getByTestId('rule-levels').count()).toBe(0);
    expect(await form.getByTestId('rule-exempt-won').count()).toBe(0);
    await form.getByTestId('rule-name').fill(leadRule);
    await form.locator('#noFollowUpDays').fill('');
    await page.getByTestId('rule-form-submit').click();
    await form.getByText('未跟进天数和未转化天数至少填一项').first().waitFor();
    await form.locator('#noFollowUpDays').fill(String(width === 1440 ? 5 : 6));
    await form.locator('#warnDays').fill('3');
    await shot('rule-form', 'zh-CN');
    await page.getByTestId('rule-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('rule-table').getByText(leadRule).waitFor();
    await shot('rules', 'zh-CN');
    const rule = (await suite.asAdmin<{ data: ApiRule[] }>('/recycle-rules')).data.find(
      (r) => r.name === leadRule,
    );
    expect(rule).toMatchObject({
      object: 'lead',
      levels: [],
      noFollowUpDays: width === 1440 ? 5 : 6,
      warnDays: 3,
    });
    // The customer pools' rules stay apart.
    await page.getByTestId('pool-object').getByText('客户公海').click();
    await page.getByTestId('rule-table').getByText('C 类客户 240 天未成交').waitFor();
    expect(await page.getByTestId('rule-table').getByText(leadRule).count()).toBe(0);

    // 即将回收 from the lead pool page: the demo's idle leads, as the server lists them.
    const due = await suite.asAdmin<{ data: ApiLeadDue[] }>('/leads/recycle-due');
    expect(due.data.length, 'the demo has leads nobody followed up for days').toBeGreaterThan(0);
    await openPage(page, /线索池$/, 'pool-quota');
    await page.getByTestId('recycle-due-link').click();
    await page.getByTestId('recycle-due').getByText(due.data[0]!.lead.name).first().waitFor();
    await page.getByText('这些线索将按回收规则退回线索池，请尽快跟进').waitFor();
    await shot('due', 'zh-CN');
    await switchLanguage(page, 'English');
    await page.getByText('Recycle rules will return these leads to a lead pool soon').waitFor();
    await shot('due', 'en');
    await page.goto(`${suite.server.baseUrl}/system/pools?object=lead&tab=rules`);
    await page
      .getByTestId('rule-table')
      .getByText(`No follow-up for ${width === 1440 ? 5 : 6} days`)
      .waitFor();
    await shot('rules', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
