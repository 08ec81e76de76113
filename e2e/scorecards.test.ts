import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './support/admin-api.js';
import { login, openFromMenu, switchLanguage } from './support/app.js';
import { download, pageErrors, settle, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 绩效考核: the admin reads 销售月度考核's ranking for this month as the API scores it, opens the top
// score's breakdown (five metrics whose points make the total) and exports it; builds a 方案 whose
// weights do not add up (the server says so), fixes and saves it, then deletes it; in English and on a
// phone. 李明 sees only 华东大区's people with the admin's scores, 刘洋 only his own row.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };

type Item = {
  metric: string;
  value: number | null;
  target: number | null;
  score: number | null;
  unscored: 'no_target' | 'no_value' | null;
  points: number | null;
};
type ScoreRow = {
  key: string;
  name: string;
  departmentName: string | null;
  rank: number | null;
  total: number | null;
  items: Item[];
};
type Card = { id: string; name: string; version: number; metrics: Record<string, { name: string }> };
type Scores = { scorecard: Card; period: { key: string }; scored: number; rows: ScoreRow[] };
type Department = { id: string; parentId: string | null; name: string };

const suite = browserSuite();
/** Waits for the page (or the server) to come round, as a user would: longer than a toast lasts. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const cards = async () => (await suite.asAdmin<{ data: Card[] }>('/scorecards')).data;
const monthly = async () => (await cards()).find((c) => c.name === '销售月度考核')!;
const scoresOf = (id: string) => suite.asAdmin<Scores>(`/scorecards/${id}/scores?period=this_month`);
/** A score as the table shows it: one decimal at most, '—' for none. */
const pts = (v: number | null, locale = 'zh-CN') =>
  v === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
const table = (page: Page) => page.getByTestId('score-table');
const row = (page: Page, name: string) => table(page).locator(`tr[data-subject="${name}"]`);
const shownNames = (page: Page) =>
  table(page)
    .locator('tr[data-subject]')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.subject));
const shownTotals = (page: Page) =>
  table(page).locator('tr[data-subject]').getByTestId('score-total').allTextContents();
/** Opens a row's 得分明细 (unless it is open) and returns it. */
async function expand(page: Page, name: string) {
  const icon = row(page, name).locator('.ant-table-row-expand-icon');
  if ((await icon.getAttribute('class'))?.includes('collapsed')) await icon.click();
  const breakdown = page
    .locator(`tr[data-subject="${name}"] + tr.ant-table-expanded-row`)
    .getByTestId('score-breakdown');
  await breakdown.waitFor();
  return breakdown;
}
async function openScorecards(page: Page) {
  await openFromMenu(page, /(考核|Scorecards)$/);
  await page.waitForURL(/\/performance\/scorecards$/);
}
describe('绩效考核', () => {
  it('the admin at 1440 px: this month’s ranking as the API scores it, the top score’s breakdown, the export', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await context.clearCookies();
    await setWidth(page, 1440);
    const { shot } = screens(page, 'scorecards', 1440);
    const card = await monthly();
    const scores = await scoresOf(card.id);
    const top = scores.rows[0]!;
    expect(scores.rows.length, 'the demo scores every rep of 销售中心').toBeGreaterThan(5);
    expect(top.total, 'the top rep has a total').not.toBeNull();

    await login(page, base, admin.email, admin.password);
    await openScorecards(page);
    await page.getByTestId('scorecard-select').getByText('销售月度考核').waitFor();
    await poll(() => page.getByTestId('scorecard-summary').textContent()).toContain(
      `共 ${scores.scored} 个参与排名`,
    );
    // The ranking: everyone, in the API's order; the first row's 总分 is the API's top total.
    await poll(() => shownNames(page)).toEqual(scores.rows.map((r) => r.name));
    expect(await shownTotals(page)).toEqual(scores.rows.map((r) => pts(r.total)));
    expect(await row(page, top.name).getByTestId('score-total').textContent()).toBe(pts(top.total));

    // The top score's breakdown: the five metrics, each with its score and what it adds to the total.
    const breakdown = await expand(page, top.name);
    const lines = breakdown.locator('tbody tr.ant-table-row');
    await poll(() => lines.count()).toBe(5);
    expect(top.items.map((i) => i.metric)).toEqual([
      'won_amount',
      'win_rate',
      'follow_ups',
      'lead_response_hours',
      'new_customers',
    ]);
    const unscored = { no_target: '无目标', no_value: '无数据' };
    for (const [i, item] of top.items.entries()) {
      const cells = lines.nth(i).locator('td');
      expect(await cells.nth(0).textContent()).toContain(scores.scorecard.metrics[item.metric]!.name);
      expect(await cells.nth(2).textContent()).toBe(
        item.unscored ? unscored[item.unscored] : pts(item.score),
      );
      expect(await cells.nth(3).textContent(), '计入总分').toBe(pts(item.points));
    }
    // The points add up to the total (each rounded to 0.1 on its own, hence the slack).
    const scored = top.items.filter((i) => i.points !== null);
    const sum = scored.reduce((a, i) => a + i.points!, 0);
    expect(Math.abs(sum - top.total!)).toBeLessThanOrEqual(0.05 * (scored.length + 1) + 1e-9);
    await page.mouse.move(1, 1);
    await shot('ranking', 'zh-CN');

    // 导出 Excel: the file is named for the 方案 and the month, and holds the table's rows.
    await page.getByTestId('scorecard-export').click();
    const file = await download(page, () => page.getByRole('menuitem', { name: /导出 Excel/ }).click());
    expect(file.name).toBe(`销售月度考核-${scores.period.key}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).text).toBe('姓名');
    expect(sheet.getRow(1).getCell(4).text).toBe('总分');
    const exported: [string, number | null][] = [];
    sheet.eachRow((r, n) => {
      if (n > 1)
        exported.push([r.getCell(2).text, r.getCell(4).value === null ? null : Number(r.getCell(4).value)]);
    });
    expect(exported).toEqual(scores.rows.map((r) => [r.name, r.total]));

    // 历史: six months up to this one, each rep's total as that month's ranking scores it; a cell opens it.
    type History = {
      periods: { key: string }[];
      rows: { name: string; scores: ({ total: number | null; rank: number | null } | null)[] }[];
    };
    const history = await suite.asAdmin<History>(`/scorecards/${card.id}/history?period=this_month&count=6`);
    expect(history.periods.at(-1)!.key).toBe(scores.period.key);
    await page.getByTestId('scorecard-view').getByText('历史').click();
    const grid = page.getByTestId('score-history');
    const first = history.rows[0]!;
    const firstRow = grid.locator('tbody tr.ant-table-row').first();
    await firstRow.getByText(first.name).waitFor();
    const cells = firstRow.getByTestId('history-cell');
    const scoredMonths = first.scores.filter((s) => s && s.total !== null);
    await poll(() => cells.count()).toBe(scoredMonths.length);
    expect((await cells.last().textContent())?.startsWith(pts(first.scores.at(-1)!.total))).toBe(true);
    await shot('history', 'zh-CN');
    const earlier = history.periods.findIndex((_, i) => first.scores[i]?.total !== null && first.scores[i]);
    await cells.first().click();
    await page.getByTestId('score-table').waitFor();
    const month = await suite.asAdmin<Scores>(
      `/scorecards/${card.id}/scores?period=${history.periods[earlier]!.key}`,
    );
    await poll(() => shownTotals(page)).toEqual(month.rows.map((r) => pts(r.total)));
    expect(pageErrors(page)).toEqual([]);
  });

  it('a new 方案 whose weights do not add up is refused, fixed, saved, ranked and deleted; in English at 1440 and 390 px', async () => {
    const { page } = suite.browser;
    await setWidth(page, 1440);
    const before = await cards();
    const name = `e2e 月度考核 ${Date.now() % 100_000}`;

    await page.getByTestId('scorecard-new').click();
    const form = page.getByTestId('scorecard-form');
    await form.waitFor();
    await page.getByTestId('scorecard-name').fill(name);
    // 结果 50: the three groups make 90, which the form shows and the server refuses.
    const result = page.getByTestId('weight-result');
    await result.fill('50');
    const sum = page.getByTestId('weight-sum');
    await poll(() => sum.textContent()).toBe('合计 90%');
    expect(await sum.getAttribute('class')).toContain('danger');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/scorecards') && r.request().method() === 'POST'),
      page.getByTestId('scorecard-save').click(),
    ]);
    expect(refused.status()).toBe(422);
    const message = '结果、过程、客户三组权重之和须为 100，现为 90';
    expect((await refused.json()).errors.map((e: { message: string }) => e.message)).toContain(message);
    await page.locator('.ant-message-notice').getByText(message, { exact: false }).waitFor();
    expect(
      (await cards()).map((c) => c.id),
      'nothing saved',
    ).toEqual(before.map((c) => c.id));
    await form.waitFor(); // still open, to be fixed

    await result.fill('60');
    await poll(() => sum.textContent()).toBe('合计 100%');
    expect(await sum.getAttribute('class')).not.toContain('danger');
    await page.getByTestId('scorecard-save').click();
    await form.waitFor({ state: 'detached' });
    await poll(async () => (await cards()).map((c) => c.name)).toContain(name);
    const created = (await cards()).find((c) => c.name === name)!;
    // It is the one shown now, with its own ranking.
    await page.getByTestId('scorecard-select').getByText(name).waitFor();
    const ranked = await scoresOf(created.id);
    expect(ranked.rows.length).toBeGreaterThan(0);
    await poll(() => shownNames(page)).toEqual(ranked.rows.map((r) => r.name));
    expect(await shownTotals(page)).toEqual(ranked.rows.map((r) => pts(r.total)));

    // 删除方案, confirmed: gone from the API and the select, which falls back to the first.
    await page.getByTestId('scorecard-edit').click();
    await form.waitFor();
    await poll(() => page.getByTestId('scorecard-name').inputValue()).toBe(name);
    await page.getByTestId('scorecard-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });
    await poll(async () => (await cards()).map((c) => c.id)).toEqual(before.map((c) => c.id));
    const gone = await (await apiSession(suite.server.baseUrl, admin.email, admin.password))<{
      code: string;
    }>('GET', `/scorecards/${created.id}/scores?period=this_month`);
    expect(gone.status).toBe(404);
    await page.getByTestId('scorecard-select').getByText(before[0]!.name).waitFor();

    // English: 销售月度考核 with the top row open, at 1440 and 390 px.
    await switchLanguage(page, 'English');
    const card = await monthly();
    const scores = await scoresOf(card.id);
    const top = scores.rows[0]!;
    await page.getByRole('columnheader', { name: 'Total' }).first().waitFor();
    await poll(() => page.getByTestId('scorecard-summary').textContent()).toContain(
      `${scores.scored} ranked`,
    );
    await poll(() => shownNames(page)).toEqual(scores.rows.map((r) => r.name));
    const breakdown = await expand(page, top.name);
    await breakdown.getByRole('columnheader', { name: 'Points in total' }).waitFor();
    await poll(() => row(page, top.name).getByTestId('score-total').textContent()).toBe(pts(top.total, 'en'));
    const head = (await table(page).locator('.ant-table-thead').first().textContent()) ?? '';
    expect(head, 'the column titles are translated').not.toMatch(/\p{Script=Han}/u);
    expect(await breakdown.textContent(), 'the breakdown is translated').not.toMatch(/\p{Script=Han}/u);
    await page.mouse.move(1, 1);
    await screens(page, 'scorecards', 1440).shot('ranking', 'en');

    await setWidth(page, 390);
    const phone = screens(page, 'scorecards', 390);
    await settle(page);
    await (await expand(page, top.name)).waitFor();
    await phone.shot('ranking', 'en');
    await switchLanguage(page, '中文');
    expect(pageErrors(page)).toEqual([]);
    expect(phone.overflow, 'nothing sticks out of a phone screen').toEqual([]);
  });

  it('李明 at 390 px sees 华东大区’s people with the admin’s scores; 刘洋 only his own row, nothing to edit or export', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await setWidth(page, 390);
    const { shot, overflow } = screens(page, 'scorecards', 390);
    const card = await monthly();
    const all = (await scoresOf(card.id)).rows;
    const departments = (await suite.asAdmin<{ data: Department[] }>('/departments')).data;
    const tree = (root: string) => {
      const top = departments.find((d) => d.name === root)!;
      const names = new Set<string>();
      for (const d of departments)
        for (let p: Department | undefined = d; p; p = departments.find((x) => x.id === p!.parentId))
          if (p.id === top.id) names.add(d.name);
      return names;
    };
    const east = tree('华东大区');
    const elsewhere = new Set([...tree('华南大区'), ...tree('华北大区')]);
    const inEast = all.filter((r) => east.has(r.departmentName ?? ''));
    expect(inEast.length, 'the demo has reps in 华东大区').toBeGreaterThan(1);
    expect(
      all.some((r) => elsewhere.has(r.departmentName ?? '')),
      'and elsewhere',
    ).toBe(true);

    await context.clearCookies();
    await login(page, base, manager.email, manager.password);
    await openScorecards(page);
    await page.getByTestId('scorecard-select').getByText('销售月度考核').waitFor();
    const asManager = await apiSession(base, manager.email, manager.password);
    const mine = (await asManager<Scores>('GET', `/scorecards/${card.id}/scores?period=this_month`)).body;
    expect(
      mine.rows.map((r) => r.name),
      'his rows are 华东大区’s',
    ).toEqual(inEast.map((r) => r.name));
    expect(mine.rows.some((r) => elsewhere.has(r.departmentName ?? ''))).toBe(false);
    expect(mine.scored, 'ranked among everyone').toBe(all.length);
    await poll(() => shownNames(page)).toEqual(inEast.map((r) => r.name));
    expect(await shownTotals(page), 'the admin’s totals').toEqual(inEast.map((r) => pts(r.total)));
    for (const r of mine.rows) expect(r.rank).toBe(all.find((a) => a.key === r.key)!.rank);
    await page.getByTestId('scorecard-export').waitFor();
    // His export, as the browser's session: the same rows.
    const csv = await context.request.get(
      `${base}/api/v1/scorecards/${card.id}/scores/export?period=this_month&format=csv`,
    );
    expect(csv.status()).toBe(200);
    const exported = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    expect(
      exported.map((l) => l.split(',')[1]),
      'his export: the same rows',
    ).toEqual(inEast.map((r) => r.name));
    const breakdown = await expand(page, inEast[0]!.name);
    await poll(() => breakdown.locator('tbody tr.ant-table-row').count()).toBe(5);
    await shot('manager', 'zh-CN');

    // 刘洋: his own row, nothing to create, edit or export.
    const liu = all.find((r) => r.name === '刘洋')!;
    await context.clearCookies();
    await login(page, base, rep.email, rep.password);
    await openScorecards(page);
    await poll(() => shownNames(page)).toEqual(['刘洋']);
    expect(await row(page, '刘洋').getByTestId('score-total').textContent()).toBe(pts(liu.total));
    await settle(page);
    for (const id of ['scorecard-new', 'scorecard-edit', 'scorecard-export'])
      expect(await page.getByTestId(id).count(), id).toBe(0);
    await shot('rep', 'zh-CN');
    expect(pageErrors(page)).toEqual([]);
    expect(overflow, 'nothing sticks out of a phone screen').toEqual([]);
  });
});
