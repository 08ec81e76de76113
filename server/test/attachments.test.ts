import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveAttachments } from '../src/modules/attachments/attachments.service.js';
import type { LocalStorage } from '../src/platform/storage/index.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp, withDemoOrg } from '../src/testing/harness.js';
import { expectProblem, loginAdmin, loginDemo, makeOrg } from './helpers.js';
import { fileTo, type Part, pdf, upload } from './uploads.js';

type Attachment = { id: string; fileName: string; size: number; sha256: string; contentType: string };

describe.each(testDialects)('attachments on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋, 上海一组 (sales_rep, own customers)
  let otherRep: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区 (department tree)
  let finance: Client; // 林晓燕, reads every customer
  let admin: Client;
  let customer: string;
  let theirCustomer: string;

  const filesInStorage = () => {
    const root = (t.ctx.storage as LocalStorage).root;
    if (!fs.existsSync(root)) return 0;
    return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  };
  const rows = async () => (await t.ctx.db.selectFrom('attachments').select('id').execute()).length;
  /** Runs a request that must fail with status/code, and proves no row and no file was kept. */
  const refused = async (status: number, code: string, send: () => Promise<LightMyRequestResponse>) => {
    const [r0, f0] = [await rows(), filesInStorage()];
    const res = await send();
    const body = expectProblem(res, status, code);
    expect(await rows(), 'no attachment row kept').toBe(r0);
    expect(filesInStorage(), 'no file kept in storage (nor a temp file)').toBe(f0);
    return body;
  };
  const uploaded = async (c: Client, parts: Part[]) => {
    const res = await upload(c, parts);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Attachment;
  };
  const makeCustomer = async (c: Client, name: string) => {
    const res = await c({ method: 'POST', url: '/api/v1/customers', body: { name } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
    finance = await loginDemo(t, 'lin.xiaoyan');
    admin = await loginAdmin(t);
    customer = await makeCustomer(rep, '上海启明精密机械有限公司');
    theirCustomer = await makeCustomer(otherRep, '广州嘉禾商贸有限公司');
  });
  afterAll(() => t.close());

  it('stores a rep’s PDF under a generated key and lists it with its uploader', async () => {
    const bytes = pdf();
    const a = await uploaded(
      rep,
      fileTo('customer', customer, '需求确认单（盖章）.pdf', bytes, 'requirements_signed'),
    );
    expect(a).toMatchObject({
      object: 'customer',
      recordId: customer,
      kind: 'requirements_signed',
      fileName: '需求确认单（盖章）.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdBy: rep.userId,
      createdByName: '刘洋',
      canDelete: true,
    });
    const row = await t.ctx.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.storageKey).toMatch(/^attachments\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(row.storageKey, 'the user’s file name never reaches a path').not.toContain('需求');
    expect(await t.ctx.storage.exists(row.storageKey)).toBe(true);

    const list = (await rep({ url: `/api/v1/attachments?object=customer&recordId=${customer}` })).json();
    expect(list.data.map((x: Attachment) => x.id)).toContain(a.id);
    expect(list.data[0]).not.toHaveProperty('storageKey');
    expect(list).toMatchObject({ canUpload: true, maxBytes: 20 * 1024 * 1024 });
    const signed = await rep({
      url: `/api/v1/attachments?object=customer&recordId=${customer}&kind=requirements_signed`,
    });
    expect(signed.json().data.map((x: Attachment) => x.id)).toEqual([a.id]);
  });

  it('sends a download as an attachment with the Chinese name encoded, nosniff and a sandbox', async () => {
    const bytes = pdf('合同');
    const a = await uploaded(rep, fileTo('customer', customer, '合同 2026(v2);final.pdf', bytes));
    const res = await rep({ url: `/api/v1/attachments/${a.id}/download` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('合同 2026(v2);final.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(disposition).toContain('filename="__ 2026(v2)_final.pdf"');
  });

  it('never serves HTML, SVG, XML or JavaScript-like files as themselves', async () => {
    for (const [name, content] of [
      ['页面.html', '<html><script>alert(1)</script></html>'],
      ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['data.xml', '<?xml version="1.0"?><a/>'],
      ['noext', 'plain bytes'],
    ] as const) {
      const a = await uploaded(rep, fileTo('customer', customer, name, Buffer.from(content)));
      expect(a.contentType).toBe('application/octet-stream');
      const res = await rep({ url: `/api/v1/attachments/${a.id}/download` });
      expect(res.headers['content-type'], name).toBe('application/octet-stream');
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps only the last segment of a file name and strips control and direction characters', async () => {
    const a = await uploaded(
      rep,
      fileTo('customer', customer, '..\\..\\etc/报\u202Efdp.exe\u0007.pdf', pdf()),
    );
    expect(a.fileName).toBe('报fdp.exe.pdf');
    const long = await uploaded(rep, fileTo('customer', customer, `${'长'.repeat(400)}.docx`, pdf()));
    expect([...long.fileName].length).toBe(200);
    expect(long.fileName.endsWith('.docx')).toBe(true);
  });

  it('puts uploads and deletions on the customer’s timeline', async () => {
    const a = await uploaded(
      rep,
      fileTo('customer', customer, '营业执照.jpg', Buffer.from([0xff, 0xd8, 0xff, 1])),
    );
    expect((await rep({ method: 'DELETE', url: `/api/v1/attachments/${a.id}` })).statusCode).toBe(204);
    const timeline = (await rep({ url: `/api/v1/timeline/customer/${customer}?limit=200` })).json();
    const mine = timeline.data.filter((e: { recordId: string }) => e.recordId === a.id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
    expect(mine[1]).toMatchObject({
      object: 'attachment',
      actorName: '刘洋',
      after: { fileName: '营业执照.jpg' },
    });
    expect(mine[0].before).toMatchObject({ fileName: '营业执照.jpg', recordId: customer });
    const other = (await otherRep({ url: `/api/v1/timeline/customer/${theirCustomer}` })).json();
    expect(other.data.some((e: { object: string }) => e.object === 'attachment')).toBe(false);
  });

  it('lets the manager and finance read the rep’s files; finance may not add or delete', async () => {
    const a = await uploaded(
      rep,
      fileTo('customer', customer, '对账单.xlsx', Buffer.from('PK\u0003\u0004data')),
    );
    for (const reader of [manager, finance]) {
      const list = await reader({ url: `/api/v1/attachments?object=customer&recordId=${customer}` });
      expect(list.statusCode).toBe(200);
      expect(list.json().data.find((x: Attachment) => x.id === a.id)).toMatchObject({
        fileName: '对账单.xlsx',
      });
      expect((await reader({ url: `/api/v1/attachments/${a.id}/download` })).statusCode).toBe(200);
    }
    const list = (await finance({ url: `/api/v1/attachments?object=customer&recordId=${customer}` })).json();
    expect(list.data[0].canDelete).toBe(false);
    expect(list.canUpload).toBe(false);
    await refused(403, 'forbidden', () => upload(finance, fileTo('customer', customer, 'x.pdf', pdf())));
    expectProblem(await finance({ method: 'DELETE', url: `/api/v1/attachments/${a.id}` }), 403, 'forbidden');
    expect((await rep({ url: `/api/v1/attachments/${a.id}/download` })).statusCode).toBe(200);
  });

  it('hides another team’s customer files from a rep: list, download and delete answer 404', async () => {
    const theirs = await uploaded(otherRep, fileTo('customer', theirCustomer, '嘉禾合同.pdf', pdf()));
    expectProblem(
      await rep({ url: `/api/v1/attachments?object=customer&recordId=${theirCustomer}` }),
      404,
      'not_found',
    );
    expectProblem(await rep({ url: `/api/v1/attachments/${theirs.id}/download` }), 404, 'not_found');
    expectProblem(await rep({ method: 'DELETE', url: `/api/v1/attachments/${theirs.id}` }), 404, 'not_found');
    await refused(404, 'not_found', () => upload(rep, fileTo('customer', theirCustomer, 'x.pdf', pdf())));
    expect((await otherRep({ url: `/api/v1/attachments/${theirs.id}/download` })).statusCode).toBe(200);
  });

  it('follows collaborators (联合跟进人): a read share downloads, a write share also uploads and deletes', async () => {
    const shared = await makeCustomer(rep, '合作跟进的客户有限公司');
    const a = await uploaded(rep, fileTo('customer', shared, '共享资料.pdf', pdf()));
    const url = `/api/v1/attachments?object=customer&recordId=${shared}`;
    expectProblem(await otherRep({ url }), 404, 'not_found');
    const share = async (level: 'read' | 'write') => {
      const res = await rep({
        method: 'PUT',
        url: `/api/v1/customers/${shared}/collaborators`,
        body: { collaborators: [{ userId: otherRep.userId, level }] },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await share('read');
    expect((await otherRep({ url })).json()).toMatchObject({ canUpload: false });
    expect((await otherRep({ url: `/api/v1/attachments/${a.id}/download` })).statusCode).toBe(200);
    await refused(403, 'forbidden', () => upload(otherRep, fileTo('customer', shared, 'x.pdf', pdf())));
    expectProblem(await otherRep({ method: 'DELETE', url: `/api/v1/attachments/${a.id}` }), 403, 'forbidden');
    await share('write');
    const theirs = await uploaded(otherRep, fileTo('customer', shared, '补充资料.pdf', pdf()));
    expect((await otherRep({ method: 'DELETE', url: `/api/v1/attachments/${theirs.id}` })).statusCode).toBe(
      204,
    );
  });

  it('hides files from another org: its ids answer 404 and its records take no uploads', async () => {
    const a = await uploaded(rep, fileTo('customer', customer, '内部.pdf', pdf()));
    const other = await makeOrg(t, '别家公司');
    expectProblem(await other.admin({ url: `/api/v1/attachments/${a.id}/download` }), 404, 'not_found');
    expectProblem(
      await other.admin({ method: 'DELETE', url: `/api/v1/attachments/${a.id}` }),
      404,
      'not_found',
    );
    expectProblem(
      await other.admin({ url: `/api/v1/attachments?object=customer&recordId=${customer}` }),
      404,
      'not_found',
    );
    await refused(404, 'not_found', () => upload(other.admin, fileTo('customer', customer, 'x.pdf', pdf())));
    const foreign = await makeCustomer(other.admin, '别家客户有限公司');
    await refused(404, 'not_found', () => upload(admin, fileTo('customer', foreign, 'x.pdf', pdf())));
  });

  it('deletes softly: gone from the list and downloads, audited, kept in storage for the recycle bin', async () => {
    const a = await uploaded(rep, fileTo('customer', customer, '旧报价.pdf', pdf()));
    expect((await rep({ method: 'DELETE', url: `/api/v1/attachments/${a.id}` })).statusCode).toBe(204);
    const list = (await rep({ url: `/api/v1/attachments?object=customer&recordId=${customer}` })).json();
    expect(list.data.some((x: Attachment) => x.id === a.id)).toBe(false);
    expectProblem(await rep({ url: `/api/v1/attachments/${a.id}/download` }), 404, 'not_found');
    expectProblem(await rep({ method: 'DELETE', url: `/api/v1/attachments/${a.id}` }), 404, 'not_found');
    const row = await t.ctx.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.deletedAt).not.toBeNull();
    expect(await t.ctx.storage.exists(row.storageKey)).toBe(true);
  });

  it('moves a record’s files to another record (admin merge), audited on the new record’s timeline', async () => {
    const from = await makeCustomer(rep, '启明机械（重复录入）有限公司');
    const to = await makeCustomer(rep, '苏州启明自动化有限公司');
    const a = await uploaded(rep, fileTo('customer', from, '资质.pdf', pdf()));
    const moved = await t.ctx.db.transaction().execute((tx) =>
      moveAttachments(tx, {
        orgId: t.orgId,
        object: 'customer',
        fromId: from,
        toId: to,
        actorId: t.adminId,
        at: 1,
      }),
    );
    expect(moved).toBe(1);
    const onTo = (await rep({ url: `/api/v1/attachments?object=customer&recordId=${to}` })).json();
    expect(onTo.data.map((x: Attachment) => x.id)).toEqual([a.id]);
    const onFrom = (await rep({ url: `/api/v1/attachments?object=customer&recordId=${from}` })).json();
    expect(onFrom.data).toEqual([]);
    const timeline = (await rep({ url: `/api/v1/timeline/customer/${to}` })).json();
    expect(timeline.data[0]).toMatchObject({
      object: 'attachment',
      action: 'move',
      after: { fileName: '资质.pdf', recordId: to, fromRecordId: from },
    });
  });

  describe('bad input: a clear 4xx and nothing stored', () => {
    it('refuses a request without a file', async () => {
      const body = await refused(400, 'attachment_file_required', () =>
        upload(rep, [
          { name: 'object', value: 'customer' },
          { name: 'recordId', value: customer },
        ]),
      );
      expect(body.errors?.[0]?.path).toBe('body.file');
    });

    it('refuses two files in one request', async () => {
      await refused(400, 'attachment_one_file', () =>
        upload(rep, [
          ...fileTo('customer', customer, 'a.pdf', pdf()),
          { name: 'file', filename: 'b.pdf', content: pdf() },
        ]),
      );
    });

    it('refuses an empty file', async () => {
      await refused(422, 'attachment_empty', () =>
        upload(rep, fileTo('customer', customer, '空.pdf', Buffer.alloc(0))),
      );
    });

    it('refuses a file over the 20 MB attachment limit with 413', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
      const body = await refused(413, 'attachment_too_large', () =>
        upload(rep, fileTo('customer', customer, '大文件.pdf', big), { 'accept-language': 'en' }),
      );
      expect(body.title).toBe('The file may not be larger than 20 MB');
      const exact = await uploaded(rep, fileTo('customer', customer, '刚好.pdf', big.subarray(1)));
      expect(exact.size).toBe(20 * 1024 * 1024);
    });

    it('refuses programs by extension and by content, whatever they are called', async () => {
      const mz = Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(64)]);
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(64)]);
      for (const [name, content] of [
        ['发票.pdf', mz], // a Windows program renamed .pdf
        ['scan.jpg', elf],
        ['install.sh.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')],
        ['setup.exe', pdf()],
        ['报价.pdf.exe', pdf()],
        ['run.BAT', Buffer.from('echo hi')],
        ['a.js', Buffer.from('alert(1)')],
        ['app.apk', Buffer.from('PK\u0003\u0004')],
        ['tiny.pdf', Buffer.from('MZ')],
      ] as const) {
        await refused(422, 'attachment_type_refused', () =>
          upload(rep, fileTo('customer', customer, name, content)),
        );
      }
    });

    it('refuses an object that takes no attachments, and a malformed record id', async () => {
      await refused(422, 'attachment_object_unknown', () =>
        upload(rep, fileTo('user', rep.userId, 'x.pdf', pdf())),
      );
      await refused(422, 'attachment_object_unknown', () =>
        upload(rep, fileTo('nothing', customer, 'x.pdf', pdf())),
      );
      const body = await refused(400, 'validation_failed', () =>
        upload(rep, fileTo('customer', 'not-a-uuid', 'x.pdf', pdf())),
      );
      expect(body.errors?.[0]?.path).toBe('body.recordId');
      expectProblem(
        await rep({ url: `/api/v1/attachments?object=contact_x&recordId=${customer}` }),
        422,
        'attachment_object_unknown',
      );
      expectProblem(await rep({ url: '/api/v1/attachments?object=customer' }), 400, 'validation_failed');
    });

    it('refuses a deleted customer', async () => {
      const gone = await makeCustomer(rep, '已删除的客户有限公司');
      const del = await manager({
        method: 'DELETE',
        url: `/api/v1/customers/${gone}`,
        headers: { 'if-match': '1' },
      });
      expect(del.statusCode, del.body).toBe(204);
      await refused(404, 'not_found', () => upload(rep, fileTo('customer', gone, 'x.pdf', pdf())));
      expectProblem(
        await manager({ url: `/api/v1/attachments?object=customer&recordId=${gone}` }),
        404,
        'not_found',
      );
    });

    it('refuses wrong field names, fields after the file, and a body that is not multipart', async () => {
      let body = await refused(400, 'validation_failed', () =>
        upload(rep, [
          { name: 'object', value: 'customer' },
          { name: 'recordID', value: customer },
          { name: 'file', filename: 'x.pdf', content: pdf() },
        ]),
      );
      expect(body.errors?.map((e) => e.path)).toEqual(['body.recordID']);
      body = await refused(400, 'validation_failed', () =>
        upload(rep, [
          { name: 'object', value: 'customer' },
          { name: 'recordId', value: customer },
          { name: 'upload', filename: 'x.pdf', content: pdf() },
        ]),
      );
      expect(body.errors?.map((e) => e.path)).toEqual(['body.upload']);
      await refused(400, 'attachment_fields_first', () =>
        upload(rep, [
          { name: 'file', filename: 'x.pdf', content: pdf() },
          { name: 'object', value: 'customer' },
          { name: 'recordId', value: customer },
        ]),
      );
      await refused(400, 'attachment_fields_first', () =>
        upload(rep, [...fileTo('customer', customer, 'x.pdf', pdf()), { name: 'kind', value: 'late' }]),
      );
      await refused(400, 'validation_failed', () =>
        rep({ method: 'POST', url: '/api/v1/attachments', body: { object: 'customer', recordId: customer } }),
      );
      await refused(415, 'unsupported_media_type', () =>
        rep({
          method: 'POST',
          url: '/api/v1/attachments',
          body: pdf(),
          headers: { 'content-type': 'application/octet-stream' },
        }),
      );
    });

    it('refuses the 201st file on one record', async () => {
      const full = await makeCustomer(rep, '附件很多的客户有限公司');
      const now = t.clock.now();
      await t.ctx.db
        .insertInto('attachments')
        .values(
          Array.from({ length: 200 }, (_, i) => ({
            id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
            orgId: t.orgId,
            object: 'customer',
            recordId: full,
            kind: null,
            fileName: `f${i}.pdf`,
            contentType: 'application/pdf',
            size: 1,
            sha256: '0'.repeat(64),
            storageKey: `attachments/00/00/${String(i).padStart(32, '0')}`,
            createdBy: rep.userId,
            createdAt: now,
          })),
        )
        .execute();
      await refused(422, 'attachment_limit', () => upload(rep, fileTo('customer', full, 'x.pdf', pdf())));
    });
  });
});

describe('attachments under a small server upload cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('sqlite', { env: { CADENCE_MAX_UPLOAD_MB: '1' } });
    await withDemoOrg(t);
  });
  afterAll(() => t.close());

  it('answers 413 when the multipart parser cuts the file at CADENCE_MAX_UPLOAD_MB, keeping nothing', async () => {
    const rep = await loginDemo(t, 'liu.yang');
    const res = await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '上海小文件有限公司' } });
    const customer = (res.json() as { id: string }).id;
    const big = await upload(
      rep,
      fileTo('customer', customer, 'big.pdf', Buffer.alloc(1024 * 1024 + 10, 0x41)),
    );
    expectProblem(big, 413, 'attachment_too_large');
    expect(big.json().title).toBe('文件不能超过 1 MB');
    expect((await t.ctx.db.selectFrom('attachments').select('id').execute()).length).toBe(0);
    const root = (t.ctx.storage as LocalStorage).root;
    const files = fs.existsSync(root)
      ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      : [];
    expect(files.map((f) => path.join(f.parentPath, f.name))).toEqual([]);
  });
});
