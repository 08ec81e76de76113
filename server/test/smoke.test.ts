import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { makeTestApp, type TestApp, withDemoOrg } from '../src/testing/harness.js';

describe.each(testDialects)('platform smoke on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
  });
  afterAll(() => t.close());

  it('lets the admin sign in and create a department under the root', async () => {
    const admin = await t.login('admin@test.cadence');
    const res = await admin({
      method: 'POST',
      url: '/api/v1/departments',
      body: { name: '西南大区', parentId: t.rootDepartmentId },
    });
    expect(res.statusCode, res.body).toBe(201);
    const timeline = await admin({ url: `/api/v1/timeline/department/${res.json().id}` });
    expect(timeline.json().data[0]).toMatchObject({ action: 'create', after: { name: '西南大区' } });
  });

  it('counts every page of a filtered list, not just the first', async () => {
    const admin = await t.login('admin@test.cadence');
    const res = await admin({ url: '/api/v1/users?limit=5&role=sales_rep' });
    expect(res.json().data).toHaveLength(5);
    expect(res.json().nextCursor).not.toBeNull();
    expect(res.json().totalCount).toBe(8); // the demo org's sales reps
  });

  it('explains a malformed field without showing its regular expression', async () => {
    const admin = await t.login('admin@test.cadence');
    const res = await admin({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { 'accept-language': 'en' },
      body: { key: 'Bad Key', name: 'x', permissions: {} },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.key', code: 'invalid_format', message: 'The format is not valid' },
    ]);
  });

  it('shows a sales rep only the users of their own department', async () => {
    const rep = await t.login('liu.yang@demo.cadence', 'Cadence@2026');
    const res = await rep({ url: '/api/v1/users?limit=100' });
    expect(res.statusCode).toBe(200);
    const depts = new Set(res.json().data.map((u: { departmentName: string }) => u.departmentName));
    expect([...depts]).toEqual(['上海一组']);
    expect(res.json().totalCount).toBe(res.json().data.length);
  });
});
