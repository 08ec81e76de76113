import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession, type Call } from './support/admin-api.js';
import { chooseOption, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// 待办 and 话术库: 刘洋 sees the counts the server holds for her, opens a record from the list, finds the
// article's “价格太高” answer, copies it (a use is counted) and rates it, and sees the scripts of her
// deal's stage on the deal; her manager 张伟 switches 待办 to 团队 and writes a script.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };
const manager = { email: 'zhang.wei@demo.cadence', password: 'Cadence@2026' };
const priceScript = '客户说“价格太高”';
const sections = ['followUps', 'firstContact', 'recycleSoon', 'approvals', 'stalled'] as const;

type Section = { count: number; items: { id: string }[] };
type Todo = Record<(typeof sections)[number], Section>;
type ApiScript = {
  id: string;
  title: string;
  content: string;
  useCount: number;
  rating: number | null;
  ratingCount: number;
  myRating: number | null;
};
type ApiDeal = { id: string; name: string; pipelineId: string; stageId: string; stageName: string };

const suite = browserSuite();

/** Signs in over the API as that user (the shared helper, on this suite's server). */
const session = (email: string, password: string) => apiSession(suite.server.baseUrl, email, password);

/** Each 待办 card shows its section's true count, as the server answers it for the same view. */
async function expectCounts(page: Page, todo: Todo): Promise<void> {
  for (const k of sections) {
    const card = page.getByTestId(`todo-${k}`);
    await card.waitFor();
    expect(await card.getAttribute('data-count'), `${k} count`).toBe(String(todo[k].count));
    const lines = await card.getByTestId('todo-line').count();
    expect(lines, `${k} shows its first items`).toBe(todo[k].items.length);
  }
}

/** The text box of an antd input, whether the test id sits on the box or on its wrapper. */
const inputOf = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

async function priceScriptOf(call: Call): Promise<ApiScript> {
  const r = await call<{ data: ApiScript[] }>('GET', `/scripts?q=${encodeURIComponent('价格')}`);
  const s = r.body.data.find((x) => x.title === priceScript);
  if (!s) throw new Error(`the demo's “${priceScript}” script is missing`);
  return s;
}

const negotiating = (d: ApiDeal) => d.stageName === '报价' || d.stageName === '商务谈判';

/**
 * One of 刘洋's open deals in 报价 or 商务谈判. The demo's random walk may leave none there: then she
 * moves her deal in 方案演示 on to 商务谈判 over the API, as she would on the board.
 */
async function dealInNegotiation(asRep: Call): Promise<ApiDeal> {
  const me = (await asRep<{ id: string }>('GET', '/me')).body;
  const deals = (
    await asRep<{ data: ApiDeal[] }>('GET', `/opportunities?ownerId=${me.id}&status=open&limit=100`)
  ).body.data;
  const found = deals.find(negotiating);
  if (found) return found;
  const demo = deals.find((d) => d.stageName === '方案演示');
  if (!demo) throw new Error('the demo gives 刘洋 no open deal in 方案演示, 报价 or 商务谈判');
  const pipelines = (
    await asRep<{ data: { id: string; stages: { id: string; name: string }[] }[] }>('GET', '/pipelines')
  ).body.data;
  const target = pipelines.find((p) => p.id === demo.pipelineId)?.stages.find((s) => s.name === '商务谈判');
  if (!target) throw new Error('the deal in 方案演示 has no 商务谈判 after it');
  const { version } = (await asRep<{ version: number }>('GET', `/opportunities/${demo.id}`)).body;
  const moved = await asRep<ApiDeal>(
    'POST',
    `/opportunities/${demo.id}/move`,
    { stageId: target.id },
    {
      'If-Match': String(version),
    },
  );
  expect(moved.status, 'moving the deal into 商务谈判').toBe(200);
  return moved.body;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('待办 and 话术库', () => {
  for (const width of [1440, 390]) {
    it(`刘洋 at ${width} px: 待办 matches the server, 话术库 copy counts a use and rates, her deal shows its stage's scripts`, async () => {
      const { page, context } = suite.browser;
      const base = suite.server.baseUrl;
      await context.clearCookies();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const asRep = await session(rep.email, rep.password);
      await setWidth(page, width);
      const { shot, overflow } = screens(page, 'todo-scripts', width);
      await login(page, base, rep.email, rep.password);

      // 待办: the counts and first lines of every section are the server's.
      const todo = (await asRep<Todo>('GET', '/todo?view=mine')).body;
      // The home page shows the same counts, linking to 待办.
      const summary = page.getByTestId('todo-summary');
      await summary.waitFor();
      for (const k of sections)
        expect(await summary.getByTestId(`todo-summary-${k}`).textContent(), `home ${k}`).toContain(
          String(todo[k].count),
        );
      await shot('home', 'zh-CN');
      await openFromMenu(page, /待办/);
      await page.waitForURL(/\/todo$/);
      await expectCounts(page, todo);
      expect(await page.getByTestId('todo-view').count(), 'a rep sees only her own to-dos').toBe(0);
      await shot('todo', 'zh-CN');
      await switchLanguage(page, 'English');
      await expect.poll(() => page.getByText("Today's follow-ups").count()).toBeGreaterThan(0);
      await shot('todo', 'en');
      await switchLanguage(page, '中文');

      // Opening a line goes to that record's page.
      const first = page.getByTestId('todo-link').first();
      const href = await first.getAttribute('href');
      expect(href, 'some section has a record to open').toMatch(
        /^\/(leads|customers|opportunities|approvals)\//,
      );
      await first.click();
      await page.waitForURL((u) => u.pathname === href);
      await settle(page);
      expect(pageErrors(page)).toEqual([]);

      // 话术库: the article's answer is found by “价格”, copied (a use counted) and rated.
      const before = await priceScriptOf(asRep);
      await openFromMenu(page, /话术库/);
      await inputOf(page, 'script-search').fill('价格');
      await inputOf(page, 'script-search').press('Enter');
      const card = page.getByTestId('script-card').filter({ hasText: priceScript });
      await card.waitFor();
      await card.getByTestId('script-copy').click();
      await page.getByText('已复制，可以粘贴给客户了').waitFor();
      const copied = await until(
        () => priceScriptOf(asRep),
        (s) => s.useCount === before.useCount + 1,
        'the copy to be counted',
      );
      expect(copied.useCount, 'one copy counts one use').toBe(before.useCount + 1);
      await expect
        .poll(() => card.getByTestId('script-uses').textContent())
        .toContain(String(copied.useCount));
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(before.content);

      const stars = width === 1440 ? 4 : 5;
      await card
        .locator('.ant-rate-star')
        .nth(stars - 1)
        .click();
      const rated = await until(
        () => priceScriptOf(asRep),
        (s) => s.myRating === stars,
        'the rating to be saved',
      );
      // Rating again replaces her stars: the number of raters goes up once only.
      expect(rated.ratingCount).toBe(before.ratingCount + (before.myRating == null ? 1 : 0));
      await expect
        .poll(() => card.getByTestId('script-rating').textContent())
        .toContain(`${rated.ratingCount}`);
      await shot('scripts', 'zh-CN');
      // switchLanguage waits for the copy's confirmation to fade before the English screenshot.
      await switchLanguage(page, 'English');
      await card.getByText('Copy').waitFor();
      await shot('scripts', 'en');
      await switchLanguage(page, '中文');

      // Her deal in 报价 or 商务谈判 shows the scripts of that stage, the most used first.
      const deal = await dealInNegotiation(asRep);
      const forStage = (await asRep<{ data: ApiScript[] }>('GET', `/scripts?stageId=${deal.stageId}&limit=5`))
        .body.data;
      expect(forStage.length, `scripts for ${deal.stageName}`).toBeGreaterThan(0);
      await page.goto(`${base}/opportunities/${deal.id}`);
      const panel = page.getByTestId('deal-scripts');
      await panel.waitFor();
      await expect.poll(() => panel.getByTestId('deal-script').count()).toBe(forStage.length);
      expect(await panel.getByTestId('deal-script').first().textContent()).toContain(forStage[0]?.title);
      expect(await panel.textContent()).toContain(deal.stageName);
      await panel.scrollIntoViewIfNeeded();
      await shot('deal', 'zh-CN');
      await panel.getByRole('link', { name: '更多话术' }).waitFor();
      await switchLanguage(page, 'English');
      await panel.getByRole('link', { name: 'More scripts' }).waitFor();
      await shot('deal', 'en');
      await switchLanguage(page, '中文');

      expect(overflow, 'nothing sticks out of the screen').toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      await logout(page);
    });
  }

  it('张伟 switches 待办 to 团队, writes a script for 报价, edits and deletes it', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await context.clearCookies();
    const asManager = await session(manager.email, manager.password);
    await setWidth(page, 1440);
    const { shot, overflow } = screens(page, 'todo-scripts-manager', 1440);
    await login(page, base, manager.email, manager.password);

    await openFromMenu(page, /待办/);
    await page.getByTestId('todo-view').getByText('团队').click();
    await page.waitForURL(/view=team/);
    await settle(page);
    const team = (await asManager<Todo>('GET', '/todo?view=team')).body;
    const mine = (await asManager<Todo>('GET', '/todo?view=mine')).body;
    await expectCounts(page, team);
    expect(
      sections.reduce((n, k) => n + team[k].count, 0),
      'the team sees at least what the manager has himself',
    ).toBeGreaterThanOrEqual(sections.reduce((n, k) => n + mine[k].count, 0));
    await shot('todo-team', 'zh-CN');

    const title = `报价后客户压价 ${Date.now()}`;
    await openFromMenu(page, /话术库/);
    await page.getByTestId('script-new').click();
    await page.getByTestId('script-title').fill(title);
    await inputOf(page, 'script-scenario').fill('异议处理');
    await page.getByTestId('script-objection').fill('要求再降价');
    await chooseOption(page, page.getByTestId('script-stages'), '报价');
    await page
      .getByTestId('script-content-input')
      .fill('先问清楚对方的预算区间，再用分期付款或增加服务代替直接降价。');
    await shot('script-form', 'zh-CN');
    await page.getByTestId('script-submit').click();
    await page.getByText('已创建').waitFor();
    const card = page.getByTestId('script-card').filter({ hasText: title });
    await card.waitFor();
    const saved = (
      await asManager<{ data: (ApiScript & { scenario: string; objection: string; stageIds: string[] })[] }>(
        'GET',
        `/scripts?q=${encodeURIComponent(title)}`,
      )
    ).body.data;
    expect(saved.map((s) => [s.title, s.scenario, s.objection, s.stageIds.length])).toEqual([
      [title, '异议处理', '要求再降价', 1],
    ]);
    await shot('scripts-manager', 'zh-CN');

    // He edits it (the version he saw goes with the change) and then deletes it.
    const renamed = `${title}（修订）`;
    await card.getByTestId('script-edit').click();
    await page.getByTestId('script-title').fill(renamed);
    await page.getByTestId('script-submit').click();
    await page.getByText('已保存').waitFor();
    const edited = page.getByTestId('script-card').filter({ hasText: renamed });
    await edited.waitFor();
    const id = saved[0]?.id ?? '';
    const after = await asManager<ApiScript & { version: number }>('GET', `/scripts/${id}`);
    expect([after.body.title, after.body.version]).toEqual([renamed, 2]);
    await edited.getByTestId('script-delete').click();
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await page.getByText('已删除').waitFor();
    await edited.waitFor({ state: 'detached' });
    expect((await asManager('GET', `/scripts/${id}`)).status, 'a deleted script is gone').toBe(404);
    expect(overflow).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await logout(page);
  });
});
