import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, dismiss, isPhone, login, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// A rep's 商机 in the 制造业项目流程: create a deal on the board, move it (drag on a desktop, 移动到… on a
// phone) into 方案设计 — the gate asks for a follow-up, logged in place — then into 报价, whose gate asks
// for amount, products and the customer-signed requirements sheet, filled and uploaded in place. The
// columns' counts and amounts follow; the deal's page shows its stage history. Both widths, both languages.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026', name: '刘洋' };
const pipelineName = '制造业项目流程';
type ApiCustomer = { id: string; name: string; ownerName: string | null };

const suite = browserSuite();

const column = (page: Page, stage: string) =>
  page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const countOf = async (page: Page, stage: string) =>
  Number(await column(page, stage).getAttribute('data-count'));
/** ¥1,234.50 → 123450 (分). */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
const amountOf = async (page: Page, stage: string) =>
  minorOf((await column(page, stage).getByTestId('column-amount').textContent()) ?? '');

/** Waits until a column shows `count` deals (the board reloads after a move). */
async function expectCount(page: Page, stage: string, count: number) {
  await page.locator(`[data-testid="board-column"][data-stage="${stage}"][data-count="${count}"]`).waitFor();
}

/** Drags a card onto a column with the mouse in small steps (the board starts a drag after 6 px). */
async function drag(page: Page, card: Locator, target: Locator) {
  await card.scrollIntoViewIfNeeded();
  const start = await card.boundingBox();
  if (!start) throw new Error('card not on screen');
  await page.mouse.move(start.x + 20, start.y + 20);
  await page.mouse.down();
  await page.mouse.move(start.x + 30, start.y + 30, { steps: 5 });
  const end = await target.boundingBox();
  if (!end) throw new Error('column not on screen');
  await page.mouse.move(end.x + end.width / 2, end.y + 60, { steps: 15 });
  await page.mouse.up();
}

/** Moves the deal's card to a stage: dragged on a desktop, 移动到… on a phone. */
async function moveCard(page: Page, width: number, deal: string, stage: string) {
  const card = page.locator(`[data-testid="deal-card"][data-name="${deal}"]`).first();
  if (isPhone(width)) {
    await card.getByTestId('deal-move-to').click();
    await page
      .locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: stage })
      .click();
  } else {
    await drag(page, card, column(page, stage));
  }
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep moves a new deal through the gates of 方案设计 and 报价, fixing what is missing in place', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'opportunities', width);

    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const mine = await suite.asAdmin<{ data: ApiCustomer[] }>(`/customers?ownerId=${users.data[0]?.id}`);
    const customer = mine.data[width === 1440 ? 0 : 1] as ApiCustomer;
    expect(customer, 'a customer of the rep').toBeTruthy();
    const deal = `数控产线改造-${width}`;

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await openFromMenu(page, /(商机|Opportunities)$/);
    // The phone's menu drawer hands focus back to its button as it closes: let it, before typing.
    await settle(page);
    await page.getByTestId('deal-view').getByText('看板').click();
    await chooseOption(page, page.getByTestId('deal-pipeline-select'), pipelineName);
    await column(page, '报价').waitFor();
    await settle(page);
    const before = {
      lead: await countOf(page, '线索'),
      design: await countOf(page, '方案设计'),
      quote: await countOf(page, '报价'),
      quoteAmount: await amountOf(page, '报价'),
    };

    // 新建商机 for the rep's customer: it starts in the first stage.
    await page.getByTestId('create-deal').click();
    const form = page.getByTestId('deal-form');
    await form.getByTestId('deal-name').fill(deal);
    await form.getByTestId('deal-customer').click();
    await page.keyboard.type(customer.name);
    await page.locator(`.ant-select-item-option[title="${customer.name} · ${rep.name}"]`).click();
    await form.getByTestId('deal-pipeline').getByText(pipelineName).waitFor();
    await shot('create', 'zh-CN');
    await page.getByTestId('deal-form-submit').click();
    await page.getByText('商机已创建').waitFor();
    await expectCount(page, '线索', before.lead + 1);
    await column(page, '线索').locator(`[data-name="${deal}"]`).waitFor();
    await shot('board', 'zh-CN');

    // Into 方案设计: its gate wants a follow-up in the current stage, logged right in the dialog.
    await moveCard(page, width, deal, '方案设计');
    const gate = page.getByTestId('gate-dialog');
    await gate.getByText('进入「方案设计」还需要完成').waitFor();
    const followUp = gate.locator('[data-testid="gate-item"][data-type="follow_up"]');
    await followUp.getByText('在当前阶段写一条跟进').waitFor();
    expect(await gate.getByTestId('gate-item').count()).toBe(1);
    await shot('gate-follow-up', 'zh-CN');
    await followUp.getByTestId('follow-up-content').fill('电话沟通二期产线改造需求，客户同意进入方案设计');
    await followUp.getByTestId('follow-up-submit').click();
    await gate.locator('[data-testid="gate-item"][data-done="true"]').waitFor();
    await gate.getByTestId('gate-retry').click();
    await page.getByText('已移动到「方案设计」').waitFor();
    await gate.waitFor({ state: 'detached' });
    await expectCount(page, '方案设计', before.design + 1);
    await expectCount(page, '线索', before.lead);

    // Into 报价: amount, products and the customer-signed requirements sheet are missing. (The amount stays
    // below ¥500,000: above it the demo's 大额报价审批 would hold the move for the manager.)
    await moveCard(page, width, deal, '报价');
    await gate.getByText('进入「报价」还需要完成').waitFor();
    await gate.getByText('填写金额').waitFor();
    await gate.getByText('填写意向产品').waitFor();
    await gate.getByText('上传客户签字的需求确认单').waitFor();
    expect(await gate.getByTestId('gate-item').count()).toBe(3);
    await shot('gate-quote', 'zh-CN');
    await gate
      .locator('input[data-testid="gate-amount"], [data-testid="gate-amount"] input')
      .first()
      .fill('428000');
    await gate.getByTestId('gate-save-amount').click();
    await gate.locator('[data-testid="gate-item"][data-type="field"][data-done="true"]').first().waitFor();
    await gate.getByTestId('gate-products').fill('五轴数控机床 2 台，自动上下料单元 1 套');
    await gate.getByTestId('gate-save-products').click();
    await expect.poll(() => gate.locator('[data-done="true"]').count()).toBe(2);
    await gate.locator('[data-testid="gate-item"][data-type="attachment"] input[type=file]').setInputFiles({
      name: `需求确认单-签字版-${width}.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% signed\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await expect.poll(() => gate.locator('[data-done="true"]').count()).toBe(3);
    await shot('gate-quote-fixed', 'zh-CN');
    await gate.getByTestId('gate-retry').click();
    await page.getByText('已移动到「报价」').waitFor();
    await gate.waitFor({ state: 'detached' });
    await expectCount(page, '报价', before.quote + 1);
    await expectCount(page, '方案设计', before.design);
    await expect.poll(() => amountOf(page, '报价')).toBe(before.quoteAmount + 42_800_000);
    await shot('board-moved', 'zh-CN');

    // The list: the deal in 报价 with its amount, and the totals.
    await page.getByTestId('deal-view').getByText('列表').click();
    await page.getByTestId('deal-totals').waitFor();
    const row = isPhone(width)
      ? page.locator(`[data-testid="deal-card"][data-name="${deal}"]`)
      : page.locator('tr', { hasText: deal });
    await row.getByText('¥428,000.00').waitFor();
    await shot('list', 'zh-CN');

    // The deal's page: stage bar, the next stage's requirements, and the three stays of its history.
    await row.getByTestId('deal-link').click();
    await page.getByTestId('deal-profile').waitFor();
    await page.getByTestId('next-requirements').getByText('进入「合同签订」需要').waitFor();
    await page.getByRole('tab', { name: '阶段记录' }).click();
    const stays = page.getByTestId('stage-stay');
    await expect.poll(() => stays.count()).toBe(3);
    expect(await stays.allInnerTexts()).toEqual([
      expect.stringContaining('报价'),
      expect.stringContaining('方案设计'),
      expect.stringContaining('线索'),
    ]);
    await stays.first().getByText('当前阶段').waitFor();
    await shot('detail', 'zh-CN');

    // The customer's 商机 tab lists the deal; 新建商机 there has the customer filled in.
    await page.getByTestId('deal-customer-link').click();
    await page.getByRole('tab', { name: '商机' }).click();
    const tab = page.getByTestId('customer-deals');
    await tab.locator(`[data-testid="deal-card"][data-name="${deal}"]`).getByText('报价').waitFor();
    await tab.getByTestId('customer-create-deal').click();
    await page
      .getByTestId('deal-customer-fixed')
      .and(page.locator(`[value="${customer.name}"]`))
      .waitFor();
    await shot('customer-create', 'zh-CN');
    await dismiss(page);
    await shot('customer-tab', 'zh-CN');
    await page.goBack();
    await page.getByTestId('deal-profile').waitFor();

    // English: the detail, its next-stage gate dialog, the board and the list.
    await switchLanguage(page, 'English');
    await page.getByRole('tab', { name: 'Stage history' }).click();
    await page.getByTestId('stage-history').getByText('Current stage').waitFor();
    await shot('detail', 'en');
    await page.getByTestId('deal-next-stage').click();
    await gate.getByText('Before “合同签订”, still to do').waitFor();
    await gate.locator('[data-type="checklist"]', { hasText: '付款条件与交期已与客户确认' }).waitFor();
    await gate.getByText('Fill in Expected close date').waitFor();
    await shot('gate', 'en');
    await dismiss(page);
    await gate.waitFor({ state: 'detached' });
    await openFromMenu(page, /(商机|Opportunities)$/);
    await page.getByTestId('deal-view').getByText('List').click();
    await page
      .getByTestId('deal-totals')
      .getByText(/opportunities, .* in total/)
      .waitFor();
    await shot('list', 'en');
    await page.getByTestId('deal-view').getByText('Board').click();
    await column(page, '报价').getByText('50% probability').waitFor();
    await shot('board', 'en');

    // Closing as lost asks for the reason: refused empty, one of the usual ones a tap away.
    await column(page, '报价').locator(`[data-name="${deal}"]`).getByTestId('deal-link').click();
    await page.getByTestId('deal-profile').waitFor();
    await page.getByTestId('deal-change-stage').click();
    await page
      .locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '输单' })
      .click();
    const lost = page.getByTestId('lost-dialog');
    await lost.getByText(`Lost: “${deal}”`).waitFor();
    await page.getByTestId('lost-submit').click();
    await lost.getByText('Give the lost reason (at least 2 characters)').waitFor();
    await lost.getByText('No budget').click();
    await shot('lost', 'en');
    await page.getByTestId('lost-submit').click();
    await page.getByText('Moved to “输单”').waitFor();
    await page.getByTestId('deal-profile').getByText('No budget').waitFor();
    await page.getByTestId('requirements-card').getByText('The opportunity is closed').waitFor();
    await switchLanguage(page, '中文');

    expect(overflow, 'nothing sticks out of the page').toEqual([]);
    expect(pageErrors(page), 'no uncaught errors in the page').toEqual([]);
  });
});

describe('a kanban column', () => {
  it('says how many of its deals it shows and loads the rest', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, 1440);
    const pipelines = await suite.asAdmin<{
      data: { id: string; name: string; stages: { id: string; name: string }[] }[];
    }>('/pipelines');
    const pipeline = pipelines.data.find((p) => p.name === pipelineName);
    const stage = pipeline?.stages.find((s) => s.name === '需求调研');
    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const mine = await suite.asAdmin<{ data: ApiCustomer[] }>(`/customers?ownerId=${users.data[0]?.id}`);
    await login(page, suite.server.baseUrl, rep.email, rep.password);

    // 23 deals straight into 需求调研 (no gate on the way), as the rep through the API.
    const created = await page.evaluate(
      async ({ pipelineId, stageId, customerId }) => {
        const csrf = decodeURIComponent(/cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
        let ok = 0;
        let refused = '';
        for (let i = 1; i <= 23; i++) {
          const r = await fetch('/api/v1/opportunities', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrf },
            body: JSON.stringify({ name: `批量调研-${i}`, customerId, pipelineId, stageId, amount: 100_00 }),
          });
          if (r.status === 201) ok++;
          else refused ||= `${r.status} ${await r.text()}`;
        }
        return { ok, refused };
      },
      { pipelineId: pipeline?.id, stageId: stage?.id, customerId: mine.data[0]?.id },
    );
    expect(created).toEqual({ ok: 23, refused: '' });
    await openFromMenu(page, /(商机|Opportunities)$/);
    // The phone's menu drawer hands focus back to its button as it closes: let it, before typing.
    await settle(page);
    await page.getByTestId('deal-view').getByText('看板').click();
    await chooseOption(page, page.getByTestId('deal-pipeline-select'), pipelineName);
    const research = column(page, '需求调研');
    const total = await countOf(page, '需求调研');
    expect(total).toBeGreaterThanOrEqual(23);
    const cards = research.getByTestId('deal-card');
    await expect.poll(() => cards.count()).toBe(20);
    await research.getByText(`已显示 20 / ${total}`).waitFor();
    await research.getByTestId('column-load-more').click();
    await expect.poll(() => cards.count()).toBe(total);
    await research.getByTestId('column-load-more').waitFor({ state: 'detached' });
    expect(await amountOf(page, '需求调研')).toBeGreaterThanOrEqual(23 * 100_00);
    expect(pageErrors(page), 'no uncaught errors in the page').toEqual([]);
  });
});

describe('skipping stage requirements', () => {
  it('is offered to holders of the right and needs a reason', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, 1440);
    const pipelines = await suite.asAdmin<{ data: { id: string; name: string }[] }>('/pipelines');
    const customers = await suite.asAdmin<{ data: ApiCustomer[] }>('/customers?limit=1');
    await login(page, suite.server.baseUrl, admin.email, admin.password);
    // A deal of the administrator's, straight through the API, in the pipeline's first stage.
    const id = await page.evaluate(
      async ({ pipelineId, customerId }) => {
        const csrf = decodeURIComponent(/cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
        const r = await fetch('/api/v1/opportunities', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ name: '跳过要求演示', customerId, pipelineId, amount: 0 }),
        });
        return ((await r.json()) as { id: string }).id;
      },
      {
        pipelineId: pipelines.data.find((p) => p.name === pipelineName)?.id,
        customerId: customers.data[0]?.id,
      },
    );
    await page.goto(`${suite.server.baseUrl}/opportunities/${id}`);
    await page.getByTestId('deal-change-stage').click();
    await page
      .locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '方案设计' })
      .click();
    const gate = page.getByTestId('gate-dialog');
    await gate.getByText('在当前阶段写一条跟进').waitFor();
    await gate.getByTestId('gate-override').click();
    await gate.getByTestId('gate-override-submit').click();
    await gate.getByText('请填写跳过原因（至少 2 个字）').waitFor();
    await gate.getByTestId('gate-override-reason').fill('客户高层已当面确认方案范围');
    await screens(page, 'opportunities', 1440).shot('gate-override', 'zh-CN');
    await gate.getByTestId('gate-override-submit').click();
    await page.getByText('已移动到「方案设计」').waitFor();
    await page.getByTestId('deal-profile').getByText('方案设计 · 30%').waitFor();
    expect(pageErrors(page), 'no uncaught errors in the page').toEqual([]);
  });
});
