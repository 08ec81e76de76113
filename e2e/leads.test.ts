import { pinyin } from 'pinyin-pro';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, dismiss, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A sales rep's 线索: enter, find by pinyin, be refused a duplicate naming whom to ask, 标记无效 with a
// reason and reopen, at desktop and phone width, in both languages.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026', name: '刘洋' };
type ApiCustomer = { id: string; name: string; phone: string | null; ownerName: string | null };

const suite = browserSuite();

/** The side menu's 线索 entry. */
async function openLeads(page: Page): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.locator('.ant-menu-item', { hasText: /^(线索|Leads)$/ }).click();
  await page.getByTestId('lead-table').waitFor();
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep enters a lead, finds it by pinyin, is refused a duplicate, disqualifies and reopens it', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'leads', width);

    // As the admin: how many leads the rep has, and a customer of another region with its owner.
    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const mine = await suite.asAdmin<{ totalCount: number }>(`/leads?ownerId=${users.data[0]?.id}`);
    const south = await suite.asAdmin<{ data: ApiCustomer[] }>(
      `/customers?province=${encodeURIComponent('广东省')}&limit=50`,
    );
    const other = south.data.find((c) => c.phone && c.ownerName && c.ownerName !== rep.name);
    expect(other, 'a south-region customer with a phone, owned by someone else').toBeTruthy();

    const name = width === 1440 ? '王建国' : '赵丽华';
    const company = `${width === 1440 ? '青松' : '云杉'}智能装备有限公司`;
    const phone = `1391234${width}`.padEnd(11, '0');

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await openLeads(page);
    if (mine.totalCount === 0) {
      await page.getByTestId('leads-empty').waitFor();
      await shot('empty', 'zh-CN');
    }

    // 新建线索 with an enquiry.
    await page.getByTestId('create-lead').click();
    const form = page.getByTestId('lead-form');
    await form.getByTestId('lead-name').fill(name);
    await form.locator('#title').fill('采购经理');
    await form.locator('#company').fill(company);
    await form.locator('#phone').fill(phone);
    await form.locator('#source').fill('展会');
    await form.getByTestId('lead-inquiry').fill('需要 50 台分拣设备，年底前交付，预算约 200 万');
    await shot('form', 'zh-CN');
    await page.getByTestId('lead-form-submit').click();
    await page.getByText('线索已创建').waitFor();
    await page.getByTestId('lead-link').getByText(name).waitFor();
    await page.getByText(`共 ${mine.totalCount + 1} 条`).waitFor();
    await shot('list', 'zh-CN');

    // The pinyin initials of the name find it.
    const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    const search = page.getByTestId('lead-search').locator('input');
    await search.fill(initials);
    await search.press('Enter');
    await page.getByText(/^共 1 条/).waitFor();
    await page.getByTestId('lead-link').getByText(name).waitFor();
    await search.fill('');
    await search.press('Enter');
    await page.getByText(`共 ${mine.totalCount + 1} 条`).waitFor();

    // A second lead with the same phone: refused, naming the first and its owner.
    await page.getByTestId('create-lead').click();
    await form.getByTestId('lead-name').fill('李明');
    await form.locator('#phone').fill(phone);
    await page.getByTestId('lead-form-submit').click();
    const panel = page.getByTestId('lead-duplicate-panel');
    await panel.getByText('该线索已存在').waitFor();
    await panel.getByRole('link', { name: `${name}（${company}）` }).waitFor();
    await panel.getByText(`负责人：${rep.name}`).waitFor();
    await shot('duplicate', 'zh-CN');
    // The phone of a colleague's customer: refused too, with whom to ask and nothing else of it.
    await form.locator('#phone').fill(other!.phone!);
    await page.getByTestId('lead-form-submit').click();
    await panel.getByText(`已由 ${other!.ownerName} 负责，请联系其协作`).waitFor();
    await expect(panel.getByRole('link').count()).resolves.toBe(0);
    await expect(panel.textContent()).resolves.not.toContain(other!.name);
    await shot('duplicate-hidden', 'zh-CN');
    await dismiss(page);

    // The lead's page: every field, the log, and no delete for a rep.
    await page.getByTestId('lead-link').getByText(name).click();
    const profile = page.getByTestId('lead-profile');
    await profile.getByText('需要 50 台分拣设备').waitFor();
    await profile.getByText('手工录入').waitFor();
    await page.getByTestId('lead-tabs').getByText('操作日志').click();
    await page.getByTestId('lead-timeline').getByText('新建了线索').waitFor();
    await expect(page.getByTestId('delete-lead').count()).resolves.toBe(0);

    // 更改状态 → 跟进中.
    await page.getByTestId('change-status').click();
    await page.getByTestId('set-status-working').click();
    await profile.getByTestId('lead-status').getByText('跟进中').waitFor();
    await shot('detail', 'zh-CN');

    // 标记无效 needs a reason.
    await page.getByTestId('disqualify-lead').click();
    const ok = page.locator('.ant-modal-footer .ant-btn-primary');
    await ok.click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请选择无效原因' }).waitFor();
    // One of the org's reasons (线索设置).
    await chooseOption(page, page.getByTestId('disqualify-reason'), '同行或竞品询价');
    await shot('disqualify', 'zh-CN');
    await ok.click();
    await page.getByText('线索已标记为无效').first().waitFor();
    const banner = page.getByTestId('disqualified-banner');
    await banner.getByText('同行或竞品询价').waitFor();
    await profile.getByTestId('lead-status').getByText('无效').waitFor();
    await page.getByTestId('lead-timeline').getByText('无效原因：').waitFor();
    await shot('disqualified', 'zh-CN');

    // 重新打开: back to 跟进中, the reason gone.
    await page.getByTestId('reopen-lead').click();
    await page.getByText('线索已重新打开').waitFor();
    await banner.waitFor({ state: 'detached' });
    await profile.getByTestId('lead-status').getByText('跟进中').waitFor();

    // Someone changes the lead while the edit drawer is open: the save is refused and the form reloaded.
    await page.getByTestId('edit-lead').click();
    await expect.poll(() => form.locator('#title').inputValue()).toBe('采购经理');
    const status = await page.evaluate(async () => {
      const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const id = location.pathname.split('/').pop();
      const lead = await (await fetch(`/api/v1/leads/${id}`)).json();
      const res = await fetch(`/api/v1/leads/${id}`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          'If-Match': String(lead.version),
          'X-CSRF-Token': csrf,
        },
        body: JSON.stringify({ inquiry: '改为 80 台，明年一季度交付' }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    await form.locator('#title').fill('采购总监');
    await page.getByTestId('lead-form-submit').click();
    await page.getByText('记录已被他人修改').waitFor();
    await expect.poll(() => form.getByTestId('lead-inquiry').inputValue()).toBe('改为 80 台，明年一季度交付');
    await form.locator('#title').fill('采购总监');
    await page.getByTestId('lead-form-submit').click();
    await page.getByText('线索已更新').waitFor();
    await profile.getByText('采购总监').waitFor();
    await profile.getByText('改为 80 台，明年一季度交付').waitFor();

    // The same screens in English.
    await page.getByTestId('disqualify-lead').click();
    await chooseOption(page, page.getByTestId('disqualify-reason'), '联系不上');
    await ok.click();
    await banner.waitFor();
    await switchLanguage(page, 'English');
    await banner.getByText('This lead is disqualified').waitFor();
    await shot('disqualified', 'en');
    await page.getByTestId('reopen-lead').click();
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('lead-timeline').getByText('changed the lead').first().waitFor();
    await shot('detail', 'en');
    await page.getByTestId('edit-lead').click();
    await form.getByTestId('lead-name').waitFor();
    await shot('form', 'en');
    await dismiss(page);
    await openLeads(page);
    await page.getByText(`All shown: ${mine.totalCount + 1}`).waitFor();
    await shot('list', 'en');
    await page.getByTestId('create-lead').click();
    await form.getByTestId('lead-name').fill('Li Ming');
    await form.locator('#phone').fill(phone);
    await page.getByTestId('lead-form-submit').click();
    await panel.getByText(`Owner: ${rep.name}`).waitFor();
    await shot('duplicate', 'en');
    await dismiss(page);
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
