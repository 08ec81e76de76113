import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, isPhone, login, logout, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 转化: a rep turns a lead into a new customer and lands on it; a lead whose company became a
// customer meanwhile is refused a second customer and converts into that one; a web-form lead kept
// although it matched says which records; at desktop and phone width, in both languages.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026', name: '刘洋' };
type Made = { id: string; status: number; publicKey?: string };

const suite = browserSuite();

/** A POST as the signed-in user (with the CSRF token), answering the new record's id. */
function post(page: Page, url: string, body: Record<string, unknown>): Promise<Made> {
  return page.evaluate(
    async ({ url, body }) => {
      const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/v1${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { id: string; publicKey?: string };
      return { id: json.id, publicKey: json.publicKey, status: res.status };
    },
    { url, body },
  );
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep converts a lead into a new customer, and one whose company is a customer into that', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'lead-convert', width);
    const base = suite.server.baseUrl;
    // Names far apart per width, so one width's customers are not near duplicates of the other's.
    const c =
      width === 1440
        ? { fresh: '嘉兴南湖包装材料有限公司', known: '绍兴柯桥纺织有限公司', en: '宁波北仑港务物流有限公司' }
        : { fresh: '温州鹿城鞋业有限公司', known: '湖州南浔木业有限公司', en: '金华义乌小商品贸易有限公司' };
    const w = width === 1440 ? '甲' : '乙';

    await login(page, base, rep.email, rep.password);
    // Three leads of the rep; then two of their companies become customers of the rep's.
    const fresh = await post(page, '/leads', {
      name: `周建国${w}`,
      company: c.fresh,
      title: '采购经理',
      phone: `1395730${width}`.padEnd(11, '1'),
      email: `zhou${width}@nanhu-pack.cn`,
      region: { province: '浙江省', city: '嘉兴市' },
      industry: '包装',
      source: '展会',
      inquiry: '年采购量约 200 吨，想要报价',
    });
    const known = await post(page, '/leads', {
      name: `钱经理${w}`,
      company: c.known,
      phone: `1395731${width}`.padEnd(11, '2'),
      source: '转介绍',
    });
    const knownEn = await post(page, '/leads', {
      name: `孙主任${w}`,
      company: c.en,
      phone: `1395732${width}`.padEnd(11, '3'),
    });
    expect([fresh.status, known.status, knownEn.status]).toEqual([201, 201, 201]);
    const customer = await post(page, '/customers', { name: c.known });
    const customerEn = await post(page, '/customers', { name: c.en });
    expect([customer.status, customerEn.status]).toEqual([201, 201]);

    // 转化 into a new customer named after the company, level A, the person as its contact.
    await page.goto(`${base}/leads/${fresh.id}`);
    await page.getByTestId('convert-lead').click();
    const dialog = page.getByTestId('convert-form');
    await expect.poll(() => dialog.getByTestId('convert-name').inputValue()).toBe(c.fresh);
    const carries = page.getByTestId('convert-carries');
    await carries.getByText('地区：浙江省 嘉兴市').waitFor();
    await carries.getByText('询盘内容记为联系人备注').waitFor();
    await chooseOption(page, dialog.getByTestId('convert-level'), 'A 级');
    await shot('dialog', 'zh-CN');
    await page.getByTestId('convert-ok').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]+$/);
    await page.getByText(`已转化为客户“${c.fresh}”`).waitFor();
    await page.getByText(`周建国${w}`).first().waitFor();
    const newCustomerUrl = page.url();

    // The lead now says what it became, and is read-only.
    await page.goto(`${base}/leads/${fresh.id}`);
    const banner = page.getByTestId('converted-banner');
    await banner.getByText('已转化为客户').waitFor();
    await banner.getByTestId('converted-customer').getByText(c.fresh).waitFor();
    await banner.getByText(/转化时间：/).waitFor();
    await expect(page.getByTestId('convert-lead').count()).resolves.toBe(0);
    await expect(page.getByTestId('edit-lead').count()).resolves.toBe(0);
    await shot('converted', 'zh-CN');
    await banner.getByTestId('converted-customer').click();
    await page.waitForURL(newCustomerUrl);

    // The company is a customer already: no second one; 转化到此客户 joins it.
    await page.goto(`${base}/leads/${known.id}`);
    await page.getByTestId('convert-lead').click();
    // The dialog fills itself from the lead first: OK before that (under load, at 390 px in CI) sent
    // another name and met no duplicate.
    await expect.poll(() => dialog.getByTestId('convert-name').inputValue()).toBe(c.known);
    await page.getByTestId('convert-ok').click();
    const panel = page.getByTestId('duplicate-panel');
    await panel.getByRole('link', { name: c.known }).waitFor();
    await page.getByTestId('convert-into').getByText(c.known).waitFor();
    await shot('duplicate', 'zh-CN');
    await page.getByTestId('convert-into-customer').click();
    await page.waitForURL(`${base}/customers/${customer.id}`);
    await page.getByText(`已转化为客户“${c.known}”`).waitFor();
    await page.getByText(`钱经理${w}`).first().waitFor();

    // The same in English.
    await switchLanguage(page, 'English');
    await page.goto(`${base}/leads/${knownEn.id}`);
    await page.getByTestId('convert-lead').click();
    await page.getByTestId('convert-carries').getByText('Carried over to the customer').waitFor();
    await shot('dialog', 'en');
    await page.getByTestId('convert-ok').click();
    await panel.getByRole('link', { name: c.en }).waitFor();
    await page.getByTestId('convert-into-customer').getByText('Convert into this customer').waitFor();
    await shot('duplicate', 'en');
    await page.getByTestId('convert-into-customer').click();
    await page.waitForURL(`${base}/customers/${customerEn.id}`);
    await page.goto(`${base}/leads/${knownEn.id}`);
    await banner.getByText('Converted to customer').waitFor();
    await banner.getByTestId('converted-customer').getByText(c.en).waitFor();
    await shot('converted', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    // A web form that keeps duplicates, marked: the same company asks again from the website, and
    // its lead says which records it matched.
    await login(page, base, admin.email, admin.password);
    // The learned score on (trained on the demo's closed leads): 成交可能 on the score card.
    const trained = await page.evaluate(async () => {
      const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const headers = { 'content-type': 'application/json', 'X-CSRF-Token': csrf };
      const train = await fetch('/api/v1/lead-model/train', { method: 'POST', headers, body: '{}' });
      const { version } = (await train.json()) as { version: number };
      const on = await fetch('/api/v1/lead-model', {
        method: 'PUT',
        headers: { ...headers, 'If-Match': String(version) },
        body: JSON.stringify({ enabled: true }),
      });
      return [train.status, on.status];
    });
    expect(trained).toEqual([200, 200]);
    const form = await post(page, '/lead-sources', {
      kind: 'web_form',
      name: `官网咨询${w}`,
      source: '官网',
    });
    expect(form.status).toBe(201);
    const asker = `郑女士${w}`;
    const sent = await page.evaluate(
      async ({ key, body }) =>
        (
          await fetch(`/api/v1/public/forms/${key}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      {
        key: form.publicKey!,
        body: { name: asker, company: c.known, phone: `1385920${width}`.padEnd(11, '4'), website: '' },
      },
    );
    expect(sent).toBe(202);
    // No assignment rule takes it: it waits in a lead pool.
    const pools = (await suite.asAdmin<{ data: { id: string }[] }>('/pools?object=lead')).data;
    const found = await Promise.all(
      pools.map((p) =>
        suite.asAdmin<{ data: { id: string }[] }>(`/leads?q=${encodeURIComponent(asker)}&poolId=${p.id}`),
      ),
    );
    const flagged = found.flatMap((f) => f.data)[0]!;
    expect(flagged, 'the web-form lead').toBeTruthy();
    await page.goto(`${base}/leads/${flagged.id}`);
    const warning = page.getByTestId('flagged-panel');
    await warning.getByText('提交时与已有记录重复').waitFor();
    await warning.getByRole('link', { name: c.known, exact: true }).waitFor();
    const learned = page.getByTestId('learned-score');
    await learned.getByText(/成交可能 \d+%/).waitFor();
    await learned.getByTestId('learned-factor').first().waitFor();
    await shot('flagged', 'zh-CN');
    await switchLanguage(page, 'English');
    await warning.getByText('Matched existing records when submitted').waitFor();
    await learned.getByText(/\d+% likely to convert/).waitFor();
    await shot('flagged', 'en');
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
