import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, switchLanguage } from './support/app.js';
import { pageErrors, setWidth } from './support/browser.js';
import { browserSuite, screens } from './support/suite.js';

// A sales rep's 附件 on the customer 360 page: upload a PDF, see it listed and on the timeline,
// download it (headers checked), have an executable refused, delete it — at desktop and phone width.
const rep = { email: 'liu.yang@demo.cadence', password: 'Cadence@2026' };
type ApiCustomer = { id: string; name: string };
type ApiAttachment = { id: string; fileName: string; size: number };

const suite = browserSuite();

const pdf = (label: string) =>
  Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, 'utf8');

async function chooseFile(page: Page, name: string, buffer: Buffer, mimeType = 'application/pdf') {
  await page
    .getByTestId('attachments-panel')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType, buffer });
}

async function openTab(page: Page, label: RegExp) {
  await page.getByRole('tab', { name: label }).click();
}

describe.each([1440, 390])('at %i px', (width) => {
  it('a rep uploads a PDF to their customer, downloads it, sees it on the timeline and deletes it', async () => {
    const { page, context } = suite.browser;
    await context.clearCookies();
    await setWidth(page, width);
    const { shot, overflow } = screens(page, 'attachments', width);

    const users = await suite.asAdmin<{ data: { id: string }[] }>(
      `/users?q=${encodeURIComponent(rep.email)}`,
    );
    const mine = await suite.asAdmin<{ data: ApiCustomer[] }>(`/customers?ownerId=${users.data[0]?.id}`);
    const target = mine.data[width === 1440 ? 2 : 3] as ApiCustomer;

    await login(page, suite.server.baseUrl, rep.email, rep.password);
    await page.goto(`${suite.server.baseUrl}/customers/${target.id}`);
    await page.getByTestId('customer-profile').waitFor();
    await openTab(page, /^附件$/);
    const panel = page.getByTestId('attachments-panel');
    await panel.getByText('暂无附件').waitFor();
    await shot('empty', 'zh-CN');

    // Upload: the panel lists it with its size and uploader.
    const fileName = `需求确认单（盖章版）-${width}.pdf`;
    const bytes = pdf(`${width}`);
    await chooseFile(page, fileName, bytes);
    await page.getByText(`已上传 ${fileName}`).waitFor();
    const row = panel.getByTestId('attachment-row').filter({ hasText: fileName });
    await row.waitFor();
    await row.getByText(/刘洋 上传/).waitFor();
    await row.getByText(`${bytes.length} B`).waitFor();
    await shot('list', 'zh-CN');

    // Download as the rep (the browser's session): an attachment with the Chinese name, never sniffed.
    const listed = await suite.asAdmin<{ data: ApiAttachment[] }>(
      `/attachments?object=customer&recordId=${target.id}`,
    );
    const saved = listed.data.find((a) => a.fileName === fileName) as ApiAttachment;
    expect(saved, 'the upload is stored').toBeTruthy();
    const href = await row.getByTestId('attachment-name').getAttribute('href');
    expect(href).toBe(`/api/v1/attachments/${saved.id}/download`);
    const download = await page.request.get(`${suite.server.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    const headers = download.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toMatch(/^sandbox/);
    expect(headers['content-disposition']).toMatch(/^attachment; /);
    expect(headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(fileName).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);

    // A program renamed .pdf is refused with the server's reason; nothing new is listed.
    await chooseFile(page, `发票-${width}.pdf`, Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(64)]));
    await page.getByText(/不能上传可执行文件或脚本/).waitFor();
    expect(await panel.getByTestId('attachment-row').count()).toBe(1);

    // The timeline says who uploaded what.
    await openTab(page, /^操作日志$/);
    await page.getByTestId('customer-timeline').getByText(`上传了附件 ${fileName}`).waitFor();
    await shot('timeline', 'zh-CN');

    // Delete with a confirmation; the list empties and the timeline records it.
    await openTab(page, /^附件$/);
    await row.getByTestId('delete-attachment').click();
    await page.locator('.ant-modal-confirm-title', { hasText: `删除附件“${fileName}”？` }).waitFor();
    await shot('delete-confirm', 'zh-CN');
    await page.locator('.ant-modal-confirm-btns .ant-btn-dangerous').click();
    await page.getByText('附件已删除').waitFor();
    await panel.getByText('暂无附件').waitFor();
    expect((await page.request.get(`${suite.server.baseUrl}${href}`)).status()).toBe(404);
    await openTab(page, /^操作日志$/);
    await page.getByTestId('customer-timeline').getByText(`删除了附件 ${fileName}`).waitFor();

    // English: the same screens.
    await switchLanguage(page, 'English');
    await openTab(page, /^Attachments$|^Files$/);
    await panel.getByText('No attachments yet').waitFor();
    await shot('empty', 'en');
    const enName = `Signed requirements ${width}.pdf`;
    await chooseFile(page, enName, pdf('en'));
    await page.getByText(`Uploaded ${enName}`).waitFor();
    await panel.getByText(/uploaded by 刘洋/).waitFor();
    await shot('list', 'en');
    await openTab(page, /^Activity log$|^Log$|^History$/);
    await page.getByTestId('customer-timeline').getByText(`uploaded the attachment ${enName}`).waitFor();
    await shot('timeline', 'en');
    await switchLanguage(page, '中文');

    expect(overflow, 'nothing sticks out of the page').toEqual([]);
    expect(pageErrors(page), 'no uncaught errors in the page').toEqual([]);
  });
});
