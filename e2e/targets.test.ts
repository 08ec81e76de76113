import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './support/admin-api.js';
import { login, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 业绩目标: the admin reads the company's target and progress (the same actual as 业绩), types a rep's
// month target with a reason and splits a team's among its reps; in English and on a phone; 李明 sees
// and sets only what lies under his region, 刘洋 only reads his own row.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };

type Row = {
  key: string;
  type: 'department' | 'user';
  id: string;
  name: string;
  parentKey: string | null;
  writable: boolean;
  target: { value: number; version: number } | null;
  actual: number;
  progress: { completion: number | null } | null;
  childrenSum: { sum: number; set: number; of: number } | null;
};
type Tree = { period: { key: string }; rows: Row[] };
type Change = { before: number | null; after: number | null; method: string; reason: string | null };
type Problem = { code: string };

const suite = browserSuite();
/** Waits for the page (or the server) to come round, as a user would: longer than a toast lasts. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const tree = (period: string) => suite.asAdmin<Tree>(`/targets?metric=won_amount&period=${period}`);
const named = (rows: Row[], name: string) => rows.find((r) => r.name === name)!;
/** What the target input shows for an amount in 分: 元 with thousands separators. */
const yuan = (fen: number) => (fen / 100).toLocaleString('en-US');
const percent = (ratio: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
const row = (page: Page, key: string) => page.getByTestId('target-table').locator(`tr[data-node="${key}"]`);
/** Picks 年 / 季 / 月 and waits for the table of that period. */
async function showLevel(page: Page, label: string) {
  await page.getByTestId('target-level').getByText(label, { exact: true }).click();
  await page.locator('.ant-segmented-item-selected').getByText(label, { exact: true }).waitFor();
  await settle(page);
}

describe('业绩目标', () => {
  it('the admin at 1440 px: the company’s progress as on 业绩, a rep’s month target typed with a reason, a team’s split among its reps', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await context.clearCookies();
    await setWidth(page, 1440);
    const { shot } = screens(page, 'targets', 1440);
    const year = await tree('this_year');
    const company = year.rows.find((r) => r.parentKey === null)!;
    expect(company.target, 'the demo company has a year target').not.toBeNull();

    await login(page, base, admin.email, admin.password);
    await openFromMenu(page, /目标$/);
    await page.waitForURL(/\/performance\/targets$/);

    // The year (the page opens on it): the company's target in 元 and its completion.
    const top = row(page, company.key);
    await poll(() => top.getByTestId('target-input').inputValue()).toBe(yuan(company.target!.value));
    await poll(() => top.getByTestId('completion').textContent()).toBe(
      percent(company.progress!.completion!),
    );
    const changes = await suite.asAdmin<{ data: Change[] }>(
      `/targets/changes?metric=won_amount&period=${year.period.key}&nodeType=department&nodeId=${company.id}`,
    );
    expect(changes.data, 'set at the start of the year, raised once').toHaveLength(2);
    await top.getByTestId('history-open').click();
    await poll(() => page.getByTestId('history-entry').count()).toBe(2);
    // Newest first: the raise, with its reason.
    await page.getByTestId('history-entry').first().getByText(changes.data[0]!.reason!).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('history-drawer').waitFor({ state: 'detached' });

    // 业绩 for 本月 (its default): 赢单金额 and the target gauge, as the month's tree has them.
    const month = await tree('this_month');
    const monthTop = month.rows.find((r) => r.parentKey === null)!;
    const metric = await apiSession(base, admin.email, admin.password);
    const won = await metric<{ total: { value: number } }>('POST', '/metrics/query', {
      metric: 'won_amount',
      period: 'this_month',
    });
    expect(monthTop.actual, 'the target’s actual is the registry’s won amount').toBe(won.body.total.value);
    await openFromMenu(page, /业绩$/);
    await page.waitForURL(/\/performance$/);
    const kpi = page.getByTestId('kpi-won_amount').getByTestId('kpi-value');
    await kpi.waitFor();
    const kpiText = (await kpi.textContent())!;
    await poll(() => page.getByTestId('target-gauge').getByTestId('gauge-completion').textContent()).toBe(
      percent(monthTop.progress!.completion!),
    );
    await page.getByTestId('performance-trend').locator('canvas').first().waitFor();
    await shot('performance', 'zh-CN');

    // Back to 目标, the month: the company's actual reads as 业绩's card does.
    await openFromMenu(page, /目标$/);
    await page.waitForURL(/\/performance\/targets$/);
    await showLevel(page, '月');
    await poll(() => top.getByTestId('actual').textContent()).toBe(kpiText);

    // A rep's month target and their team's, typed in 元: saving asks for a reason (the month has begun).
    const team = named(month.rows, '上海一组');
    const chen = named(month.rows, '陈静');
    const reps = month.rows.filter((r) => r.parentKey === team.key);
    expect(reps.map((r) => r.name).sort()).toEqual(['刘洋', '张伟', '陈静'].sort());
    await row(page, team.key).getByTestId('target-input').fill('300,000');
    await row(page, chen.key).getByTestId('target-input').fill('120,000');
    await page.getByTestId('target-save-bar').waitFor();
    const save = page.getByTestId('target-save');
    expect(await save.isDisabled(), 'no reason yet').toBe(true);
    const reason = `e2e 上海一组本月目标 ${Date.now()}`;
    await page.getByTestId('target-reason').fill(reason);
    await poll(() => save.isDisabled()).toBe(false);
    await save.click();
    await page.getByTestId('target-save-bar').waitFor({ state: 'detached' });
    await poll(async () => {
      const rows = (await tree(month.period.key)).rows;
      return [named(rows, '上海一组').target?.value, named(rows, '陈静').target?.value];
    }).toEqual([300_000_00, 120_000_00]);
    const chenRow = row(page, chen.key);
    await poll(() => chenRow.getByTestId('target-input').inputValue()).toBe('120,000');
    await chenRow.getByTestId('history-open').click();
    const history = page.getByTestId('history-drawer');
    await history.getByTestId('history-entry').first().getByText(reason).waitFor();
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    // 拆分 the team's month among its reps by weights (陈静 2, the others 1 each); the parts add up.
    await row(page, team.key).getByTestId('split-open').click();
    const drawer = page.getByTestId('split-drawer');
    await drawer.getByTestId('split-method').getByText('按权重').click();
    await poll(() => drawer.getByTestId('split-total').inputValue()).toBe('300,000');
    const weights = drawer.getByTestId('split-weights');
    for (const r of reps) await weights.getByLabel(r.name).fill(r.name === '陈静' ? '2' : '1');
    await drawer.getByTestId('split-propose').click();
    await poll(() => drawer.getByTestId('split-value').count()).toBe(3);
    await poll(() => drawer.getByTestId('split-sum').textContent()).toContain('一致');
    expect(await drawer.getByTestId('split-sum').getAttribute('class')).toContain('ant-alert-success');
    expect(await drawer.getByTestId('split-save').isDisabled(), 'no reason yet').toBe(true);
    await drawer.getByTestId('split-reason').fill('e2e 按权重拆到人');
    await shot('split', 'zh-CN');
    await drawer.getByTestId('split-save').click();
    await drawer.waitFor({ state: 'detached' });
    const expected = new Map([
      ['陈静', 150_000_00],
      ['刘洋', 75_000_00],
      ['张伟', 75_000_00],
    ]);
    await poll(async () => {
      const rows = (await tree(month.period.key)).rows;
      return rows.filter((r) => r.parentKey === team.key).map((r) => [r.name, r.target?.value]);
    }).toEqual(reps.map((r) => [r.name, expected.get(r.name)]));
    const after = await tree(month.period.key);
    const teamAfter = after.rows.find((r) => r.key === team.key)!;
    const repsSum = after.rows
      .filter((r) => r.parentKey === team.key)
      .reduce((a, r) => a + (r.target?.value ?? 0), 0);
    expect(repsSum, 'the reps’ targets add up to the team’s').toBe(teamAfter.target!.value);
    expect(teamAfter.childrenSum).toEqual({ sum: 300_000_00, set: 3, of: 3 });
    const chenChanges = await suite.asAdmin<{ data: Change[] }>(
      `/targets/changes?metric=won_amount&period=${month.period.key}&nodeType=user&nodeId=${chen.id}`,
    );
    expect(chenChanges.data[0]).toMatchObject({ before: 120_000_00, after: 150_000_00, method: 'weights' });
    // The team's split check now reads 3 of 3, without a warning.
    const check = row(page, team.key).getByTestId('sum-children');
    await poll(() => check.textContent()).toContain('（3/3）');
    expect(await check.getAttribute('class')).not.toContain('warning');
    await page.mouse.move(1, 1); // no tooltip left over the table
    await shot('month', 'zh-CN');
    expect(pageErrors(page)).toEqual([]);
  });

  it('in English at 1440 and 390 px', async () => {
    const { page } = suite.browser;
    await setWidth(page, 1440);
    await switchLanguage(page, 'English');
    await page.getByRole('columnheader', { name: 'Department / rep' }).waitFor();
    await page.getByTestId('target-level').getByText('Month', { exact: true }).waitFor();
    await poll(() => page.getByTestId('days-left').textContent()).toMatch(/days? left/);
    const head = (await page.locator('.ant-table-thead').first().textContent()) ?? '';
    expect(head, 'the column titles are translated').not.toMatch(/\p{Script=Han}/u);
    await screens(page, 'targets', 1440).shot('month', 'en');

    await setWidth(page, 390);
    const phone = screens(page, 'targets', 390);
    await settle(page);
    await page.getByTestId('target-table').waitFor();
    await phone.shot('month', 'en');
    await switchLanguage(page, '中文');
    expect(pageErrors(page)).toEqual([]);
    expect(phone.overflow, 'nothing sticks out of a phone screen').toEqual([]);
  });

  it('李明 at 390 px sees his region, sets its teams but not itself; 刘洋 reads only his own row', async () => {
    const { page, context } = suite.browser;
    const base = suite.server.baseUrl;
    await setWidth(page, 390);
    const { shot, overflow } = screens(page, 'targets', 390);
    const all = (await tree('this_month')).rows;
    const east = named(all, '华东大区');
    const south = named(all, '华南大区');
    const liu = named(all, '刘洋');

    await context.clearCookies();
    await login(page, base, manager.email, manager.password);
    await openFromMenu(page, /目标$/);
    await page.waitForURL(/\/performance\/targets$/);
    await showLevel(page, '月');
    const table = page.getByTestId('target-table');
    await row(page, east.key).waitFor();
    const keys = await table.locator('tr[data-node]').evaluateAll((trs) => trs.map((tr) => tr.dataset.node));
    const inRegion = all.filter((r) => r.key === east.key || isUnder(all, r, east.key)).map((r) => r.key);
    expect(keys.sort()).toEqual(inRegion.sort());
    expect(keys).not.toContain(south.key);
    expect(await table.getByText('华南大区').count()).toBe(0);
    // His own department: read only; the teams under it: his to set.
    await row(page, east.key).getByTestId('target-value').waitFor();
    expect(await row(page, east.key).getByTestId('target-input').count()).toBe(0);
    await row(page, named(all, '上海一组').key).getByTestId('target-input').waitFor();
    await shot('manager', 'zh-CN');

    // Through the API: 华东大区's own target is not his to set, and nothing changes.
    const asManager = await apiSession(base, manager.email, manager.password);
    const read = async () =>
      (await asManager<Tree>('GET', '/targets?metric=won_amount&period=this_month')).body;
    const current = await read();
    const targets = (t: Tree) => t.rows.map((r) => [r.key, r.target]);
    const own = current.rows.find((r) => r.key === east.key)!;
    const denied = await asManager<Problem>('PUT', '/targets', {
      metric: 'won_amount',
      reason: 'e2e: raise my own region',
      cells: [
        {
          nodeType: 'department',
          nodeId: east.id,
          period: current.period.key,
          value: 999_999_00,
          ...(own.target && { version: own.target.version }),
        },
      ],
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('target_not_writable');
    expect(targets(await read()), 'nothing changed').toEqual(targets(current));

    // 刘洋: his own row only, nothing to type.
    await context.clearCookies();
    await login(page, base, rep.email, rep.password);
    await openFromMenu(page, /目标$/);
    await page.waitForURL(/\/performance\/targets$/);
    await row(page, liu.key).getByTestId('target-value').waitFor();
    await settle(page);
    expect(await table.locator('tr[data-node]').count()).toBe(1);
    expect(await table.getByTestId('target-input').count()).toBe(0);
    expect(await page.getByTestId('split-open').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    expect(overflow, 'nothing sticks out of a phone screen').toEqual([]);
  });
});

/** Is the row somewhere below the node with this key? */
function isUnder(rows: Row[], r: Row, key: string): boolean {
  const byKey = new Map(rows.map((x) => [x.key, x]));
  for (let p = r.parentKey; p; p = byKey.get(p)?.parentKey ?? null) if (p === key) return true;
  return false;
}
