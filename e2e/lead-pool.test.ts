import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, dismiss, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A rep's day with leads: a lead whose enquiry asks for a quote scores high and says why; the first
// follow-up meets the deadline and moves it to 跟进中; a lead routed by the rules (none match) waits in
// the 线索池; the rep returns the first one there with a reason and a colleague claims it — at desktop
// and phone width, in Chinese and English.
const password = 'Cadence@2026';
const rep = { email: 'liu.yang@demo.cadence', name: '刘洋' };
const colleague = { email: 'wu.fang@demo.cadence', name: '吴芳' };
type ApiLead = { id: string; ownerName: string | null; score: number; slaState: string | null };

const suite = browserSuite();

/** Enters a lead as the signed-in user (with the CSRF token). */
async function enter(page: Page, body: Record<string, unknown>): Promise<void> {
  const status = await page.evaluate(async (body) => {
    const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
    const res = await fetch('/api/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    });
    return res.status;
  }, body);
  expect(status, `entering lead ${String(body.name)}`).toBe(201);
}

/** Opens a tab of the lead page and waits until it is the one shown (a language switch re-renders the page). */
async function openTab(page: Page, label: string): Promise<void> {
  const active = page.getByTestId('lead-tabs').locator('.ant-tabs-tab-active', { hasText: label });
  await expect
    .poll(async () => {
      await page.getByTestId('lead-tabs').locator('.ant-tabs-tab', { hasText: label }).click();
      return active.isVisible();
    })
    .toBe(true);
  // Shown, not only rendered in a hidden pane.
  await page.getByTestId('ownership-history').waitFor({ state: 'visible' });
}

/** Ticks a row's checkbox in the lead list. */
const tick = (page: Page, name: string) =>
  page.locator('.ant-table-row', { hasText: name }).locator('.ant-checkbox-input').check();

/** A side-menu leaf by its exact text (the drawer's toggle first on a narrow screen). */
async function openMenu(page: Page, text: RegExp): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.locator('.ant-menu-item', { hasText: text }).click();
  await page
    .locator('.ant-drawer-open')
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

/** The lead's row in a list, by its name. */
const row = (page: Page, name: string) => page.locator('.ant-table-row', { hasText: name });

describe.each([1440, 390])('at %i px', (width) => {
  it('scores and explains a lead, meets its deadline with a follow-up, and passes it on through the lead pool', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'lead-pool', width);
    const desktop = width === 1440;
    const name = desktop ? '孙晓梅' : '郑凯';
    const company = `${desktop ? '海川' : '远航'}精密机械有限公司`;
    const routed = desktop ? '钱海涛' : '冯雪';

    await login(page, suite.server.baseUrl, rep.email, password);
    await openMenu(page, /^线索$/);
    await page.getByTestId('lead-table').waitFor();

    // 新建线索, a referral asking for a quote: 自己负责 is the default.
    await page.getByTestId('create-lead').click();
    const form = page.getByTestId('lead-form');
    await form.getByTestId('lead-name').fill(name);
    await form.locator('#title').fill('采购经理');
    await form.locator('#company').fill(company);
    await form.locator('#phone').fill(`1371234${width}`.padEnd(11, '5'));
    await form.locator('#source').fill('转介绍');
    await form.getByTestId('lead-inquiry').fill('请尽快报价：50 台分拣设备，年底前交付');
    await form.getByTestId('lead-assign').getByText('自己负责').waitFor();
    await form.getByText('线索由你负责').waitFor();
    await shot('form', 'zh-CN');
    await page.getByTestId('lead-form-submit').click();
    await page.getByText('线索已创建').first().waitFor();

    // The list: a hot score, the first-follow-up countdown; 高分 keeps it, 已超时 does not.
    const mine = row(page, name);
    await mine.getByTestId('lead-score').getByText('85').waitFor();
    await mine
      .getByTestId('lead-sla')
      .getByText(/剩 23 小时|剩 24 小时/)
      .waitFor();
    await page.getByTestId('lead-quick-filters').getByText('高分').click();
    await mine.waitFor();
    await shot('list-hot', 'zh-CN');
    await page.getByTestId('lead-quick-filters').getByText('已超时').click();
    await mine.waitFor({ state: 'detached' });
    await page.getByTestId('lead-quick-filters').getByText('全部').click();
    await mine.waitFor();

    // Its page: every rule that fired, the total, and why the rep owns it.
    await mine.getByTestId('lead-link').click();
    const scoreCard = page.getByTestId('lead-score-card');
    await scoreCard.getByText('询盘提到报价、采购或预算').waitFor();
    await scoreCard.getByText('+25').first().waitFor();
    await scoreCard.getByText('85 分').waitFor();
    await page.getByTestId('assignment-decision').getByText(`由 ${rep.name} 录入并自己负责`).waitFor();
    const status = page.getByTestId('lead-follow-up-status');
    await status
      .getByTestId('lead-sla')
      .getByText(/剩 2[34] 小时/)
      .waitFor();
    await shot('detail', 'zh-CN');

    // 写跟进: a WeChat message; without a time the cadence sets the next one.
    const followUp = page.getByTestId('follow-up-form');
    await followUp.getByText('微信').click();
    await followUp.getByText('不填时按跟进节奏，3 天后再跟进').waitFor();
    await page.getByTestId('follow-up-submit').click();
    await page.getByText('请填写跟进内容').waitFor();
    await page.getByTestId('follow-up-content').fill('加了微信，发了产品资料；对方下周内部评审后回复');
    await page.getByTestId('follow-up-submit').click();
    await page.getByText('跟进已保存').waitFor();
    await status.locator('[data-testid="lead-sla"][data-state="met"]').getByText('已跟进').waitFor();
    await page.getByTestId('lead-profile').getByTestId('lead-status').getByText('跟进中').waitFor();
    const item = page.getByTestId('follow-up-item').first();
    await item.getByText('加了微信，发了产品资料').waitFor();
    await item.getByText('微信', { exact: true }).waitFor();
    await status.getByTestId('lead-next').waitFor();
    const lead = (await suite.asAdmin<{ data: ApiLead[] }>(`/leads?q=${encodeURIComponent(name)}`)).data[0]!;
    expect(lead).toMatchObject({ score: 85, slaState: 'met' });

    // A call that agrees on a time: 明天 is one tap, and the next follow-up follows it.
    await followUp.getByText('电话', { exact: true }).click();
    await page.getByTestId('follow-up-content').fill('电话确认了需求，约明天上午演示');
    const next = page.getByTestId('follow-up-next');
    await next.getByRole('button', { name: '明天' }).click();
    await expect.poll(() => next.locator('input').inputValue()).toMatch(/10:00$/);
    await page.getByTestId('follow-up-submit').click();
    await page
      .getByTestId('follow-up-item')
      .first()
      .getByText(/约定下次跟进：.* 10:00/)
      .waitFor();
    await status.getByTestId('lead-next').getByText(/10:00/).waitFor();
    await shot('followed-up', 'zh-CN');

    // The log tells the follow-up apart from the lead's own changes.
    await page.getByTestId('lead-tabs').getByText('操作日志').click();
    await page.getByTestId('lead-timeline').getByText('写了跟进').first().waitFor();
    await page.getByTestId('lead-tabs').getByText('跟进记录').click();

    // 退回线索池: a reason is required; then it is gone from the rep's list.
    await page.getByTestId('release-lead').click();
    await page.getByTestId('release-ok').click();
    await page.getByText('请填写退回原因（至少 2 个字）').waitFor();
    await page.getByTestId('release-reason').fill('客户在华南，转给当地同事');
    await shot('release', 'zh-CN');
    await page.getByTestId('release-ok').click();
    await page.getByText('已退回 1 条线索').waitFor();
    await page.waitForURL(/\/leads$/);
    await row(page, name).waitFor({ state: 'detached' });

    // A lead routed by the rules: none match, so it waits in the lead pool.
    await page.getByTestId('create-lead').click();
    await form.getByTestId('lead-name').fill(routed);
    await form.getByTestId('lead-assign').getByText('按分配规则').click();
    await form.getByText('按管理员设置的分配规则').waitFor();
    await page.getByTestId('lead-form-submit').click();
    await page.getByText('线索已创建，已进入线索池等待领取').waitFor();

    // 线索池: both wait there, with their scores; the rep's own quota.
    await page.getByTestId('lead-pool-link').click();
    await page.getByTestId('pool-quota').getByText('今日已领').waitFor();
    await row(page, name).getByTestId('lead-score').getByText('85').waitFor();
    await row(page, routed).getByTestId('lead-link').click();
    await page
      .getByTestId('assignment-decision')
      .getByText(/^无匹配规则，进入线索池/)
      .waitFor();
    await page.getByTestId('claim-lead').waitFor();
    await shot('pooled-lead', 'zh-CN');
    await page.goBack();
    await page.getByTestId('pool-quota').waitFor();
    await shot('pool', 'zh-CN');
    await logout(page);

    // A colleague claims the returned lead: the confirm says what it commits her to.
    await login(page, suite.server.baseUrl, colleague.email, password);
    await openMenu(page, /^线索池$/);
    const quota = page.getByTestId('pool-quota');
    await row(page, name).waitFor();
    const claimedBefore = Number(/今日已领\s*(\d+)/.exec((await quota.textContent()) ?? '')?.[1]);
    await row(page, name).getByTestId('claim-lead').click();
    await page.locator('.ant-popconfirm').getByText(`领取「${name}」？`).waitFor();
    await page.locator('.ant-popconfirm').getByText('领取后由你负责').waitFor();
    await shot('claim', 'zh-CN');
    await page.getByTestId('claim-lead-ok').dispatchEvent('click');
    await page.getByText(`已领取「${name}」，现在由你负责`).waitFor();
    await row(page, name).waitFor({ state: 'detached' });
    await quota.getByText(new RegExp(`今日已领\\s*${claimedBefore + 1} /`)).waitFor();
    const claimed = (await suite.asAdmin<{ data: ApiLead[] }>(`/leads?q=${encodeURIComponent(name)}`))
      .data[0]!;
    expect(claimed.ownerName).toBe(colleague.name);

    // On her list, and its page says how she got it.
    await openMenu(page, /^线索$/);
    await row(page, name).getByTestId('lead-link').click();
    await page.getByTestId('assignment-decision').getByText(`${colleague.name} 从线索池领取`).waitFor();
    await page.getByTestId('follow-up-item').getByText('加了微信').waitFor();
    await shot('claimed', 'zh-CN');

    // The same screens in English.
    await switchLanguage(page, 'English');
    await page.getByTestId('lead-score-card').getByText('Lead score').waitFor();
    await page.getByTestId('lead-follow-up-status').getByText('Followed up', { exact: true }).waitFor();
    await shot('claimed', 'en');
    await openMenu(page, /^Leads$/);
    await row(page, name).getByTestId('lead-score').waitFor();
    await page.getByTestId('lead-quick-filters').getByText('First follow-up due').waitFor();
    await shot('list', 'en');
    await page.getByTestId('create-lead').click();
    await form.getByTestId('lead-assign').getByText('By assignment rules').waitFor();
    await shot('form', 'en');
    await dismiss(page);
    await openMenu(page, /^Lead pool$/);
    await page.getByTestId('pool-quota').getByText('Claimed today').waitFor();
    await row(page, routed).getByTestId('claim-lead').click();
    await page.locator('.ant-popconfirm').getByText(`Claim “${routed}”?`).waitFor();
    await shot('claim', 'en');
    await dismiss(page);
    await row(page, routed).getByTestId('lead-link').click();
    await page
      .getByTestId('assignment-decision')
      .getByText(/^No rule matched/)
      .waitFor();
    await shot('pooled-lead', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });

  it('a manager transfers two leads at once and their pages say so; a rep returns one to the lead pool', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'lead-moves', width);
    const desktop = width === 1440;
    const [a, b, c] = desktop ? ['韩梅', '魏东', '罗兰'] : ['贺兰', '常青', '苏杭'];
    const manager = { email: 'li.ming@demo.cadence', name: '李明' };
    const phoneOf = (i: number) => `1390${width}${i}`.padEnd(11, '7');

    // 刘洋 enters three leads; 退回线索池 from the list (she may not transfer: no 转移 for her).
    await login(page, suite.server.baseUrl, rep.email, password);
    for (const [i, name] of [a, b, c].entries())
      await enter(page, {
        name,
        company: `${name}${desktop ? '华东' : '华南'}贸易有限公司`,
        phone: phoneOf(i),
      });
    await openMenu(page, /^线索$/);
    await row(page, c).waitFor();
    await tick(page, c);
    const bulk = page.getByTestId('bulk-actions');
    await bulk.getByText('已选 1 条线索').waitFor();
    expect(await bulk.getByTestId('bulk-transfer').count(), 'a rep with her own leads only has no 转移').toBe(
      0,
    );
    await bulk.getByTestId('bulk-release').click();
    await page.getByTestId('release-reason').fill('客户暂无采购计划');
    await page.getByTestId('release-ok').click();
    await page.getByText('已退回 1 条线索').waitFor();
    await row(page, c).waitFor({ state: 'detached' });
    await page.getByTestId('lead-pool-link').click();
    await row(page, c).getByTestId('lead-link').click();
    await page.getByTestId('assignment-decision').getByText(`${rep.name} 退回线索池`).waitFor();
    await page.getByTestId('assignment-reason').getByText('原因：客户暂无采购计划').waitFor();
    await shot('released', 'zh-CN');
    await logout(page);

    // 李明 (her manager) picks two of her leads and transfers them to 陈静 with a reason.
    await login(page, suite.server.baseUrl, manager.email, password);
    await openMenu(page, /^线索$/);
    await row(page, a).waitFor();
    await page.getByTestId('import-leads').waitFor();
    await tick(page, a);
    await tick(page, b);
    await bulk.getByText('已选 2 条线索').waitFor();
    await shot('list-selected', 'zh-CN');
    await bulk.getByTestId('bulk-transfer').click();
    await chooseOption(page, page.locator('.ant-modal').getByTestId('owner-select'), '陈静 · 上海一组');
    await page.locator('.ant-modal textarea').fill('按区域重新分配');
    await page.getByTestId('transfer-ok').click();
    await page.getByText('已转移 2 条线索').waitFor();
    await bulk.waitFor({ state: 'detached' });
    await row(page, a).getByText('陈静').waitFor();
    await row(page, b).getByText('陈静').waitFor();
    for (const name of [a, b]) {
      const l = (await suite.asAdmin<{ data: ApiLead[] }>(`/leads?q=${encodeURIComponent(name)}`)).data[0]!;
      expect(l.ownerName, `${name} went to 陈静`).toBe('陈静');
    }

    // The lead's page: the card says who transferred it, from whom, and why; 归属记录 has the line.
    await row(page, a).getByTestId('lead-link').click();
    const card = page.getByTestId('lead-assignment-card');
    await card.getByText(`${manager.name} 将线索从 ${rep.name} 转移给 陈静`).waitFor();
    await card.getByText('原因：按区域重新分配').waitFor();
    await card.getByText('变更时间').waitFor();
    await openTab(page, '归属记录');
    const history = page.getByTestId('ownership-history');
    await history.getByText(`${manager.name} 将线索从 ${rep.name} 转移给 陈静`).waitFor();
    await history.getByText(`${rep.name} 创建，负责人 ${rep.name}`).waitFor();
    await shot('detail-history', 'zh-CN');

    // The same in English.
    await switchLanguage(page, 'English');
    await card.getByText(`${manager.name} transferred it from ${rep.name} to 陈静`).waitFor();
    await card.getByText('Reason: 按区域重新分配').waitFor();
    await openTab(page, 'Ownership');
    await history.getByText(`${manager.name} transferred it from ${rep.name} to 陈静`).waitFor();
    await shot('detail-history', 'en');
    await openMenu(page, /^Leads$/);
    await tick(page, a);
    await tick(page, b);
    await bulk.getByText('2 leads selected').waitFor();
    await bulk.getByText('Return to lead pool').waitFor();
    await shot('list-selected', 'en');
    await bulk.getByText('Clear selection').click();
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
