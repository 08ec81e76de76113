import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession, type Call } from './support/admin-api.js';
import { chooseOption, isPhone, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 商机 and 审批, three additions, at 1440 and 390 px:
// - 审批中: 李明 sees the marker on the demo's 二期产线改造 (its move into 报价 waits for 张伟), board and list.
// - 更多筛选 + 我的视图: on 通用销售流程 he filters the board to 采购方式 = 公开招标 (every column checked against
//   the API's own filter), saves it as a view, clears it and gets it back from the menu.
// - 委托审批: 张伟 delegates to 陈静 in the drawer (RangePicker typed: from this minute, for two days); 陈静
//   is told above her boxes, finds 刘洋's requests — the demo's and a fresh one — in 待我审批 and approves the
//   fresh one: the history says 陈静（代 张伟）. 张伟 revokes it; 陈静's banner is gone.
// The fresh request runs on a pipeline and flow of this test's own (报价 → 直属上级, no stage gates), so the
// demo's request stays pending for both widths; the delegation is made and revoked within each width.
const password = 'Cadence@2026';
const rep = { email: 'liu.yang@demo.cadence', name: '刘洋' };
const teammate = { email: 'chen.jing@demo.cadence', name: '陈静' };
const lead = { email: 'zhang.wei@demo.cadence', name: '张伟' };
const manager = { email: 'li.ming@demo.cadence', name: '李明' };
const pipelineName = '委托审批测试流程';
const flowName = '报价审批（委托测试）';

type ApiPipeline = { id: string; name: string; stages: { id: string; name: string }[] };
type ApiDeal = {
  id: string;
  name: string;
  version: number;
  stageId: string;
  stageName: string;
  awaitingApproval: boolean;
};
type ApiPage<T> = { data: T[]; nextCursor: string | null; totalCount: number };
type ApiDelegation = {
  id: string;
  delegate: { name: string };
  startsAt: number;
  endsAt: number;
  active: boolean;
};
type ApiHistory = { action: string; actor: { name: string } | null; onBehalfOf: { name: string } | null };

const suite = browserSuite();
const session = (email: string) => apiSession(suite.server.baseUrl, email, password);

/** Signs in; the language is saved per user, so a run that failed in English is set back to Chinese. */
async function signIn(page: Page, email: string): Promise<void> {
  await login(page, suite.server.baseUrl, email, password);
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'zh-CN')
    await switchLanguage(page, '中文');
}

const column = (page: Page, stage: string) =>
  page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const dealCard = (page: Page, name: string) => page.locator(`[data-testid="deal-card"][data-name="${name}"]`);

/** Every page of a deal query, as that user. */
async function allDeals(as: Call, query: string): Promise<{ deals: ApiDeal[]; total: number }> {
  const deals: ApiDeal[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const r: { status: number; body: ApiPage<ApiDeal> } = await as<ApiPage<ApiDeal>>(
      'GET',
      `/opportunities?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status, `GET /opportunities?${query}`).toBe(200);
    deals.push(...r.body.data);
    total = r.body.totalCount;
    cursor = r.body.nextCursor;
  } while (cursor);
  return { deals, total };
}

/** The board's columns: stage name, the count it says, and the names on its cards. */
async function boardColumns(page: Page): Promise<{ stage: string; count: number; cards: string[] }[]> {
  return page.locator('[data-testid="board-column"]').evaluateAll((cols) =>
    cols.map((c) => ({
      stage: c.getAttribute('data-stage') ?? '',
      count: Number(c.getAttribute('data-count')),
      cards: Array.from(c.querySelectorAll('[data-testid="deal-card"]')).map(
        (d) => d.getAttribute('data-name') ?? '',
      ),
    })),
  );
}

/** The test's pipeline and its flow (created once per server): 洽谈 → 报价 waits for the direct manager. */
async function testPipeline(): Promise<ApiPipeline> {
  const asAdmin = await apiSession(suite.server.baseUrl, admin.email, admin.password);
  const list = await asAdmin<{ data: ApiPipeline[] }>('GET', '/pipelines');
  const found = list.body.data.find((p) => p.name === pipelineName);
  if (found) return found;
  const created = await asAdmin<ApiPipeline>('POST', '/pipelines', {
    name: pipelineName,
    stages: [
      { name: '洽谈', probability: 20, category: 'pipeline' },
      { name: '报价', probability: 50, category: 'best_case' },
      { name: '赢单', probability: 100, category: 'closed_won' },
      { name: '输单', probability: 0, category: 'closed_lost' },
    ],
  });
  expect(created.status, 'creating the test pipeline').toBe(201);
  const quote = created.body.stages.find((s) => s.name === '报价')!;
  const def = await asAdmin('POST', '/approval-definitions', {
    name: flowName,
    object: 'opportunity',
    trigger: { type: 'stage_enter', stageIds: [quote.id] },
    steps: [{ name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' }],
  });
  expect(def.status, 'creating the test flow').toBe(201);
  return created.body;
}

/** 刘洋 creates a deal on the test pipeline and moves it into 报价: it waits for 张伟. */
async function freshRequest(name: string): Promise<{ dealId: string; approvalId: string }> {
  const pipeline = await testPipeline();
  const asRep = await session(rep.email);
  const customers = await asRep<{ data: { id: string }[] }>('GET', '/customers?limit=1');
  const created = await asRep<ApiDeal>('POST', '/opportunities', {
    name,
    customerId: customers.body.data[0]?.id,
    pipelineId: pipeline.id,
    amount: 68_000_000,
  });
  expect(created.status, 'the rep creates the deal').toBe(201);
  const moved = await asRep<{ approval?: { id: string; status: string } }>(
    'POST',
    `/opportunities/${created.body.id}/move`,
    { stageId: pipeline.stages.find((s) => s.name === '报价')!.id },
    { 'if-match': String(created.body.version) },
  );
  expect(moved.status, 'the move into 报价 waits for approval').toBe(202);
  return { dealId: created.body.id, approvalId: moved.body.approval!.id };
}

/** 张伟's delegations that have not ended (none, before each width's run). */
async function leadDelegations(): Promise<{ as: Call; mine: ApiDelegation[] }> {
  const as = await session(lead.email);
  const r = await as<{ mine: ApiDelegation[] }>('GET', '/approval-delegations');
  expect(r.status).toBe(200);
  return { as, mine: r.body.mine };
}

/** 2026-11-28 08:10 in Shanghai (the browser's time zone), as the RangePicker takes it. */
const pickerTime = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms));

const openApprovals = async (page: Page) => {
  await openFromMenu(page, /(审批|Approvals)( \d+)?$/);
  await page.getByTestId('approval-tabs').waitFor();
  await settle(page);
};
const approvalCard = (page: Page, record: string) =>
  page.locator(`[data-testid="approval-card"][data-record="${record}"]`);

/** Opens the select's dropdown, types the name and clicks the one option that answers. */
async function pickColleague(page: Page, select: Locator, name: string): Promise<void> {
  const input = select.locator('input').first();
  await input.click();
  await input.fill(name);
  const listId = await input.getAttribute('aria-controls');
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${listId}"])`);
  await expect
    .poll(() => dropdown.locator('.ant-select-item-option').allInnerTexts())
    .toEqual([expect.stringMatching(new RegExp(`^${name} · `))]);
  await dropdown.locator('.ant-select-item-option').first().click();
  await select.getByText(new RegExp(`^${name} · `)).waitFor();
}

describe.each([1440, 390])('at %i px', (width) => {
  const phone = isPhone(width);
  const fresh = `委托审批-焊装线-${width}`;
  const viewName = width === 1440 ? '公开招标的商机' : '手机上的公开招标';
  const overflow: string[] = [];
  let approvalId = '';

  it('李明 sees 审批中 on the board and list; filters 采购方式 = 公开招标, saves it as a view and applies it again', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const s = screens(page, 'deal-views', width);
    const asManager = await session(manager.email);
    const pipelines = (await asManager<{ data: ApiPipeline[] }>('GET', '/pipelines')).body.data;
    const factory = pipelines.find((p) => p.name === '制造业项目流程')!;
    const general = pipelines.find((p) => p.name === '通用销售流程')!;
    // The demo's request: 刘洋's 二期产线改造 waits in 方案设计 for 张伟 (this test never decides it).
    const waiting = (
      await allDeals(asManager, `pipelineId=${factory.id}&q=${encodeURIComponent('二期产线改造')}`)
    ).deals;
    expect(waiting.map((d) => [d.stageName, d.awaitingApproval])).toEqual([['方案设计', true]]);
    const demoDeal = waiting[0]!.name;
    expect(demoDeal).toBe('上海鼎新信息技术 二期产线改造');

    await signIn(page, manager.email);
    await openFromMenu(page, /(商机|Opportunities)$/);
    await settle(page);
    await page.getByTestId('deal-view').getByText('看板').click();
    await chooseOption(page, page.getByTestId('deal-pipeline-select'), '制造业项目流程');
    const marked = column(page, '方案设计').locator(`[data-testid="deal-card"][data-name="${demoDeal}"]`);
    await marked.getByTestId('deal-awaiting-approval').getByText('审批中').waitFor();
    // Only deals waiting on an approval carry it.
    const tags = await page.getByTestId('deal-awaiting-approval').count();
    const awaiting = (await allDeals(asManager, `pipelineId=${factory.id}`)).deals.filter(
      (d) => d.awaitingApproval,
    );
    expect(tags, 'a tag per deal waiting on an approval (in the cards shown)').toBeLessThanOrEqual(
      awaiting.length,
    );
    await marked.scrollIntoViewIfNeeded();
    await s.shot('awaiting-board', 'zh-CN');
    // The list says it too (a row on a desktop, a card on a phone).
    await page.getByTestId('deal-view').getByText('列表').click();
    await page.getByTestId('deal-search').locator('input').fill('二期产线改造');
    await page.getByTestId('deal-search').locator('input').press('Enter');
    const row = phone ? dealCard(page, demoDeal) : page.locator('tr', { hasText: demoDeal });
    await row.getByTestId('deal-awaiting-approval').getByText('审批中').waitFor();
    await s.shot('awaiting-list', 'zh-CN');
    await page.getByTestId('deal-search').locator('input').fill('');
    await page.getByTestId('deal-search').locator('input').press('Enter');
    await page.getByTestId('deal-view').getByText('看板').click();

    // 更多筛选 on 通用销售流程: 采购方式 = 公开招标.
    await chooseOption(page, page.getByTestId('deal-pipeline-select'), '通用销售流程');
    await expect
      .poll(async () => (await boardColumns(page)).map((c) => c.stage).sort())
      .toEqual(general.stages.map((st) => st.name).sort());
    await settle(page);
    const everything = await boardColumns(page);
    await page.getByTestId('deal-more-filters').click();
    const filters = page.getByTestId('deal-custom-filters');
    await filters.waitFor();
    await chooseOption(page, filters.getByTestId('filter-procurement'), '公开招标');
    const tender = await allDeals(asManager, `pipelineId=${general.id}&cf.procurement=tender`);
    const all = await allDeals(asManager, `pipelineId=${general.id}`);
    expect(tender.total, 'some deals but not all are 公开招标').toBeGreaterThan(0);
    expect(tender.total).toBeLessThan(all.total);
    expect(everything.reduce((n, c) => n + c.count, 0)).toBe(all.total);
    await page.getByTestId('deal-more-filters').getByText('更多筛选（1）').waitFor();
    /** Each column: the count the API gives for its stage, cards only of those deals. */
    const expectTenderBoard = async () => {
      await expect
        .poll(async () => (await boardColumns(page)).reduce((n, c) => n + c.count, 0))
        .toBe(tender.total);
      await settle(page);
      for (const c of await boardColumns(page)) {
        const inStage = tender.deals.filter((d) => d.stageName === c.stage).map((d) => d.name);
        expect(c.count, `${c.stage}: count`).toBe(inStage.length);
        expect(c.cards.length, `${c.stage}: cards shown`).toBe(Math.min(inStage.length, 20));
        for (const name of c.cards) expect(inStage, `${c.stage}: a 公开招标 deal`).toContain(name);
      }
    };
    await expectTenderBoard();
    await s.shot('more-filters', 'zh-CN');

    // Saved as 我的视图.
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: /保存当前筛选为视图/ }).click();
    await page.getByTestId('view-name').fill(viewName);
    await s.shot('save-view', 'zh-CN');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText(`已保存视图「${viewName}」`).waitFor();
    await page.getByTestId('saved-views').getByText(viewName).waitFor();
    const views = await asManager<{ data: { name: string; state: { filters: Record<string, string> } }[] }>(
      'GET',
      '/saved-views?object=opportunity',
    );
    expect(views.status).toBe(200);
    expect(views.body.data.find((v) => v.name === viewName)?.state.filters).toMatchObject({
      pipelineId: general.id,
      'cf.procurement': 'tender',
    });

    // Cleared: every deal again, and the view is no longer the one shown.
    const procurement = filters.getByTestId('filter-procurement');
    await procurement.hover();
    await procurement.locator('.ant-select-clear').click();
    await expect
      .poll(async () => (await boardColumns(page)).reduce((n, c) => n + c.count, 0))
      .toBe(all.total);
    await page.getByTestId('saved-views').getByText('我的视图').waitFor();
    await page.getByTestId('deal-more-filters').getByText('更多筛选', { exact: true }).waitFor();

    // Back from the menu: the filter and the board as before.
    await page.getByTestId('saved-views').click();
    await page.getByRole('menuitem', { name: new RegExp(viewName) }).click();
    await page.getByTestId('saved-views').getByText(viewName).waitFor();
    await filters.getByTestId('filter-procurement').getByText('公开招标').waitFor();
    // The chosen value keeps its field's name beside it.
    await filters.locator('.filter-label', { hasText: '采购方式' }).waitFor();
    await expectTenderBoard();
    await s.shot('view-applied', 'zh-CN');

    // English: the board with 更多筛选 open, the tag on the factory board.
    await switchLanguage(page, 'English');
    await page.getByTestId('deal-more-filters').getByText('More filters (1)').waitFor();
    await filters.getByTestId('filter-procurement').getByText('Public tender').waitFor();
    await s.shot('more-filters', 'en');
    // (the filter stays across pipelines, and the demo's request is not 公开招标)
    await filters.getByTestId('filter-procurement').hover();
    await filters.getByTestId('filter-procurement').locator('.ant-select-clear').click();
    await page.getByTestId('deal-more-filters').getByText('More filters', { exact: true }).waitFor();
    await chooseOption(page, page.getByTestId('deal-pipeline-select'), '制造业项目流程');
    await marked.getByTestId('deal-awaiting-approval').getByText('Awaiting approval').waitFor();
    await marked.scrollIntoViewIfNeeded();
    await s.shot('awaiting-board', 'en');
    await switchLanguage(page, '中文');
    await logout(page);
    overflow.push(...s.overflow);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  }, 240_000);

  it('张伟 delegates his approvals to 陈静 from now for two days, in the 委托审批 drawer', async () => {
    const { page, context } = suite.browser;
    // Nothing left over from a run that stopped half way.
    const before = await leadDelegations();
    for (const d of before.mine) await before.as('DELETE', `/approval-delegations/${d.id}`);
    ({ approvalId } = await freshRequest(fresh));

    await context.clearCookies();
    await setWidth(page, width);
    const s = screens(page, 'delegation', width);
    await signIn(page, lead.email);
    await openApprovals(page);
    await approvalCard(page, fresh).waitFor();
    await page.getByTestId('open-delegations').click();
    const drawer = page.locator('.ant-drawer-open');
    const form = drawer.getByTestId('delegation-form');
    await form.waitFor();
    await drawer.getByTestId('delegations').getByText('没有委托').waitFor();
    await s.shot('drawer-empty', 'zh-CN');

    // 委托给: a colleague select (its test id as the drawer names it, or the owner select's).
    const delegateSelect = form
      .locator('[data-testid="delegation-delegate"], [data-testid="owner-select"]')
      .first();
    await pickColleague(page, delegateSelect, teammate.name);
    // The period, typed as the picker shows it: this minute, and two days later.
    const now = Date.now();
    const from = pickerTime(now);
    const to = pickerTime(now + 2 * 24 * 3600_000);
    // (the picker's test id may not reach the DOM: its range box is the one in the form)
    const inputs = form
      .locator('[data-testid="delegation-period"].ant-picker-range, .ant-picker-range')
      .first()
      .locator('input');
    await inputs.nth(0).click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor();
    await inputs.nth(0).fill(from);
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).click();
    await inputs.nth(1).fill(to);
    await inputs.nth(1).press('Enter');
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await expect.poll(() => inputs.nth(0).inputValue()).toBe(from);
    await expect.poll(() => inputs.nth(1).inputValue()).toBe(to);
    await form.locator('#reason').fill('出差：苏州客户现场验收');
    await s.shot('drawer-form', 'zh-CN');
    await drawer.getByTestId('delegation-submit').click();
    const item = drawer.getByTestId('delegations').locator('.ant-list-item');
    await item.getByText(`委托给 ${teammate.name}`).waitFor();
    await item.getByText('生效中').waitFor();
    await item.getByText('出差：苏州客户现场验收').waitFor();
    // The form is empty again.
    await expect.poll(() => inputs.nth(0).inputValue()).toBe('');

    const stored = (await leadDelegations()).mine;
    expect(stored).toHaveLength(1);
    const minute = 60_000;
    expect(stored[0]).toMatchObject({ delegate: { name: teammate.name }, active: true });
    expect(stored[0]!.startsAt).toBe(Math.floor(now / minute) * minute);
    expect(stored[0]!.endsAt - stored[0]!.startsAt).toBe(2 * 24 * 3600_000);
    await s.shot('drawer', 'zh-CN');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' }).catch(() => {});
    await page.getByTestId('delegated-by-me').getByText(`你的审批已委托给 ${teammate.name}`).waitFor();
    await s.shot('away', 'zh-CN');
    await logout(page);
    overflow.push(...s.overflow);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  }, 240_000);

  it('陈静 is told she decides for 张伟 and approves 刘洋’s request; the history says (代 张伟)', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const s = screens(page, 'delegation', width);
    await signIn(page, teammate.email);
    await openApprovals(page);
    await page.getByTestId('delegated-to-me').getByText(`你正在代 ${lead.name} 审批`).waitFor();
    // Both of 刘洋's requests waiting for 张伟: the demo's and this run's.
    await approvalCard(page, fresh).getByText(`${rep.name} 提交`).waitFor();
    await approvalCard(page, '上海鼎新信息技术 二期产线改造').waitFor();
    await s.shot('inbox', 'zh-CN');

    await approvalCard(page, fresh).getByTestId('approval-handle').click();
    await page.getByTestId('approval-page').waitFor();
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('decision-comment').fill('张伟出差，代为审批：价格在授权范围内');
    await page.getByTestId('decision-submit').click();
    await page.locator('[data-testid="approval-page"][data-status="approved"]').waitFor();
    const entry = page.getByTestId('history-entry').and(page.locator('[data-action="approve"]'));
    await entry.getByText(teammate.name, { exact: true }).waitFor();
    await entry.getByTestId('history-on-behalf').getByText(`（代 ${lead.name}）`).waitFor();
    await entry.getByTestId('history-comment').getByText('张伟出差，代为审批').waitFor();
    await s.shot('approved', 'zh-CN');

    const asLead = await session(lead.email);
    const stored = await asLead<{ status: string; history: ApiHistory[] }>('GET', `/approvals/${approvalId}`);
    expect(stored.body.status).toBe('approved');
    expect(stored.body.history.at(-1)).toMatchObject({
      action: 'approve',
      actor: { name: teammate.name },
      onBehalfOf: { name: lead.name },
    });

    // English: the approval and the banner.
    await switchLanguage(page, 'English');
    await entry.getByTestId('history-on-behalf').getByText(`(for ${lead.name})`).waitFor();
    await s.shot('approved', 'en');
    await openApprovals(page);
    await page.getByTestId('delegated-to-me').getByText(`You are deciding for ${lead.name}`).waitFor();
    await s.shot('inbox', 'en');
    await switchLanguage(page, '中文');
    await logout(page);
    overflow.push(...s.overflow);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  }, 240_000);

  it('张伟 revokes the delegation; 陈静 no longer decides for him', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const s = screens(page, 'delegation', width);
    await signIn(page, lead.email);
    await openApprovals(page);
    await page.getByTestId('delegated-by-me').waitFor();
    await page.getByTestId('open-delegations').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('delegation-revoke').click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('撤销这个委托？').waitFor();
    await s.shot('revoke', 'zh-CN');
    await confirm.getByRole('button', { name: /OK|确\s*定/ }).click();
    await drawer.getByTestId('delegations').getByText('没有委托').waitFor();
    expect((await leadDelegations()).mine).toEqual([]);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' }).catch(() => {});
    await page.getByTestId('delegated-by-me').waitFor({ state: 'detached' });
    await logout(page);

    await signIn(page, teammate.email);
    await openApprovals(page);
    expect(await page.getByTestId('delegated-to-me').count(), 'no banner for 陈静').toBe(0);
    expect(await approvalCard(page, '上海鼎新信息技术 二期产线改造').count(), 'nor 张伟’s request').toBe(0);
    await s.shot('revoked', 'zh-CN');
    await logout(page);
    overflow.push(...s.overflow);
    if (phone) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  }, 240_000);
});
