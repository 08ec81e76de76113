import { describe, expect, it } from 'vitest';
import { apiSession } from './support/admin-api.js';
import { chooseOption, login, logout, switchLanguage } from './support/app.js';
import { download, pageErrors, settle, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// 仪表盘: each role opens its own dashboard on 业绩; 李明 copies his team's into one of his own, adds a
// chart, shares it with the managers, exports a widget, and deletes it; a bad setting is refused in
// his language and changes nothing. 刘洋 (a rep) opens hers and cannot change the org's.
const manager = { email: 'li.ming@demo.cadence', password: 'Cadence@2026' };
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };

type Dashboard = {
  id: string;
  name: string;
  widgets: { type: string }[];
  sharedRoles: string[];
  isDefault: boolean;
  filters: { pipelineId?: string };
};

const suite = browserSuite();

describe('仪表盘', () => {
  for (const width of [1440, 390]) {
    it(`李明 at ${width} px: copies his team's dashboard, adds bars, shares, exports and deletes it`, async () => {
      const { page, context } = suite.browser;
      const base = suite.server.baseUrl;
      await context.clearCookies();
      const asManager = await apiSession(base, manager.email, manager.password);
      const listed = async () => (await asManager<{ data: Dashboard[] }>('GET', '/dashboards')).body.data;
      const before = await listed();
      const team = before.find((d) => d.isDefault)!;
      expect(team.name).toBe('团队业绩');
      await setWidth(page, width);
      const { shot, overflow } = screens(page, 'dashboards', width);
      await login(page, base, manager.email, manager.password);
      await page.goto(`${base}/performance`);
      await page.getByTestId('dashboard-picker').getByText('团队业绩').waitFor();
      // The org's dashboard is the administrators' to change: he may copy it, not edit it.
      expect(await page.getByTestId('dashboard-edit').count()).toBe(0);

      await page.getByTestId('dashboard-copy').click();
      const name = page.getByTestId('dashboard-name');
      await expect.poll(() => name.inputValue()).toBe('团队业绩（副本）');
      await name.fill(`华东看板 ${width}`);
      await page.getByTestId('widget-add').click();
      await page.getByRole('menuitem', { name: '分组柱状图' }).click();
      const configs = page.getByTestId('widget-config');
      await expect.poll(() => configs.count()).toBe(team.widgets.length + 1);
      await chooseOption(page, configs.last().getByTestId('widget-group-by'), '销售');
      // Dragged by its handle onto the card above, the new widget takes that card's place.
      const above = configs.nth(team.widgets.length - 1);
      const handle = configs.last().getByTestId('widget-drag');
      await handle.scrollIntoViewIfNeeded();
      const from = (await handle.boundingBox())!;
      const to = (await above.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      // The card's wrapper moves with the pointer once dragged, and outlines the card it would take the place of.
      const wrapperStyle = (card: typeof above) =>
        card.evaluate((el) => el.parentElement?.getAttribute('style') ?? '');
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 4 });
      await expect.poll(() => wrapperStyle(configs.last())).toContain('translate3d');
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await expect.poll(() => wrapperStyle(above)).toContain('dashed');
      await page.mouse.up();
      await expect.poll(() => above.getByText('分组柱状图').count()).toBe(1);
      await chooseOption(page, page.getByTestId('dashboard-share'), '销售经理');
      // It opens on the manufacturing pipeline.
      await chooseOption(page, page.getByTestId('dashboard-default-pipeline'), '制造业项目流程');
      await settle(page);
      await shot('editor', 'zh-CN');
      await page.getByTestId('dashboard-save').click();
      await page.waitForURL(/\/performance\?d=[0-9a-f-]+$/);
      const mine = (await listed()).find((d) => d.name === `华东看板 ${width}`)!;
      const types = team.widgets.map((w) => w.type);
      expect(mine.widgets.map((w) => w.type)).toEqual([...types.slice(0, -1), 'bars', ...types.slice(-1)]);
      expect(mine.sharedRoles).toEqual(['sales_manager']);
      const pipelines = (await asManager<{ data: { id: string; name: string }[] }>('GET', '/pipelines')).body
        .data;
      expect(mine.filters.pipelineId).toBe(pipelines.find((p) => p.name === '制造业项目流程')!.id);
      await page.getByTestId('dashboard-pipeline').getByText('制造业项目流程').waitFor();
      // Cleared by the reader, it shows every pipeline, and the address says so.
      await page.getByTestId('dashboard-pipeline').hover();
      await page.getByTestId('dashboard-pipeline').locator('.ant-select-clear').click();
      await page.waitForURL(/pipeline=all/);
      await page.getByTestId('dashboard-pipeline').getByText('全部销售流程').waitFor();
      await page.getByTestId('widget-bars').locator('canvas').first().waitFor();
      await page.getByTestId('dashboard-edit').waitFor();

      // 导出: the leaderboard's figures as a sheet named after it.
      const file = await download(page, () =>
        page.getByTestId('widget-leaderboard').getByTestId('widget-export').click(),
      );
      expect(file.name).toBe('赢单排行.xlsx');
      expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
      await settle(page);
      await shot('copy', 'zh-CN');

      // A nameless dashboard is refused in his language, and the saved one stays as it was.
      await page.getByTestId('dashboard-edit').click();
      await name.fill('');
      await page.getByTestId('dashboard-save').click();
      await page.locator('.ant-drawer .ant-alert-error, .ant-message-error').first().waitFor();
      await page.keyboard.press('Escape');
      expect((await listed()).find((d) => d.id === mine.id)?.name).toBe(`华东看板 ${width}`);

      await switchLanguage(page, 'English');
      await page.getByTestId('widget-leaderboard').getByText('Top reps by won amount').waitFor();
      await settle(page);
      await shot('copy', 'en');
      await page.getByTestId('dashboard-edit').click();
      await page.getByTestId('widget-config').first().getByText('Won amount').first().waitFor();
      await settle(page);
      await shot('editor', 'en');
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
      await switchLanguage(page, '中文');

      await page.getByTestId('dashboard-delete').click();
      await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
      await page.getByTestId('dashboard-picker').getByText('团队业绩').waitFor();
      expect((await listed()).map((d) => d.id)).not.toContain(mine.id);
      expect(pageErrors(page)).toEqual([]);
      expect(overflow, 'nothing sticks out of a phone screen').toEqual([]);
    });
  }

  it('刘洋 opens her own dashboard: her funnel and stage conversion, nobody else’s deals', async () => {
    const { page } = suite.browser;
    const base = suite.server.baseUrl;
    await logout(page);
    const asRep = await apiSession(base, rep.email, rep.password);
    const own = (await asRep<{ data: Dashboard[] }>('GET', '/dashboards')).body.data;
    expect(own.find((d) => d.isDefault)?.name).toBe('我的业绩');
    expect(own.map((d) => d.name)).not.toContain('公司业绩');
    for (const width of [1440, 390]) {
      await setWidth(page, width);
      const { shot, overflow } = screens(page, 'dashboards-rep', width);
      await login(page, base, rep.email, rep.password);
      await page.goto(`${base}/performance?period=this_year`);
      await page.getByTestId('dashboard-picker').getByText('我的业绩').waitFor();
      await page.getByTestId('widget-funnel').locator('canvas').first().waitFor();
      await page.getByTestId('widget-stage_conversion').locator('canvas').first().waitFor();
      expect(await page.getByTestId('dashboard-edit').count()).toBe(0);
      expect(await page.getByTestId('dashboard-department').count(), 'a rep sees only her own').toBe(0);
      await settle(page);
      await shot('year', 'zh-CN');
      await switchLanguage(page, 'English');
      await page.getByTestId('dashboard-picker').getByText('My performance').waitFor();
      await page.getByTestId('widget-funnel').locator('canvas').first().waitFor();
      await settle(page);
      await shot('year', 'en');
      await switchLanguage(page, '中文');
      expect(overflow, 'nothing sticks out of a phone screen').toEqual([]);
      await logout(page);
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
