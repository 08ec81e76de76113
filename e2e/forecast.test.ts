import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './support/admin-api.js';
import { login, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 成交预测: the admin reads this month's outlook and the 90-day forecast as the API computes them,
// adjusts a rep's month with a note (the system's number stays beside it) and reads the back-test;
// in English and on a phone; 李明 sees only his region's reps, 刘洋 only himself and adjusts nothing.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };

type Rep = {
  userId: string;
  name: string;
  outlook: number;
  forecast: number;
  adjustable: boolean;
  adjustment: { amount: number | null; note: string } | null;
};
type Forecast = {
  period: string | null;
  total: { outlook: number; forecast: number; baseline: number; adjusted: number | null };
  reps: Rep[];
  deals: { id: string }[];
};
type Backtest = { summary: { horizonDays: number; mape: number | null; points: number }[] };

const suite = browserSuite();
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const forecast = (horizon: string) => suite.asAdmin<Forecast>(`/forecast?horizon=${horizon}`);
/**
 * Whether a number shown is the API's: the forecast moves with the clock (its window starts now), so
 * the page and an API call a moment apart agree to 0.01 % (at least ¥1), not to the 分.
 */
const near = (shown: number, api: number) => Math.abs(shown - api) <= Math.max(100, Math.abs(api) * 1e-4);
const shownValue = (page: Page, testId: string) =>
  page.getByTestId(testId).first().getAttribute('data-value').then(Number);
const repRow = (page: Page, userId: string) =>
  page.locator(`[data-testid="forecast-reps"] tr[data-row-key="${userId}"]`);

describe('成交预测', () => {
  it('the admin at 1440 px: the month’s outlook and the 90 days as the API has them, an adjustment beside the system’s number, the back-test', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await context.clearCookies();
    await setWidth(page, 1440);
    const { shot } = screens(page, 'forecast', 1440);
    const month = await forecast('month');
    expect(month.reps.length, 'the demo has reps with deals').toBeGreaterThan(3);

    await login(page, base, admin.email, admin.password);
    await openFromMenu(page, /预测$/);
    await page.waitForURL(/\/performance\/forecast$/);
    await poll(async () => near(await shownValue(page, 'forecast-outlook'), month.total.outlook)).toBe(true);
    expect(near(await shownValue(page, 'forecast-system'), month.total.forecast)).toBe(true);
    await poll(() => page.getByTestId('rep-outlook').count()).toBe(month.reps.length);
    for (const r of month.reps.slice(0, 3))
      expect(
        near(
          Number(await repRow(page, r.userId).getByTestId('rep-outlook').getAttribute('data-value')),
          r.outlook,
        ),
      ).toBe(true);

    // The back-test's mean error per horizon, beside the weighted pipeline's.
    const backtest = await suite.asAdmin<Backtest>('/forecast/backtest');
    const thirty = backtest.summary.find((s) => s.horizonDays === 30)!;
    expect(thirty.points, 'a year of demo history gives a year of 30-day back-tests').toBeGreaterThanOrEqual(
      10,
    );
    const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 0 }).format(
      thirty.mape!,
    );
    await poll(() => page.getByTestId('backtest-summary').first().textContent()).toContain(percent);
    await page.getByTestId('forecast-backtest').locator('canvas').first().waitFor();
    await shot('month', 'zh-CN');

    // 刘洋's month: the admin puts a number on it with a note; the system's outlook stays beside it.
    const liu = month.reps.find((r) => r.name === '刘洋')!;
    expect(liu.adjustable).toBe(true);
    await repRow(page, liu.userId).getByTestId('rep-adjust').click();
    await page.getByTestId('adjust-system').waitFor();
    await page.getByTestId('adjust-amount').fill('888,000');
    await page.getByTestId('adjust-note').fill('e2e 客户口头确认月底签约');
    await shot('adjust', 'zh-CN');
    await page.getByTestId('adjust-save').click();
    await page.getByTestId('adjust-save').waitFor({ state: 'detached' });
    await poll(
      async () => (await forecast('month')).reps.find((r) => r.userId === liu.userId)!.adjustment?.amount,
    ).toBe(888_000_00);
    const after = await forecast('month');
    await poll(() => repRow(page, liu.userId).getByTestId('rep-adjustment').getAttribute('data-value')).toBe(
      String(888_000_00),
    );
    const liuOutlook = after.reps.find((r) => r.userId === liu.userId)!.outlook;
    expect(
      near(
        Number(await repRow(page, liu.userId).getByTestId('rep-outlook').getAttribute('data-value')),
        liuOutlook,
      ),
    ).toBe(true);
    await poll(async () => near(await shownValue(page, 'forecast-adjusted'), after.total.adjusted!)).toBe(
      true,
    );

    // The next 90 days: no period, so no outlook or adjustments; the system's forecast as the API has it.
    const ninety = await forecast('90d');
    await page.getByTestId('forecast-horizon').getByText('未来 90 天').click();
    await poll(async () => near(await shownValue(page, 'forecast-system'), ninety.total.forecast)).toBe(true);
    expect(await page.getByTestId('forecast-outlook').count()).toBe(0);
    expect(near(await shownValue(page, 'forecast-baseline'), ninety.total.baseline)).toBe(true);
    await page.mouse.move(1, 1);
    await shot('90d', 'zh-CN');
    expect(pageErrors(page)).toEqual([]);
  });

  it('in English at 1440 and 390 px', async () => {
    const { page } = suite.browser;
    await setWidth(page, 1440);
    await switchLanguage(page, 'English');
    await page.getByTestId('forecast-horizon').getByText('This month', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Outlook' }).waitFor();
    const head = (await page.locator('.ant-table-thead').first().textContent()) ?? '';
    expect(head, 'the column titles are translated').not.toMatch(/\p{Script=Han}/u);
    await poll(() => page.getByTestId('backtest-summary').first().textContent()).toMatch(/mean error/);
    await screens(page, 'forecast', 1440).shot('month', 'en');

    await setWidth(page, 390);
    const phone = screens(page, 'forecast', 390);
    await settle(page);
    await page.getByTestId('forecast-reps').waitFor();
    await phone.shot('month', 'en');
    await switchLanguage(page, '中文');
    await phone.shot('month', 'zh-CN');
    expect(pageErrors(page)).toEqual([]);
    expect(phone.overflow, 'nothing sticks out of a phone screen').toEqual([]);
  });

  it('李明 at 390 px sees his region’s reps only; 刘洋 sees himself and adjusts nothing', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await setWidth(page, 390);
    const mine = await apiSession(base, manager.email, manager.password);
    const region = (await mine<Forecast>('GET', '/forecast?horizon=month')).body;
    const all = await forecast('month');
    expect(region.reps.length).toBeLessThan(all.reps.length);
    await context.clearCookies();
    await login(page, base, manager.email, manager.password);
    await openFromMenu(page, /预测$/);
    await poll(async () => near(await shownValue(page, 'forecast-outlook'), region.total.outlook)).toBe(true);
    await poll(() => page.getByTestId('rep-outlook').count()).toBe(region.reps.length);
    for (const r of all.reps.filter((x) => !region.reps.some((y) => y.userId === x.userId)))
      expect(await repRow(page, r.userId).count(), `${r.name} is not in 李明's region`).toBe(0);
    await screens(page, 'forecast', 390).shot('manager', 'zh-CN');

    const own = (
      await (
        await apiSession(base, rep.email, rep.password)
      )<Forecast>('GET', '/forecast?horizon=month')
    ).body;
    expect(own.reps.map((r) => r.name)).toEqual(['刘洋']);
    await context.clearCookies();
    await login(page, base, rep.email, rep.password);
    await openFromMenu(page, /预测$/);
    await poll(() => page.getByTestId('rep-outlook').count()).toBe(1);
    expect(await page.getByTestId('rep-adjust').count(), 'a rep adjusts nothing').toBe(0);
    await poll(async () => near(await shownValue(page, 'forecast-outlook'), own.total.outlook)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });
});
