import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, hour, loginDemo, unchangedBy } from './helpers.js';
import { upload } from './uploads.js';

type FollowUp = {
  id: string;
  durationMinutes: number | null;
  needs: string | null;
  nextStep: string | null;
  contacts: { id: string; name: string }[];
  checkIn: { status: string; lat?: number; receivedAt: number; late: boolean } | null;
};

// 跟进记录 in full (D4): customers and deals take follow-ups too, with duration, needs, next step,
// the contacts who took part and a visit's check-in, recorded as the browser reported it.
describe.each(testDialects)('follow-ups of customers and deals on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋
  let otherRep: Client; // 吴芳
  let customerId: string;
  let contactId: string;
  let theirContactId: string;

  const log = (c: Client, body: Record<string, unknown>) =>
    c({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: { method: 'phone', content: '沟通了二期需求', ...body },
    });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    customerId = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '昆山跟进测试电子有限公司' } })
    ).json().id;
    contactId = (
      await rep({
        method: 'POST',
        url: '/api/v1/contacts',
        body: { customerId, name: '周工', mobile: '13912340001' },
      })
    ).json().id;
    const theirs = (
      await otherRep({ method: 'POST', url: '/api/v1/customers', body: { name: '佛山别家五金有限公司' } })
    ).json().id;
    theirContactId = (
      await otherRep({
        method: 'POST',
        url: '/api/v1/contacts',
        body: { customerId: theirs, name: '何工', mobile: '13912340002' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('logs a visit on a customer with its details and check-in, and sets when it was last followed up', async () => {
    const now = t.clock.now();
    const res = await log(rep, {
      object: 'customer',
      recordId: customerId,
      method: 'visit',
      durationMinutes: 45,
      needs: '希望 3 月前完成产线改造',
      nextStep: '下周提交方案',
      contactIds: [contactId],
      checkIn: { status: 'located', lat: 31.3849, lng: 120.9807, accuracy: 35, at: now - 60_000 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      durationMinutes: 45,
      needs: '希望 3 月前完成产线改造',
      nextStep: '下周提交方案',
      contacts: [{ id: contactId, name: '周工' }],
      checkIn: { status: 'located', lat: 31.3849, accuracy: 35, receivedAt: now, late: false },
    });
    expect((await rep({ url: `/api/v1/customers/${customerId}` })).json().lastFollowUpAt).toBe(now);
    // A position taken an hour ago is kept, and marked late; a refused one is kept as refused.
    const stale = await log(rep, {
      object: 'customer',
      recordId: customerId,
      method: 'visit',
      checkIn: { status: 'located', lat: 31.38, lng: 120.98, accuracy: 20, at: now - hour },
    });
    expect(stale.json().checkIn).toMatchObject({ late: true });
    const denied = await log(rep, {
      object: 'customer',
      recordId: customerId,
      method: 'visit',
      checkIn: { status: 'denied' },
    });
    expect(denied.json().checkIn).toMatchObject({ status: 'denied', late: false });
    const list = (await rep({ url: `/api/v1/follow-ups?object=customer&recordId=${customerId}` })).json()
      .data as FollowUp[];
    expect(list).toHaveLength(3);
  });

  it('counts a follow-up on a deal as one on its customer, and shows it on the customer’s timeline', async () => {
    const deal = (
      await rep({
        method: 'POST',
        url: '/api/v1/opportunities',
        body: { name: '跟进商机', customerId, amount: 0 },
      })
    ).json();
    t.clock.advance(hour);
    rep = await loginDemo(t, 'liu.yang');
    const res = await log(rep, { object: 'opportunity', recordId: deal.id, contactIds: [contactId] });
    expect(res.statusCode, res.body).toBe(201);
    expect((await rep({ url: `/api/v1/customers/${customerId}` })).json().lastFollowUpAt).toBe(t.clock.now());
    const timeline = (await rep({ url: `/api/v1/timeline/customer/${customerId}?limit=100` })).json()
      .data as {
      object: string;
      recordId: string;
    }[];
    expect(timeline.some((e) => e.object === 'follow_up' && e.recordId === res.json().id)).toBe(true);
  });

  it('says how far from the customer a check-in was, once the customer’s place is known', async () => {
    const here = { status: 'located', lat: 31.2314, lng: 121.4737, accuracy: 20, at: t.clock.now() };
    const visit = async () =>
      (await log(rep, { object: 'customer', recordId: customerId, method: 'visit', checkIn: here })).json()
        .checkIn as { distance?: number };
    // Unknown yet: no distance, never a made-up one.
    expect(await visit()).not.toHaveProperty('distance');
    const before = (await rep({ url: `/api/v1/customers/${customerId}` })).json();
    await unchangedBy(t, async () =>
      expectProblem(
        await rep({
          method: 'PATCH',
          url: `/api/v1/customers/${customerId}`,
          headers: { 'if-match': String(before.version) },
          body: { location: { lat: 91, lng: 0 } },
        }),
        400,
        'validation_failed',
      ),
    );
    const placed = await rep({
      method: 'PATCH',
      url: `/api/v1/customers/${customerId}`,
      headers: { 'if-match': String(before.version) },
      body: { location: { lat: 31.2304, lng: 121.4737 } },
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json().location).toEqual({ lat: 31.2304, lng: 121.4737 });
    // 0.001° of latitude north of it: about 111 m.
    expect((await visit()).distance).toBe(111);
  });

  it('keeps a visit’s photos with the follow-up, as files of its record', async () => {
    const visit = (
      await log(rep, { object: 'customer', recordId: customerId, method: 'visit', content: '看了产线' })
    ).json();
    const photo = Buffer.from(
      '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2gAMAwEAAhEDEQA/AP8A/9k=',
      'base64',
    );
    const withPhoto = (c: Client, recordId: string, followUpId: string) =>
      upload(c, [
        { name: 'object', value: 'customer' },
        { name: 'recordId', value: recordId },
        { name: 'followUpId', value: followUpId },
        { name: 'file', filename: '产线.jpg', content: photo, type: 'image/jpeg' },
      ]);
    const res = await withPhoto(rep, customerId, visit.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ followUpId: visit.id, contentType: 'image/jpeg' });
    // Under the follow-up in its record's log, and among the record's files.
    const list = (await rep({ url: `/api/v1/follow-ups?object=customer&recordId=${customerId}` })).json()
      .data;
    expect(list.find((f: { id: string }) => f.id === visit.id).attachments).toEqual([
      { id: res.json().id, fileName: '产线.jpg', contentType: 'image/jpeg', size: photo.length },
    ]);
    const files = (
      await rep({ url: `/api/v1/attachments?object=customer&recordId=${customerId}&followUpId=${visit.id}` })
    ).json().data;
    expect(files.map((f: { fileName: string }) => f.fileName)).toEqual(['产线.jpg']);
    // A follow-up of another record (or none) is refused; someone else's record is not there at all.
    const other = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '常熟另一家纺织有限公司' } })
    ).json().id;
    await unchangedBy(t, async () => {
      const wrong = await withPhoto(rep, other, visit.id);
      expectProblem(wrong, 422, 'validation_failed');
      expect(wrong.json().errors[0]).toMatchObject({ path: 'body.followUpId', code: 'not_found' });
      expectProblem(await withPhoto(rep, customerId, 'nope'), 400, 'validation_failed');
      expectProblem(await withPhoto(otherRep, customerId, visit.id), 404, 'not_found');
    });
  });

  it('refuses bad follow-ups, changing nothing', async () => {
    const lead = (await rep({ method: 'POST', url: '/api/v1/leads', body: { name: '跟进线索' } })).json();
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [
        { object: 'customer', recordId: customerId, checkIn: { status: 'denied' } },
        422,
        'validation_failed',
        'check_in_visit_only',
      ],
      [
        {
          object: 'customer',
          recordId: customerId,
          method: 'visit',
          checkIn: { status: 'located', lat: 91, lng: 0, accuracy: 1, at: 1 },
        },
        400,
        'validation_failed',
      ],
      [
        { object: 'customer', recordId: customerId, method: 'visit', checkIn: { status: 'located' } },
        400,
        'validation_failed',
      ],
      [
        { object: 'customer', recordId: customerId, method: 'visit', checkIn: { status: 'spoofed' } },
        400,
        'validation_failed',
      ],
      [{ object: 'customer', recordId: customerId, durationMinutes: -5 }, 400, 'validation_failed'],
      [
        { object: 'customer', recordId: customerId, contactIds: [theirContactId] },
        422,
        'validation_failed',
        'not_found',
      ],
      [
        { object: 'customer', recordId: customerId, contactIds: [contactId, contactId] },
        422,
        'validation_failed',
        'duplicate_entry',
      ],
      [{ object: 'lead', recordId: lead.id, contactIds: [contactId] }, 422, 'validation_failed', 'not_found'],
      [{ object: 'customer', recordId: customerId, needs: 'x'.repeat(1001) }, 400, 'validation_failed'],
    ];
    for (const [body, status, code, errorCode] of cases) {
      const res = await unchangedBy(t, () => log(rep, body));
      expectProblem(res, status, code);
      if (errorCode) expect(res.json().errors.map((e: { code: string }) => e.code)).toContain(errorCode);
    }
    // Someone else's customer: as if it did not exist.
    expectProblem(
      await unchangedBy(t, () => log(otherRep, { object: 'customer', recordId: customerId })),
      404,
      'not_found',
    );
    expectProblem(
      await otherRep({ url: `/api/v1/follow-ups?object=customer&recordId=${customerId}` }),
      404,
      'not_found',
    );
  });
});
