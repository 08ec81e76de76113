import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './support/admin-api.js';
import { chooseOption, login, openFromMenu, switchLanguage } from './support/app.js';
import { download, pageErrors, settle, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// 业绩: 李明 (华东大区经理) sees his region's won amount, win rate and ranking exactly as the metric
// registry answers them for him, switches the period, and never a rep of another region; his region's
// 洞察 on 业绩 and on their own page are the API's.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };

type Row = { keys: { rep?: string | null }; labels: { rep?: string }; value: number | null };
type Finding = { kind: string; metric: string; subject: { id: string; name: string } };
type Result = { total: { value: number | null; numerator?: number; denominator?: number }; rows: Row[] };

const suite = browserSuite();

describe('业绩', () => {
  for (const width of [1440, 390]) {
    it(`李明 at ${width} px: the cards and the ranking are the registry's figures for his region`, async () => {
      const { page, context } = suite.browser;
      const base = suite.server.baseUrl;
      await context.clearCookies();
      const asManager = await apiSession(base, manager.email, manager.password);
      const metric = async (body: Record<string, unknown>) =>
        (await asManager<Result>('POST', '/metrics/query', body)).body;
      await setWidth(page, width);
      const { shot, overflow } = screens(page, 'performance', width);
      await login(page, base, manager.email, manager.password);
      await openFromMenu(page, /业绩/);
      await page.waitForURL(/\/performance$/);

      // His role's dashboard opens first. 本年: the demo's year of deals; each card shows the server's number for him.
      await page.getByTestId('dashboard-picker').getByText('团队业绩').waitFor();
      await chooseOption(page, page.getByTestId('performance-period'), '本年');
      const won = await metric({ metric: 'won_deals', period: 'this_year' });
      const rate = await metric({ metric: 'win_rate', period: 'this_year' });
      expect(won.total.value, 'the demo region has won deals this year').toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId('kpi-won_deals').getByTestId('kpi-value').textContent())
        .toBe(String(won.total.value));
      await expect
        .poll(() => page.getByTestId('kpi-win_rate').getByTestId('kpi-parts').textContent())
        .toContain(`赢单数 ${rate.total.numerator} / 结束的商机 ${rate.total.denominator}`);

      // The ranking: only his region's reps, in the order of their won amount.
      const ranking = await metric({ metric: 'won_amount', period: 'this_year', groupBy: ['rep'] });
      const top = [...ranking.rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0]!;
      const board = page.getByTestId('leaderboard');
      await board.locator('tbody tr').first().getByText(top.labels.rep!).waitFor();
      const names = await board.locator('tbody tr td:nth-child(2)').allTextContents();
      expect(names.length).toBeGreaterThan(0);
      const outside = await asManager<{ data: { name: string }[] }>('GET', '/users?q=%E5%90%B4%E8%8A%B3');
      expect(outside.body.data, '吴芳 (华南) is outside his reach').toHaveLength(0);
      expect(names).not.toContain('吴芳');
      await page.getByTestId('performance-trend').locator('canvas').first().waitFor();
      await settle(page);
      await shot('year', 'zh-CN');

      // 下钻: the won deals behind the card, as many as it says, each his region's; one opens its deal.
      await page.getByTestId('kpi-won_deals').getByTestId('kpi-value').click();
      const drawer = page.getByTestId('drill-drawer');
      await drawer.getByTestId('drill-summary').getByText(`赢单数：共 ${won.total.value} 条`).waitFor();
      const listed = drawer.getByTestId('drill-record');
      await expect.poll(() => listed.count()).toBe(Math.min(50, won.total.value!));
      const owners = await drawer.getByTestId('drill-record').allTextContents();
      expect(owners.some((o) => o.includes('吴芳'))).toBe(false);
      await shot('drill', 'zh-CN');
      // 导出: the same records as a spreadsheet, under the metric's name.
      const file = await download(page, () => drawer.getByTestId('drill-export').click());
      expect(file.name).toBe('赢单数-明细.xlsx');
      expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
      // The top rep's won amount in the ranking: that rep's deals only, summing to the figure shown.
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await board.locator('tbody tr').first().getByTestId('leaderboard-amount').click();
      const drilled = (
        await asManager<{ totalCount: number; value: number }>('POST', '/metrics/records', {
          metric: 'won_amount',
          period: 'this_year',
          keys: { rep: top.keys.rep },
        })
      ).body;
      expect(drilled.value).toBe(top.value);
      await drawer.getByTestId('drill-summary').getByText(`共 ${drilled.totalCount} 条`).waitFor();
      await drawer.getByTestId('drill-record-link').first().click();
      await page.waitForURL(/\/opportunities\/[0-9a-f-]+$/);
      await page.getByTestId('edit-deal').waitFor();
      await page.goBack();
      await page.waitForURL(/\/performance\?period=this_year$/);
      await expect
        .poll(() => page.getByTestId('kpi-won_deals').getByTestId('kpi-value').textContent())
        .toBe(String(won.total.value));

      // 使用情况: his reps' active days as the registry counts them; a rep's opens the follow-ups behind it.
      const active = await metric({ metric: 'active_days', period: 'this_year', groupBy: ['rep'] });
      const most = Math.max(...active.rows.map((r) => r.value ?? 0));
      const adoption = page.getByTestId('adoption-table');
      const first = adoption.locator('tbody tr.ant-table-row').first();
      // The most active first (ties by name), once every column has loaded.
      const mostActive = active.rows.filter((r) => r.value === most).map((r) => r.labels.rep);
      await expect
        .poll(async () => mostActive.includes((await first.locator('td').first().textContent())?.trim()))
        .toBe(true);
      expect(await adoption.locator('tbody tr.ant-table-row td:first-child').allTextContents()).not.toContain(
        '吴芳',
      );
      await first.getByTestId('adoption-active_days').click();
      await drawer
        .getByTestId('drill-summary')
        .getByText(new RegExp(`^活跃天数：${most} 天，来自 \\d+ 条记录$`))
        .waitFor();
      await shot('adoption', 'zh-CN');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      await switchLanguage(page, 'English');
      await page.getByText('Top reps by won amount').waitFor();
      await shot('year', 'en');
      await page.getByTestId('kpi-won_deals').getByTestId('kpi-value').click();
      await drawer.getByText(`Deals won: ${won.total.value} records`).waitFor();
      await shot('drill', 'en');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await switchLanguage(page, '中文');
      expect(pageErrors(page)).toEqual([]);
      expect(overflow, 'nothing sticks out of a phone screen').toEqual([]);
    });

    it(`李明 at ${width} px: 洞察 on 业绩 and on its own page, as the API finds them for his region`, async () => {
      const { page } = suite.browser;
      const asManager = await apiSession(suite.server.baseUrl, manager.email, manager.password);
      const found = (await asManager<{ findings: Finding[] }>('GET', '/insights')).body.findings;
      expect(found.length, 'the demo region has something to look at').toBeGreaterThan(0);
      expect(
        found.some((f) => f.subject.name === '吴芳'),
        '华南 is outside his reach',
      ).toBe(false);
      const keys = (list: Finding[]) => list.map((f) => `${f.kind}:${f.subject.id}:${f.metric}`);
      const shown = (within: Locator) =>
        within.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
      const { shot, overflow } = screens(page, 'insights', width);

      // 业绩's card: the three that matter most.
      const card = page.getByTestId('insights-card');
      await expect.poll(() => shown(card)).toEqual(keys(found.slice(0, 3)));
      await openFromMenu(page, /洞察$/);
      await page.waitForURL(/\/performance\/insights$/);
      await expect.poll(() => shown(page.getByTestId('insights-list'))).toEqual(keys(found));
      const stalled = found.filter((f) => f.kind === 'stalled_deals');
      await page.getByTestId('insights-kind').getByText(`商机停滞 ${stalled.length}`).click();
      await expect.poll(() => shown(page.getByTestId('insights-list'))).toEqual(keys(stalled));
      await settle(page);
      await shot('list', 'zh-CN');
      await switchLanguage(page, 'English');
      await page.getByTestId('insights-kind').getByText(`Stalled deals ${stalled.length}`).waitFor();
      await shot('list', 'en');
      await switchLanguage(page, '中文');
      expect(pageErrors(page)).toEqual([]);
      expect(overflow, 'nothing sticks out of a phone screen').toEqual([]);
    });
  }
});
