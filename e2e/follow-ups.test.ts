import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, isPhone, login, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// 写跟进 on a customer: a rep logs a visit with its 时长, 客户需求, 下一步, a contact who took part and a
// 签到 (the position the browser reports, with its accuracy) and the log shows them; a second visit with
// the location permission taken away is recorded as 未获取位置. Both widths, both languages.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026', name: '刘洋' };
type ApiCustomer = { id: string; name: string; lastFollowUpAt: number | null };
type ApiContact = { id: string; name: string; title: string | null };
type ApiFollowUp = {
  method: string;
  durationMinutes: number | null;
  needs: string | null;
  nextStep: string | null;
  contacts: { id: string; name: string }[];
  checkIn: { status: string; lat?: number; lng?: number; accuracy?: number; late: boolean } | null;
};
// 上海 人民广场, 25 m: what the test's Chromium reports as its position.
const spot = { latitude: 31.2304, longitude: 121.4737, accuracy: 25 };

/** An 8×8 blue PNG (a photo as far as the server and the browser care). */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGOQSzmBFTEMLQkAEihSgcW67YAAAAAASUVORK5CYII=',
  'base64',
);

const suite = browserSuite();

const form = (page: Page) => page.getByTestId('follow-up-form');

/** 拜访 with its content; 签到 taps the check-in button and waits until it has an answer. */
async function startVisit(page: Page, content: string) {
  await form(page).getByText('拜访', { exact: true }).click();
  await form(page).getByTestId('follow-up-content').fill(content);
  await form(page).getByTestId('follow-up-check-in').getByRole('button').click();
  await form(page).getByTestId('check-in').waitFor();
}

/** Opens 更多 unless it is open already (it stays open after a save). */
async function openMore(page: Page) {
  const more = form(page).getByTestId('follow-up-more');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep logs a visit on her customer with its details, contact and check-in; a denied check-in says so', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'follow-ups', width);

    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const mine = await suite.asAdmin<{ data: ApiCustomer[] }>(`/customers?ownerId=${users.data[0]?.id}`);
    const customer = mine.data[width === 1440 ? 2 : 3] as ApiCustomer;
    expect(customer, 'a customer of the rep').toBeTruthy();
    const contacts = await suite.asAdmin<{ data: ApiContact[] }>(`/contacts?customerId=${customer.id}`);
    const contact = contacts.data[0] as ApiContact;
    expect(contact, 'a contact of that customer').toBeTruthy();

    // The browser may tell where it is, and is at 人民广场.
    await context.grantPermissions(['geolocation'], { origin: suite.server.baseUrl });
    await context.setGeolocation(spot);

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await page.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await page.getByTestId('customer-profile').waitFor();
    // One tap on 写跟进 (the tabs sit below the profile on a phone) and a routine call is ready:
    // method, content, 保存.
    await page.getByTestId('write-follow-up').click();
    await page.getByRole('tab', { name: '跟进记录', selected: true }).waitFor();
    await form(page).getByTestId('follow-up-content').waitFor();
    await form(page).getByTestId('follow-up-submit').waitFor();
    await shot('form', 'zh-CN');

    // A visit: 签到 gives the position with its accuracy.
    await startVisit(page, '上门拜访，参观了二号车间，客户在评估产线改造');
    const taken = form(page).getByTestId('check-in');
    await expect(taken.getAttribute('data-status')).resolves.toBe('located');
    await taken.getByText('精度 ±25 米').waitFor();
    await taken.getByText('31.230400, 121.473700').waitFor();

    // 更多: 30 分钟, the needs, the next step and the contact who was there.
    await openMore(page);
    await form(page).getByTestId('follow-up-duration').getByRole('button', { name: '30 分钟' }).click();
    await form(page).getByTestId('follow-up-needs').fill('二期扩产，需要 MES 对接');
    await form(page).getByTestId('follow-up-next-step').fill('周五前发技术方案');
    const label = contact.title ? `${contact.name} · ${contact.title}` : contact.name;
    await chooseOption(page, form(page).getByTestId('deal-contacts'), label);
    await shot('form-visit', 'zh-CN');
    await form(page).getByTestId('follow-up-submit').click();
    await page.getByText('跟进已保存').waitFor();

    const item = page.getByTestId('follow-up-item').first();
    await item.getByText('上门拜访，参观了二号车间').waitFor();
    await item.getByText('拜访', { exact: true }).waitFor();
    await item.getByText('时长 30 分钟').waitFor();
    await item.getByText('需求：二期扩产，需要 MES 对接').waitFor();
    await item.getByText('下一步：周五前发技术方案').waitFor();
    await item.getByText(`参与人：${contact.name}`).waitFor();
    await item.locator('[data-testid="check-in"][data-status="located"]').getByText('已签到').waitFor();
    await item.getByText('精度 ±25 米').waitFor();
    // The customer's 最近跟进 follows at once.
    await page
      .getByTestId('customer-profile')
      .locator('tr', { hasText: '最近跟进' })
      .getByText(/秒前|分钟前/)
      .waitFor();

    // No permission: the browser refuses, and that is what is recorded.
    await context.clearPermissions();
    await startVisit(page, '再次上门，未能定位');
    const refused = form(page).getByTestId('check-in');
    await expect(refused.getAttribute('data-status')).resolves.toBe('denied');
    await refused.getByText('浏览器拒绝了定位权限').waitFor();
    await form(page).getByTestId('follow-up-submit').click();
    await page
      .getByTestId('follow-up-item')
      .first()
      .locator('[data-testid="check-in"][data-status="denied"]')
      .getByText('未获取位置')
      .waitFor();
    await settle(page);
    await shot('list', 'zh-CN');

    // What the server holds is what the browser reported.
    const logged = await suite.asAdmin<{ data: ApiFollowUp[] }>(
      `/follow-ups?object=customer&recordId=${customer.id}`,
    );
    expect(logged.data[0]?.checkIn).toMatchObject({ status: 'denied', late: false });
    expect(logged.data[1]).toMatchObject({
      method: 'visit',
      durationMinutes: 30,
      needs: '二期扩产，需要 MES 对接',
      nextStep: '周五前发技术方案',
      contacts: [{ id: contact.id, name: contact.name }],
      checkIn: { status: 'located', lat: spot.latitude, lng: spot.longitude, accuracy: 25, late: false },
    });
    const after = await suite.asAdmin<ApiCustomer>(`/customers/${customer.id}`);
    expect(after.lastFollowUpAt, 'the customer was just followed up').toBeGreaterThan(Date.now() - 120_000);

    // The same in English.
    await context.grantPermissions(['geolocation'], { origin: suite.server.baseUrl });
    await switchLanguage(page, 'English');
    await page.getByTestId('follow-up-item').first().getByText('No position').waitFor();
    await page.getByTestId('follow-up-item').nth(1).getByText('Accuracy ±25 m').waitFor();
    await shot('list', 'en');
    await form(page).getByText('Visit', { exact: true }).click();
    await form(page).getByTestId('follow-up-check-in').getByRole('button').click();
    await form(page).getByTestId('check-in').getByText('Checked in').waitFor();
    await openMore(page);
    await form(page).getByTestId('follow-up-duration').getByRole('button', { name: '15 min' }).click();
    await shot('form-visit', 'en');
    await switchLanguage(page, '中文');

    // The customer page's tab bar is antd's: on a phone in English the last tabs move into its … menu
    // (they overflow a box that hides them); everything else must fit.
    const sticking = overflow.map((o) => o.replace(/(, )?div\.ant-tabs-[\w-]+ right=\d+/g, ''));
    if (isPhone(width))
      expect(
        sticking.filter((o) => !/^[\w-]+: ?$/.test(o)),
        'screens wider than the phone',
      ).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a rep records where her customer is; a visit then says how far it was, and keeps its photo', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'follow-ups-place', width);
    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    // In a stable order (by name), one customer per width.
    const mine = await suite.asAdmin<{ data: ApiCustomer[] }>(
      `/customers?ownerId=${users.data[0]?.id}&sort=name`,
    );
    const customer = mine.data[width === 1440 ? 0 : 1] as ApiCustomer;

    // Standing at the customer (人民广场): 用当前位置 records it.
    await context.grantPermissions(['geolocation'], { origin: suite.server.baseUrl });
    await context.setGeolocation(spot);
    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await page.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    const place = page.getByTestId('customer-location');
    await place.getByTestId('customer-location-here').click();
    await place.getByText('31.230400, 121.473700').waitFor();
    await shot('profile', 'zh-CN');

    // A later visit 0.0009° north (about 100 m), with a photo of the line.
    await context.setGeolocation({ ...spot, latitude: spot.latitude + 0.0009 });
    await page.getByTestId('write-follow-up').click();
    await startVisit(page, '到客户门口的仓库看了现场，拍了照片');
    await form(page)
      .locator('input[type=file]')
      .setInputFiles({ name: '仓库现场.png', mimeType: 'image/png', buffer: png });
    await form(page).getByText('仓库现场.png').waitFor();
    await shot('form-photo', 'zh-CN');
    await form(page).getByTestId('follow-up-submit').click();
    await page.getByText('跟进已保存').waitFor();
    const item = page.getByTestId('follow-up-item').first();
    await item.getByTestId('check-in-distance').getByText('距客户 100 米').waitFor();
    // The thumbnail shows the photo itself (decoded, not a broken image).
    const photo = item.getByTestId('follow-up-photo').locator('img[src^="blob:"]');
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
    await settle(page);
    await shot('list', 'zh-CN');
    // The photo is a file of the customer too, and of the follow-up on the server.
    const logged = await suite.asAdmin<{ data: (ApiFollowUp & { attachments: { fileName: string }[] })[] }>(
      `/follow-ups?object=customer&recordId=${customer.id}`,
    );
    expect(logged.data[0]?.attachments.map((a) => a.fileName)).toEqual(['仓库现场.png']);
    expect(logged.data[0]?.checkIn).toMatchObject({ status: 'located', distance: 100 });

    await switchLanguage(page, 'English');
    await page.getByTestId('follow-up-item').first().getByText('100 m from the customer').waitFor();
    await shot('list', 'en');
    await switchLanguage(page, '中文');
    const sticking = overflow.map((o) => o.replace(/(, )?div\.ant-tabs-[\w-]+ right=\d+/g, ''));
    if (isPhone(width))
      expect(
        sticking.filter((o) => !/^[\w-]+: ?$/.test(o)),
        'screens wider than the phone',
      ).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
