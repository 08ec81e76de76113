import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  awaitToastsGone,
  chooseOption,
  isPhone,
  login,
  logout,
  openFromMenu,
  switchLanguage,
} from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { admin } from './support/server.js';
import { browserSuite, screens } from './support/suite.js';

// 销售流程: an admin edits the manufacturing pipeline's stages and requirements, creates and deletes a
// pipeline, and removes a stage that still holds deals by saying where they go — at desktop and phone
// width, in Chinese and English.
type ApiStage = {
  id: string;
  name: string;
  position: number;
  probability: number;
  category: string;
  gates: { checklist: { id: string; label: string }[] };
};
type ApiPipeline = { id: string; name: string; isDefault: boolean; version: number; stages: ApiStage[] };

const suite = browserSuite();
const manufacturing = '制造业项目流程';

const pipelines = async () => (await suite.asAdmin<{ data: ApiPipeline[] }>('/pipelines')).data;
const pipelineNamed = async (name: string) => (await pipelines()).find((p) => p.name === name);
const stageNamed = (p: ApiPipeline | undefined, name: string) => p?.stages.find((s) => s.name === name);

/** A write as the signed-in admin (with the CSRF token), answering the status and the body. */
function send<T>(
  page: Page,
  method: string,
  url: string,
  body: unknown,
  ifMatch?: number,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body, ifMatch }) => {
      const csrf = /cadence_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'X-CSRF-Token': decodeURIComponent(csrf),
          ...(ifMatch ? { 'If-Match': String(ifMatch) } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, url, body, ifMatch },
  ) as Promise<{ status: number; body: T }>;
}

/** Opens 销售流程 from the side menu, the phone's menu drawer gone before going on. */
async function openPipelines(page: Page, label: RegExp): Promise<Locator> {
  await openFromMenu(page, label);
  const table = page.getByTestId('pipeline-table');
  await table.waitFor();
  const menu = page.locator('.ant-drawer-open');
  if (await menu.count()) {
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  }
  return table;
}

const row = (page: Page, name: string) =>
  page.getByTestId('pipeline-table').locator('tr', { hasText: name }).first();

/** The stage panel of the pipeline form whose header names the stage. */
const stagePanel = (page: Page, name: string) =>
  page
    .getByTestId('pipeline-form')
    .locator('.stage-item')
    .filter({ has: page.getByTestId('stage-title').getByText(new RegExp(`^\\d+\\. ${name}$`)) });

/** The stage panel at a place of the list (stays the same panel while its stage is renamed). */
const stageAt = (page: Page, index: number) =>
  page.getByTestId('pipeline-form').locator('.stage-item').nth(index);

/** Opens a stage's panel (a click on its header, unless a refused save opened it already) and answers it. */
async function openStage(page: Page, name: string): Promise<Locator> {
  const panel = stagePanel(page, name);
  if (!(await panel.getAttribute('class'))?.includes('ant-collapse-item-active'))
    await panel.getByTestId('stage-title').click();
  await panel.getByTestId('stage-name').waitFor();
  // A click while the panel still slides open can miss its target.
  await expect
    .poll(() => panel.locator('[class*="motion"]').count(), { message: 'the panel settled' })
    .toBe(0);
  return panel;
}

async function confirmPopover(page: Page, ok: RegExp): Promise<void> {
  await page.locator('.ant-popconfirm').last().getByRole('button', { name: ok }).click();
}

describe.each([1440, 390])('at %i px', (width) => {
  // Each width renames its own stage and adds its own item, so the two runs don't meet.
  const renamed = width === 1440 ? ['需求调研', '需求调研与现场勘察'] : ['方案设计', '方案设计与评审'];
  const item = `样机已通过客户验收（${width}）`;

  it('an admin adds a checklist item to 报价, renames a stage, then creates and deletes 服务续约', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'pipeline-settings', width);

    await login(page, suite.server.baseUrl, admin.email, admin.password);
    const table = await openPipelines(page, /销售流程$/);
    await row(page, '通用销售流程').getByText('默认').waitFor();
    await table.getByText(manufacturing).waitFor();
    await page.mouse.move(0, 0);
    await shot('list', 'zh-CN');

    const before = (await pipelineNamed(manufacturing))!;
    await row(page, manufacturing).getByTestId('edit-pipeline').click();
    const form = page.getByTestId('pipeline-form');
    await form.getByTestId('pipeline-name').waitFor();
    const quote = await openStage(page, '报价');
    const items = quote.getByTestId('gate-checklist-label');
    const itemCount = await items.count();
    await quote.getByTestId('add-gate-checklist').click();
    await expect.poll(() => items.count(), { message: 'a new checklist row' }).toBe(itemCount + 1);
    await quote.getByTestId('gate-checklist-label').last().fill(item);
    const stage = await openStage(page, renamed[0]!);
    await stage.getByTestId('stage-name').fill(renamed[1]!);
    await stagePanel(page, renamed[1]!).waitFor();
    await shot('editor', 'zh-CN');
    await page.getByTestId('pipeline-form-submit').click();
    await page.getByText('销售流程已保存').waitFor();
    await form.waitFor({ state: 'detached' });

    const after = (await pipelineNamed(manufacturing))!;
    expect(after.version, 'one update').toBe(before.version + 1);
    expect(
      after.stages.map((s) => s.id),
      'every stage kept, in its place',
    ).toEqual(before.stages.map((s) => s.id));
    expect(stageNamed(after, renamed[1]!)?.id, 'the renamed stage keeps its id').toBe(
      stageNamed(before, renamed[0]!)?.id,
    );
    const checklist = stageNamed(after, '报价')!.gates.checklist;
    expect(checklist.at(-1)?.label).toBe(item);
    expect(checklist.at(-1)?.id, 'an id made up for the new item').toMatch(/^[a-z0-9-]{1,33}-[a-z0-9]{6}$/);
    expect(
      stageNamed(after, '合同签订')!.gates.checklist.map((c) => c.id),
      'other items keep their ids',
    ).toEqual(['terms', 'tech']);

    // The default and a pipeline with deals cannot go: the server's own refusals are shown.
    await row(page, '通用销售流程').getByTestId('delete-pipeline').click();
    await confirmPopover(page, /确\s*定/);
    await page.getByText('至少需要一个默认销售流程').waitFor();
    await row(page, manufacturing).getByTestId('delete-pipeline').click();
    await confirmPopover(page, /确\s*定/);
    await page.getByText('该销售流程中还有商机，不能删除').waitFor();

    // 新建: three stages, refused while two share a name.
    await page.getByTestId('create-pipeline').click();
    await form.getByTestId('pipeline-name').fill('服务续约');
    await openStage(page, '初步接洽');
    const first = stageAt(page, 0);
    await first.getByTestId('stage-name').fill('赢单');
    await page.getByTestId('pipeline-form-submit').click();
    await form.getByText('阶段名称不能重复').first().waitFor();
    await first.getByTestId('stage-name').fill('续约洽谈');
    await first.locator('input[id$="_probability"]').fill('40');
    await first.locator('input[id$="_cadenceDays"]').fill('7');
    await first.getByTestId('gate-follow-up').click();
    await openStage(page, '赢单');
    const won = stageAt(page, 1);
    await won.getByTestId('stage-name').fill('已续约');
    // A pipeline needs a won stage.
    await chooseOption(page, won.getByTestId('stage-category'), '承诺');
    await page.getByTestId('pipeline-form-submit').click();
    await form.getByText('至少需要一个赢单阶段').waitFor();
    await chooseOption(page, won.getByTestId('stage-category'), '赢单');
    await openStage(page, '输单');
    const lost = stageAt(page, 2);
    await lost.getByTestId('stage-name').fill('未续约');
    await shot('create', 'zh-CN');
    await page.getByTestId('pipeline-form-submit').click();
    await page.getByText('销售流程已创建').waitFor();
    await row(page, '服务续约').waitFor();
    const created = await pipelineNamed('服务续约');
    expect(
      created?.stages.map((s) => [s.name, s.category, s.probability]),
      'the new pipeline’s stages',
    ).toEqual([
      ['续约洽谈', 'pipeline', 40],
      ['已续约', 'closed_won', 100],
      ['未续约', 'closed_lost', 0],
    ]);
    expect(created?.stages[0]).toMatchObject({ cadenceDays: 7, gates: { followUp: true } });

    await row(page, '服务续约').getByTestId('delete-pipeline').click();
    await confirmPopover(page, /确\s*定/);
    await page.getByText('销售流程已删除').waitFor();
    await row(page, '服务续约').waitFor({ state: 'detached' });
    expect(await pipelineNamed('服务续约'), 'deleted').toBeUndefined();
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });

  it('removing a stage that holds deals asks where they go, and moves them', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'pipeline-move', width);
    await login(page, suite.server.baseUrl, admin.email, admin.password);

    // A pipeline of the test's own with one deal in the stage to remove.
    const name = `续约演示 ${width}`;
    const made = await send<ApiPipeline>(page, 'POST', '/pipelines', {
      name,
      stages: [
        { name: '续约洽谈', probability: 30, category: 'pipeline' },
        { name: '报价确认', probability: 60, category: 'best_case' },
        { name: '已续约', probability: 100, category: 'closed_won' },
        { name: '未续约', probability: 0, category: 'closed_lost' },
      ],
    });
    expect(made.status).toBe(201);
    const customer = (await suite.asAdmin<{ data: { id: string }[] }>('/customers?limit=1')).data[0]!;
    const deal = await send<{ id: string }>(page, 'POST', '/opportunities', {
      name: `年度维保续约 ${width}`,
      customerId: customer.id,
      amount: 1_200_000,
      pipelineId: made.body.id,
      stageId: stageNamed(made.body, '报价确认')!.id,
    });
    expect(deal.status).toBe(201);

    // The demo pipeline's first stage holds deals: the dialog asks, and 取消 leaves it as it was.
    const demo = (await pipelineNamed(manufacturing))!;
    const busy = demo.stages[0]!;
    const inBusy = await suite.asAdmin<{ totalCount: number }>(
      `/opportunities?pipelineId=${demo.id}&stageId=${busy.id}&limit=1`,
    );
    expect(inBusy.totalCount, `the demo has deals in ${busy.name}`).toBeGreaterThan(0);
    await openPipelines(page, /销售流程$/);
    await row(page, manufacturing).getByTestId('edit-pipeline').click();
    await stagePanel(page, busy.name).getByTestId('stage-remove').click();
    await stagePanel(page, busy.name).waitFor({ state: 'detached' });
    await page.getByTestId('pipeline-form-submit').click();
    const dialog = page.getByTestId('move-deals-modal');
    await dialog.getByText(busy.name, { exact: true }).waitFor();
    await dialog.getByText(`${inBusy.totalCount} 个商机`).waitFor();
    await shot('dialog', 'zh-CN');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('.ant-drawer-footer')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.getByTestId('pipeline-form').waitFor({ state: 'detached' });
    expect((await pipelineNamed(manufacturing))?.version, 'the demo pipeline unchanged').toBe(demo.version);

    // On the own pipeline: 报价确认 goes, its deal moves to 续约洽谈; 未续约 moves up a place.
    await row(page, name).getByTestId('edit-pipeline').click();
    await stagePanel(page, '报价确认').getByTestId('stage-remove').click();
    await stagePanel(page, '未续约').getByTestId('stage-up').click();
    await stagePanel(page, '未续约').getByTestId('stage-title').getByText('2. 未续约').waitFor();
    await page.getByTestId('pipeline-form-submit').click();
    await dialog.getByText('1 个商机').waitFor();
    await page.getByTestId('move-deals-submit').click();
    await dialog.getByText('请选择商机要移到的阶段').waitFor();
    await chooseOption(page, dialog.getByTestId('move-deals-target'), '续约洽谈');
    await page.getByTestId('move-deals-submit').click();
    await page.getByText('销售流程已保存').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const saved = (await pipelineNamed(name))!;
    expect(saved.stages.map((s) => s.name)).toEqual(['续约洽谈', '未续约', '已续约']);
    const moved = await suite.asAdmin<{ stageId: string; stageName: string }>(
      `/opportunities/${deal.body.id}`,
    );
    expect(moved.stageId, 'the deal moved to the kept stage').toBe(stageNamed(saved, '续约洽谈')!.id);

    // Someone else saves meanwhile: the save is refused, said, and the stored version shown to edit again.
    await row(page, name).getByTestId('edit-pipeline').click();
    await page.getByTestId('pipeline-name').waitFor();
    const theirs = await send<ApiPipeline>(
      page,
      'PATCH',
      `/pipelines/${saved.id}`,
      { description: '续约商机专用' },
      saved.version,
    );
    expect(theirs.status).toBe(200);
    await page.getByTestId('pipeline-name').fill(`${name}（改）`);
    await page.getByTestId('pipeline-form-submit').click();
    await page.getByText('记录已被他人修改，已加载最新内容，请核对后重新提交').waitFor();
    const description = page.getByTestId('pipeline-form').locator('#description');
    await expect
      .poll(() => description.inputValue(), { message: 'their description shown' })
      .toBe('续约商机专用');
    expect(await page.getByTestId('pipeline-name').inputValue(), 'the stored name again').toBe(name);
    await page
      .locator('.ant-drawer-footer')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.getByTestId('pipeline-form').waitFor({ state: 'detached' });
    expect((await pipelineNamed(name))?.version, 'only their change').toBe(theirs.body.version);

    // 设为默认 moves the default tag; the general pipeline takes it back.
    await row(page, name).getByTestId('default-pipeline').click();
    await page.getByText(`「${name}」已设为默认销售流程`).waitFor();
    expect(
      (await pipelines()).filter((p) => p.isDefault).map((p) => p.name),
      'one default',
    ).toEqual([name]);
    await row(page, '通用销售流程').getByTestId('default-pipeline').click();
    await page.getByText('「通用销售流程」已设为默认销售流程').waitFor();
    await row(page, '通用销售流程').getByText('默认').waitFor();
    expect((await pipelineNamed('通用销售流程'))?.isDefault).toBe(true);

    // The same screens in English.
    await switchLanguage(page, 'English');
    await openPipelines(page, /Pipelines$/);
    await row(page, '通用销售流程').getByText('Default').waitFor();
    await awaitToastsGone(page);
    await shot('list', 'en');
    await row(page, manufacturing).getByTestId('edit-pipeline').click();
    const quote = await openStage(page, '报价');
    await quote.getByText('Stage requirements').waitFor();
    await shot('editor', 'en');
    await stagePanel(page, busy.name).getByTestId('stage-remove').click();
    await page.getByTestId('pipeline-form-submit').click();
    await dialog.getByText(`deals: ${inBusy.totalCount}`).waitFor();
    await shot('dialog', 'en');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /Cancel/ })
      .click();
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('pipeline-form').waitFor({ state: 'detached' });
    await switchLanguage(page, '中文');
    await logout(page);

    if (isPhone(width)) expect(overflow, 'screens wider than the phone').toEqual([]);
    expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  });
});
