import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './support/admin-api.js';
import { chooseOption, login, logout, openFromMenu, switchLanguage } from './support/app.js';
import { pageErrors, settle, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// 跟进动态 and 点评: 刘洋 logs a call on a new customer; her manager 张伟 finds it on top of his team's
// feed, filters it down to customers and 电话, and coaches on it with @李明; 刘洋 is told, opens the
// customer's 跟进记录 and replies; 李明 is told he was mentioned; 吴芳 (广州组) never sees it; 张伟 takes
// his comment back but cannot delete 刘洋's reply. Both widths, both languages.
const password = 'Cadence@2026';
const rep = { email: 'liu.yang@demo.cadence', name: '刘洋' };
const manager = { email: 'zhang.wei@demo.cadence', name: '张伟' };
const regional = { email: 'li.ming@demo.cadence', name: '李明' };
const south = { email: 'wu.fang@demo.cadence', name: '吴芳' };
const teammate = { email: 'chen.jing@demo.cadence', name: '陈静' };

const suite = browserSuite();

/** Signs in over the API as that user (the shared helper, on this suite's server). */
const session = (email: string) => apiSession(suite.server.baseUrl, email, password);

/**
 * Signs in and makes sure the app speaks Chinese: the language is saved per user, so a run that failed
 * in English would leave that user in English.
 */
async function signIn(page: Page, email: string): Promise<void> {
  await login(page, suite.server.baseUrl, email, password);
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'zh-CN')
    await switchLanguage(page, '中文');
}

/** 跟进动态 from the side menu, once its list (or its empty state) is there. */
async function openFeed(page: Page): Promise<void> {
  await openFromMenu(page, /跟进动态|Team follow-ups/);
  await page.waitForURL(/\/follow-ups$/);
  await page.getByTestId('feed').or(page.locator('.ant-empty')).first().waitFor();
  await settle(page);
}

/** The notification centre's list (a popover on desktop, a drawer on a phone), opened. */
async function openNotices(page: Page): Promise<Locator> {
  await page.getByTestId('notification-bell').click();
  const list = page.getByTestId('notification-list');
  await list.waitFor();
  return list;
}

/** Picks a colleague to @mention: typed into the select's search, then the one option that answers. */
async function mention(page: Page, comments: Locator, name: string): Promise<void> {
  const select = comments.getByTestId('comment-mentions');
  const input = select.locator('input').first();
  await input.click();
  await input.fill(name);
  const listId = await input.getAttribute('aria-controls');
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${listId}"])`);
  // The search goes to the server: wait until the list holds only that colleague.
  await expect.poll(() => dropdown.locator('.ant-select-item-option').allInnerTexts()).toEqual([`@${name}`]);
  await dropdown.locator('.ant-select-item-option', { hasText: `@${name}` }).click();
  await select.locator('.ant-select-selection-item', { hasText: `@${name}` }).waitFor();
  await page.keyboard.press('Escape');
}

describe.each([1440, 390])('at %i px', (width) => {
  it('张伟 coaches on 刘洋’s follow-up from 跟进动态; she and 李明 are told; 吴芳 sees nothing', {
    timeout: 360_000,
  }, async () => {
    const { page, context } = suite.browser;
    const stamp = `${width}-${Date.now() % 100_000}`;
    const customerName = `动态点评测试科技有限公司-${stamp}`;
    const content = `电话沟通二期产线需求，客户关心交期（${stamp}）`;
    const commentText = `下次先确认预算和决策人 ${stamp}`;
    const mentionText = `李明总，这个客户的交期请大区协调 ${stamp}`;
    const replyText = `收到，周五前约采购总监 ${stamp}`;

    // 1. 刘洋, over the API: a new customer and a call on it.
    const asRep = await session(rep.email);
    const created = await asRep<{ id: string }>('POST', '/customers', { name: customerName });
    expect(created.status, 'creating the customer').toBe(201);
    const customerId = created.body.id;
    const logged = await asRep<{ id: string }>('POST', '/follow-ups', {
      object: 'customer',
      recordId: customerId,
      method: 'phone',
      content,
    });
    expect(logged.status, 'logging the follow-up').toBe(201);
    const followUpId = logged.body.id;

    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'follow-up-feed', width);

    // 2. 张伟: 跟进动态 has 刘洋's call on top, naming its customer.
    await signIn(page, manager.email);
    await openFeed(page);
    const top = page.getByTestId('follow-up-item').first();
    await top.getByText(content).waitFor();
    await top.getByText(rep.name, { exact: true }).waitFor();
    await top.getByText('电话', { exact: true }).waitFor();
    expect(await top.getByTestId('follow-up-record').textContent()).toBe(`客户 · ${customerName}`);
    expect(await top.getByTestId('follow-up-record').getAttribute('href')).toBe(`/customers/${customerId}`);
    expect(await top.getByTestId('comments-toggle').textContent()).toBe('点评');
    await shot('feed', 'zh-CN');

    // Only customers, only 电话: every line is a call on a customer, and hers is still first.
    await page.getByTestId('feed-object').getByText('客户', { exact: true }).click();
    await chooseOption(page, page.getByTestId('feed-method'), '电话');
    await settle(page);
    await expect
      .poll(
        async () => {
          const records = await page.getByTestId('follow-up-record').allTextContents();
          return records.length > 0 && records.every((r) => r.startsWith('客户 · '));
        },
        { message: 'only customers' },
      )
      .toBe(true);
    const items = page.getByTestId('follow-up-item');
    const n = await items.count();
    for (let i = 0; i < n; i++)
      await items.nth(i).locator('.ant-tag').getByText('电话', { exact: true }).waitFor();
    const mine = items.filter({ hasText: content });
    expect(await mine.count(), 'her call once, in the filtered list').toBe(1);
    await items.first().getByText(content).waitFor();
    // 商机 shows no customer's call.
    await page.getByTestId('feed-object').getByText('商机', { exact: true }).click();
    await settle(page);
    await expect.poll(() => page.getByText(content).count(), { message: 'not among deals' }).toBe(0);
    await page.getByTestId('feed-object').getByText('客户', { exact: true }).click();
    await mine.waitFor();
    await shot('filtered', 'zh-CN');

    // 点评: first with @陈静, who is offered but may not open 刘洋's customer — refused, nothing added.
    await mine.getByTestId('comments-toggle').click();
    const thread = mine.getByTestId('comments');
    await thread.waitFor();
    await thread.getByTestId('comment-body').fill(commentText);
    await mention(page, thread, teammate.name);
    await thread.getByTestId('comment-send').click();
    await page.locator('.ant-message').getByText('被 @ 的同事无权查看这条记录').waitFor();
    expect(await thread.getByTestId('comment').count(), 'nothing was added').toBe(0);
    expect(await thread.getByTestId('comment-body').inputValue(), 'the text is kept').toBe(commentText);
    // Without her, it goes.
    await thread.getByTestId('comment-mentions').locator('.ant-select-selection-item-remove').click();
    await thread
      .getByTestId('comment-mentions')
      .locator('.ant-select-selection-item', { hasText: `@${teammate.name}` })
      .waitFor({ state: 'detached' });
    await thread.getByTestId('comment-send').click();
    const coached = thread.getByTestId('comment').filter({ hasText: commentText });
    await coached.waitFor();
    await coached.getByText(manager.name, { exact: true }).waitFor();
    await expect
      .poll(() => thread.getByTestId('comment-body').inputValue(), { message: 'the box is emptied' })
      .toBe('');
    await expect.poll(() => mine.getByTestId('comments-toggle').textContent()).toBe('点评 1');

    // @李明: his manager is not in 张伟's user list (it covers his own team only), so the picker cannot
    // offer him; the mention goes over the API as 张伟, as the server allows, and the thread shows it.
    const asManager = await session(manager.email);
    const userId = async (name: string) => {
      const found = await suite.asAdmin<{ data: { id: string; name: string }[] }>(
        `/users?q=${encodeURIComponent(name)}`,
      );
      const u = found.data.find((x) => x.name === name);
      if (!u) throw new Error(`no user ${name}`);
      return u.id;
    };
    const mentioned = await asManager('POST', `/follow-ups/${followUpId}/comments`, {
      body: mentionText,
      mentions: [await userId(regional.name)],
    });
    expect(mentioned.status, 'the comment with @李明').toBe(201);
    // Someone who cannot read the customer cannot be mentioned (吴芳, 广州组).
    const refused = await asManager('POST', `/follow-ups/${followUpId}/comments`, {
      body: '吴芳也看看',
      mentions: [await userId(south.name)],
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('mention_cannot_see');
    // The page does not hear of it by itself: reloaded, the feed (unfiltered again) counts both, and
    // the thread holds both, oldest first.
    await page.reload();
    await page.getByTestId('feed').waitFor();
    await settle(page);
    await expect.poll(() => mine.getByTestId('comments-toggle').textContent()).toBe('点评 2');
    await mine.getByTestId('comments-toggle').click();
    const withMention = thread.getByTestId('comment').filter({ hasText: mentionText });
    await withMention.getByText(`@${regional.name}`).waitFor();
    expect(await thread.getByTestId('comment').allTextContents()).toEqual([
      expect.stringContaining(commentText),
      expect.stringContaining(`@${regional.name} ${mentionText}`),
    ]);
    await settle(page);
    await shot('comment', 'zh-CN');
    await logout(page);

    // 3. 刘洋 is told; the notice opens her customer, whose 跟进记录 shows 点评 2; she replies.
    await signIn(page, rep.email);
    const repNotices = await openNotices(page);
    const notice = repNotices.getByText(
      `${manager.name} 点评了「${customerName}」的一条跟进：${commentText}`,
    );
    await notice.waitFor();
    await shot('notice', 'zh-CN');
    await notice.click();
    await page.waitForURL((u) => u.pathname === `/customers/${customerId}`);
    await page.getByTestId('customer-profile').waitFor();
    await page.getByRole('tab', { name: '跟进记录' }).click();
    const hers = page.getByTestId('follow-up-item').filter({ hasText: content });
    await hers.waitFor();
    expect(await hers.getByTestId('comments-toggle').textContent()).toBe('点评 2');
    await hers.getByTestId('comments-toggle').click();
    const herThread = hers.getByTestId('comments');
    await herThread
      .getByTestId('comment')
      .filter({ hasText: mentionText })
      .getByText(`@${regional.name}`)
      .waitFor();
    await herThread.getByTestId('comment-body').fill(replyText);
    await herThread.getByTestId('comment-send').click();
    await herThread.getByTestId('comment').filter({ hasText: replyText }).waitFor();
    await expect.poll(() => hers.getByTestId('comments-toggle').textContent()).toBe('点评 3');
    expect(await herThread.getByTestId('comment').first().textContent(), 'oldest first').toContain(
      commentText,
    );
    await settle(page);
    await hers.scrollIntoViewIfNeeded();
    await shot('reply', 'zh-CN');
    await logout(page);

    // 李明 was mentioned.
    await signIn(page, regional.email);
    const hisNotices = await openNotices(page);
    await hisNotices
      .getByText(`${manager.name} 在「${customerName}」的跟进点评中 @ 了你：${mentionText}`)
      .waitFor();
    await page.keyboard.press('Escape');
    await logout(page);

    // 4. 吴芳 (广州组) does not see 上海一组's follow-up.
    await signIn(page, south.email);
    await openFeed(page);
    const southFeed = (await page.locator('main').textContent()) ?? '';
    expect(southFeed, 'the feed of another team').not.toContain(content);
    expect(southFeed).not.toContain(customerName);
    await shot('feed-south', 'zh-CN');
    await logout(page);

    // 5. 张伟 takes his comment back; 刘洋's reply is hers to delete, not his.
    await signIn(page, manager.email);
    await openFeed(page);
    const again = page.getByTestId('follow-up-item').filter({ hasText: content });
    expect(await again.getByTestId('comments-toggle').textContent()).toBe('点评 3');
    await again.getByTestId('comments-toggle').click();
    const thread2 = again.getByTestId('comments');
    const his = thread2.getByTestId('comment').filter({ hasText: commentText });
    const reply = thread2.getByTestId('comment').filter({ hasText: replyText });
    await reply.waitFor();
    expect(await reply.getByTestId('comment-delete').count(), 'not his to delete').toBe(0);
    await his.getByTestId('comment-delete').click();
    const confirm = page.locator('.ant-popconfirm').filter({ hasText: '删除这条点评？' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: /删\s*除/ }).click();
    await his.waitFor({ state: 'detached' });
    await expect.poll(() => again.getByTestId('comments-toggle').textContent()).toBe('点评 2');
    expect(await thread2.getByTestId('comment').count()).toBe(2);
    const left = await asManager<{ data: { body: string }[] }>('GET', `/follow-ups/${followUpId}/comments`);
    expect(left.body.data.map((c) => c.body)).toEqual([mentionText, replyText]);

    // 6. The same thread in English.
    await switchLanguage(page, 'English');
    await page
      .getByRole('heading', { name: 'Team follow-ups' })
      .or(page.getByText('Team follow-ups'))
      .first()
      .waitFor();
    await again.getByTestId('follow-up-record').getByText(`Customer · ${customerName}`).waitFor();
    await expect.poll(() => again.getByTestId('comments-toggle').textContent()).toBe('Comments 2');
    await thread2.getByTestId('comment-send').getByText('Comment').waitFor();
    await shot('thread', 'en');
    await switchLanguage(page, '中文');
    await page.getByTestId('feed-filters').getByText('全部', { exact: true }).waitFor();

    // 7. Nothing sticks out, nothing threw.
    expect(overflow, 'nothing sticks out of the screen').toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await logout(page);
  });
});
