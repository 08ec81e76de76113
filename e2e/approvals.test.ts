import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession, type Call } from './support/admin-api.js';
import { chooseOption, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 审批: an admin sets up 大额报价审批 in 审批流程 (amount > ¥500,000 entering 报价 → 直属上级, 或签); a rep's
// ¥600,000 deal moved into 报价 waits (202); their manager 张伟 approves it on a phone and the deal
// enters 报价 — or, on a desktop, rejects it with a reason, and the rep sees 被驳回 in 我发起的 and
// resubmits. The flow guards a pipeline of this test's own (no stage gates), so the demo's flow on the
// manufacturing pipeline cannot be what sends the deals for approval.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026', name: '刘洋' };
const manager = { email: 'zhang.wei@demo.cadence', password: 'Cadence@2026', name: '张伟' };
const pipelineName = '快速项目流程';
const flowName = '大额报价审批（快速项目）';

type ApiPipeline = { id: string; name: string; stages: { id: string; name: string }[] };
type ApiDeal = { id: string; version: number; stageId: string; stageName: string };
type ApiApproval = { id: string; status: string; round: number; recordId: string; name: string };
type ApiDefinition = {
  name: string;
  trigger: { stageIds: string[] };
  conditions: unknown[];
  steps: unknown[];
  active: boolean;
};

const suite = browserSuite();

/** Signs in over the API as that user (the shared helper, on this suite's server). */
const session = (email: string, password: string) => apiSession(suite.server.baseUrl, email, password);

/** The test's pipeline (created once): 洽谈 → 报价 → 赢单 / 输单, without stage gates. */
async function testPipeline(asAdmin: Call): Promise<ApiPipeline> {
  const list = await asAdmin<{ data: ApiPipeline[] }>('GET', '/pipelines');
  const found = list.body.data.find((p) => p.name === pipelineName);
  if (found) return found;
  const created = await asAdmin<ApiPipeline>('POST', '/pipelines', {
    name: pipelineName,
    stages: [
      { name: '洽谈', probability: 20, category: 'pipeline' },
      { name: '报价', probability: 60, category: 'best_case' },
      { name: '赢单', probability: 100, category: 'closed_won' },
      { name: '输单', probability: 0, category: 'closed_lost' },
    ],
  });
  expect(created.status, 'creating the test pipeline').toBe(201);
  return created.body;
}

/** The rep creates a ¥600,000 deal in the test pipeline and moves it into 报价: it waits for approval. */
async function dealSentForApproval(name: string): Promise<{ deal: ApiDeal; approvalId: string }> {
  const asRep = await session(rep.email, rep.password);
  const pipeline = await testPipeline(await session(admin.email, admin.password));
  const quote = pipeline.stages.find((s) => s.name === '报价')!;
  const customers = await asRep<{ data: { id: string }[] }>('GET', '/customers?limit=1');
  const created = await asRep<ApiDeal>('POST', '/opportunities', {
    name,
    customerId: customers.body.data[0]?.id,
    pipelineId: pipeline.id,
    amount: 60_000_000,
  });
  expect(created.status, 'the rep creates the deal').toBe(201);
  const moved = await asRep<{ approval?: { id: string; status: string } }>(
    'POST',
    `/opportunities/${created.body.id}/move`,
    { stageId: quote.id },
    { 'if-match': String(created.body.version) },
  );
  expect(moved.status, 'a move into 报价 above ¥500,000 is sent for approval').toBe(202);
  expect(moved.body.approval?.status).toBe('pending');
  return { deal: created.body, approvalId: moved.body.approval!.id };
}

async function dealNow(id: string): Promise<ApiDeal> {
  return (await suite.asAdmin<ApiDeal>(`/opportunities/${id}`)) as ApiDeal;
}

/** 审批 in the side menu (its label may carry the count of waiting requests). */
const openApprovals = async (page: Page) => {
  await openFromMenu(page, /(审批|Approvals)( \d+)?$/);
  await page.getByTestId('approval-tabs').waitFor();
};

const card = (page: Page, record: string) =>
  page.locator(`[data-testid="approval-card"][data-record="${record}"]`);

describe('审批', () => {
  it('an admin sets up 大额报价审批 in 审批流程: 报价 of a pipeline, amount above ¥500,000, the direct manager', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, 1440);
    await testPipeline(await session(admin.email, admin.password));
    await login(page, suite.server.baseUrl, admin.email, admin.password);
    await openFromMenu(page, /审批流程$/);
    const table = page.getByTestId('flow-table');
    // The demo's own flow is listed, with its conditions and steps in words.
    const demo = table.locator('tr[data-name="大额报价审批"]');
    await demo.getByText('商机金额 > ¥500,000.00').waitFor();
    await demo.getByText('1. 直属上级：直属上级').waitFor();

    await page.getByTestId('create-flow').click();
    const form = page.getByTestId('flow-form');
    await form.getByTestId('flow-name').fill(flowName);
    await chooseOption(page, form.getByTestId('flow-pipeline'), pipelineName);
    await chooseOption(page, form.getByTestId('flow-stages'), '报价');
    await form.getByTestId('add-condition').click();
    await form.getByTestId('condition-value').fill('500000');
    // The first step is there already: the submitter's direct manager, any one approves.
    expect(await form.getByTestId('step-row').count()).toBe(1);
    await form.getByTestId('step-level').getByText('直属上级').waitFor();
    const { shot, overflow } = screens(page, 'approval-flows', 1440);
    await shot('form', 'zh-CN');
    await page.getByTestId('flow-form-submit').click();
    await page.getByText('审批流程已创建').waitFor();
    const row = table.locator('tr', { hasText: flowName });
    await row.getByText(`进入 ${pipelineName} · 报价`).waitFor();
    await row.getByText('商机金额 > ¥500,000.00').waitFor();

    const defs = await suite.asAdmin<{ data: ApiDefinition[] }>('/approval-definitions');
    const mine = defs.data.find((d) => d.name === flowName);
    const pipeline = await testPipeline(await session(admin.email, admin.password));
    expect(mine, 'the flow is stored').toMatchObject({
      trigger: { stageIds: [pipeline.stages.find((s) => s.name === '报价')!.id] },
      // 元 in the form, 分 on the server.
      conditions: [{ field: 'amount', op: 'gt', value: 50_000_000 }],
      steps: [{ name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' }],
      active: true,
    });
    await shot('list', 'zh-CN');
    await switchLanguage(page, 'English');
    await row.getByText('Deal amount > CN¥500,000.00').waitFor();
    await shot('list', 'en');
    await page.getByTestId('create-flow').click();
    await page.getByTestId('flow-form').waitFor();
    await shot('form', 'en');
    await page.keyboard.press('Escape');

    // A phone: the list as cards, the form full width.
    await setWidth(page, 390);
    const phone = screens(page, 'approval-flows', 390);
    await settle(page);
    await phone.shot('list', 'en');
    await switchLanguage(page, '中文');
    await row.getByText('商机金额 > ¥500,000.00').waitFor();
    await phone.shot('list', 'zh-CN');
    await row.getByTestId('edit-flow').click();
    await page.getByTestId('flow-form').getByTestId('condition-value').waitFor();
    expect(await page.getByTestId('condition-value').inputValue()).toMatch(/^500,?000(\.00)?$/);
    await phone.shot('form', 'zh-CN');
    await page.keyboard.press('Escape');
    await page.getByTestId('flow-form').waitFor({ state: 'detached' });

    // The demo's flow: switched off, then deleted (each with the version the page showed).
    const demoRow = table.locator('tr[data-name="大额报价审批"]');
    const stored = async () =>
      (await suite.asAdmin<{ data: ApiDefinition[] }>('/approval-definitions')).data.find(
        (d) => d.name === '大额报价审批',
      );
    await demoRow.getByTestId('flow-toggle').click();
    await page.getByText('审批流程已停用').waitFor();
    expect((await stored())?.active, 'switched off').toBe(false);
    await demoRow.getByTestId('delete-flow').click();
    await page.locator('.ant-popconfirm').getByText('删除审批流程「大额报价审批」？').waitFor();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await page.getByText('审批流程已删除').waitFor();
    await demoRow.waitFor({ state: 'detached' });
    expect(await stored(), 'deleted').toBeUndefined();
    await row.waitFor();
    expect([...overflow, ...phone.overflow], 'nothing sticks out of the page').toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('an admin builds a switched-off flow with a probability range, a role, a chain of managers and named people who all must approve', async () => {
    const { page } = suite.browser;
    await setWidth(page, 1440);
    await page.getByTestId('open-menu').waitFor({ state: 'detached' });
    await openFromMenu(page, /审批流程$/);
    await page.getByTestId('create-flow').click();
    const form = page.getByTestId('flow-form');
    await form.getByTestId('flow-name').fill('合同审批（测试）');
    await chooseOption(page, form.getByTestId('flow-pipeline'), '通用销售流程');
    await chooseOption(page, form.getByTestId('flow-stages'), '商务谈判');
    const conditions = form.getByTestId('condition-row');
    await form.getByTestId('add-condition').click();
    await chooseOption(page, conditions.nth(0).getByTestId('condition-field'), '阶段赢率');
    await chooseOption(page, conditions.nth(0).getByTestId('condition-op'), '介于');
    await conditions.nth(0).getByTestId('condition-value').fill('50');
    await conditions.nth(0).getByTestId('condition-to').fill('80');
    await form.getByTestId('add-condition').click();
    await chooseOption(page, conditions.nth(1).getByTestId('condition-field'), '提交人角色');
    await chooseOption(page, conditions.nth(1).getByTestId('condition-role'), '销售');
    const steps = form.getByTestId('step-row');
    await chooseOption(page, steps.nth(0).getByTestId('step-type'), '逐级审批');
    await chooseOption(page, steps.nth(0).getByTestId('step-level'), '第 2 级上级');
    await form.getByTestId('add-step').click();
    await steps.nth(1).getByTestId('step-name').fill('销售总监审批');
    await chooseOption(page, steps.nth(1).getByTestId('step-type'), '指定成员');
    await chooseOption(page, steps.nth(1).getByTestId('step-users'), '王建国 · 销售中心');
    await steps.nth(1).getByTestId('step-name').click();
    await chooseOption(page, steps.nth(1).getByTestId('step-mode'), '会签（需所有人同意）');
    await form.getByTestId('flow-active').click();
    await screens(page, 'approval-flows', 1440).shot('form-full', 'zh-CN');
    await page.getByTestId('flow-form-submit').click();
    await page.getByText('审批流程已创建').waitFor();
    const row = page.getByTestId('flow-table').locator('tr[data-name="合同审批（测试）"]');
    await row.getByText('阶段赢率 介于 50% 和 80%').waitFor();
    await row.getByText('提交人角色为 销售').waitFor();
    await row.getByText('1. 直属上级：逐级审批至第 2 级上级').waitFor();
    await row.getByText('2. 销售总监审批：指定成员：王建国').waitFor();

    const users = await suite.asAdmin<{ data: { id: string }[] }>('/users?q=wang.jianguo');
    const defs = await suite.asAdmin<{ data: ApiDefinition[] }>('/approval-definitions');
    expect(defs.data.find((d) => d.name === '合同审批（测试）')).toMatchObject({
      conditions: [
        { field: 'probability', op: 'between', value: [50, 80] },
        { op: 'role', value: 'sales_rep' },
      ],
      steps: [
        { name: '直属上级', approvers: { type: 'manager_chain', levels: 2 }, mode: 'any' },
        { name: '销售总监审批', approvers: { type: 'users', userIds: [users.data[0]?.id] }, mode: 'all' },
      ],
      active: false,
    });
    expect(pageErrors(page)).toEqual([]);
  });

  it('张伟 approves 刘洋’s ¥600,000 quote on a phone, and the deal enters 报价', async () => {
    const { page, context } = suite.browser;
    const dealName = '焊装线扩产-手机审批';
    const { deal, approvalId } = await dealSentForApproval(dealName);
    expect((await dealNow(deal.id)).stageName, 'the deal waits in its stage').toBe('洽谈');

    await context.clearCookies();
    await setWidth(page, 390);
    const { shot, overflow } = screens(page, 'approvals', 390);
    await login(page, suite.server.baseUrl, manager.email, manager.password);
    // Told in the notification centre.
    await page.getByTestId('notification-bell').click();
    await page
      .getByTestId('notification-list')
      .getByText(`${flowName}：「${dealName}」洽谈 → 报价，等你审批`)
      .waitFor();
    await page.keyboard.press('Escape');
    await openApprovals(page);
    const item = card(page, dealName);
    await item.getByText('洽谈 → 报价').waitFor();
    await item.getByText(flowName).waitFor();
    await item.getByText(`${rep.name} 提交`).waitFor();
    await item.getByText('当前步骤：直属上级').waitFor();
    expect(
      Number(await page.getByTestId('todo-count').locator('sup').getAttribute('title')),
    ).toBeGreaterThanOrEqual(1);
    await shot('inbox', 'zh-CN');

    await item.getByTestId('approval-handle').click();
    const detail = page.getByTestId('approval-page');
    await detail.waitFor();
    await page.getByTestId('approval-step').first().getByText(manager.name).waitFor();
    await shot('detail', 'zh-CN');
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('decision-comment').fill('价格在授权范围内，同意报价');
    await shot('approve', 'zh-CN');
    await page.getByTestId('decision-submit').click();
    await page.getByText('已同意', { exact: true }).first().waitFor();
    await page.locator('[data-testid="approval-page"][data-status="approved"]').waitFor();
    await page.getByTestId('history-comment').getByText('价格在授权范围内，同意报价').waitFor();
    expect(await page.getByTestId('decision-bar').count()).toBe(0);

    const after = await dealNow(deal.id);
    expect(after.stageName, 'approved: the deal is in 报价').toBe('报价');
    const stored = await suite.asAdmin<ApiApproval>(`/approvals/${approvalId}`);
    expect(stored.status).toBe('approved');
    await shot('approved', 'zh-CN');

    await switchLanguage(page, 'English');
    await page.getByTestId('approval-steps').getByText('Passed').first().waitFor();
    await shot('detail', 'en');
    await openApprovals(page);
    await page.getByTestId('approval-tabs').getByText('Decided', { exact: true }).click();
    await card(page, dealName).getByText('Approved').waitFor();
    await shot('done', 'en');
    await page.getByTestId('approval-tabs').getByText('To approve').click();
    await page.getByTestId('approval-list').or(page.locator('.ant-empty')).first().waitFor();
    await shot('inbox', 'en');
    await switchLanguage(page, '中文');
    expect(overflow, 'nothing sticks out of the page').toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('on a desktop 张伟 rejects with a reason; 刘洋 sees 被驳回 in 我发起的 and resubmits', async () => {
    const { page, context } = suite.browser;
    const dealName = '焊装线扩产-驳回重提';
    const reason = '折扣超出授权，请按标准价重新报价';
    const { deal, approvalId } = await dealSentForApproval(dealName);

    await context.clearCookies();
    await setWidth(page, 1440);
    const { shot, overflow } = screens(page, 'approvals', 1440);
    await login(page, suite.server.baseUrl, manager.email, manager.password);
    await openApprovals(page);
    await card(page, dealName).waitFor();
    await shot('inbox', 'zh-CN');
    await card(page, dealName).getByTestId('approval-handle').click();
    await page.getByTestId('approval-page').waitFor();
    await shot('detail', 'zh-CN');

    // 驳回 wants a reason.
    await page.getByTestId('approval-reject').click();
    await page.getByTestId('decision-submit').click();
    await page.getByText('请填写驳回原因').waitFor();
    await page.getByTestId('decision-comment').fill(reason);
    await page.getByTestId('decision-submit').click();
    await page.locator('[data-testid="approval-page"][data-status="rejected"]').waitFor();
    await page.getByTestId('history-comment').getByText(reason).waitFor();
    expect((await dealNow(deal.id)).stageName, 'rejected: the deal stays').toBe('洽谈');
    await logout(page);

    // The rep: 我发起的 shows it 被驳回, with the reason; 重新提交 sends it again.
    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await page.getByTestId('notification-bell').click();
    await page
      .getByTestId('notification-list')
      .getByText(`你提交的${flowName}被驳回：「${dealName}」洽谈 → 报价`)
      .waitFor();
    await page.keyboard.press('Escape');
    await openApprovals(page);
    await page.getByTestId('approval-tabs').getByText('我发起的').click();
    const mine = card(page, dealName);
    await mine.getByText('被驳回').waitFor();
    await shot('submitted', 'zh-CN');
    await mine.click();
    await page.getByTestId('approval-page').waitFor();
    await page.getByTestId('approval-step').getByText('已驳回').first().waitFor();
    await page.getByTestId('history-comment').getByText(reason).waitFor();
    await shot('rejected', 'zh-CN');
    await switchLanguage(page, 'English');
    await page.getByTestId('approval-resubmit').getByText('Resubmit').waitFor();
    await shot('rejected', 'en');
    await switchLanguage(page, '中文');
    await page.getByTestId('approval-resubmit').click();
    await page.getByTestId('decision-comment').fill('已按标准价调整报价单');
    await page.getByTestId('decision-submit').click();
    await page.getByText('已重新提交').first().waitFor();
    await page.locator('[data-testid="approval-page"][data-status="pending"]').waitFor();
    await page.getByTestId('history-entry').filter({ hasText: '重新提交' }).waitFor();
    // Pending again: the rep may withdraw it.
    await page.getByTestId('approval-withdraw').waitFor();
    await shot('resubmitted', 'zh-CN');

    const stored = await suite.asAdmin<ApiApproval>(`/approvals/${approvalId}`);
    expect(stored).toMatchObject({ status: 'pending', round: 2 });
    expect((await dealNow(deal.id)).stageName).toBe('洽谈');
    await openApprovals(page);
    await page.getByTestId('approval-tabs').getByText('我发起的').click();
    await card(page, dealName).getByText('审批中').waitFor();
    await switchLanguage(page, 'English');
    await card(page, dealName).getByText('In approval').waitFor();
    await shot('submitted', 'en');
    await switchLanguage(page, '中文');
    expect(overflow, 'nothing sticks out of the page').toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
