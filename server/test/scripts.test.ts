import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeOrg,
  randomUuid,
  unchangedBy,
} from './helpers.js';

type Script = {
  id: string;
  title: string;
  useCount: number;
  rating: number | null;
  ratingCount: number;
  myRating: number | null;
  version: number;
};

// 话术库: managers write scripts, reps find them by words, pinyin or stage, copy (a use) and rate them.
describe.each(testDialects)('sales scripts on %s', (dialect) => {
  let t: TestApp;
  let manager: Client; // 张伟
  let rep: Client; // 刘洋
  let otherRep: Client; // 吴芳
  let quoteStage: string;
  let priceScript: Script;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    manager = await loginDemo(t, 'zhang.wei');
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    const pipelines = (await rep({ url: '/api/v1/pipelines' })).json().data as {
      name: string;
      stages: { id: string; name: string }[];
    }[];
    quoteStage = pipelines
      .find((p) => p.name === '制造业项目流程')!
      .stages.find((s) => s.name === '报价')!.id;
  });
  afterAll(() => t.close());

  it('lets a manager write scripts that reps find by words, pinyin, scenario and stage', async () => {
    const res = await manager({
      method: 'POST',
      url: '/api/v1/scripts',
      body: {
        title: '价格太高怎么回应',
        scenario: '异议处理',
        objection: '价格太高',
        stageIds: [quoteStage],
        tags: ['报价', '价格'],
        content: '先认同客户的关注，再把总拥有成本算给他看：设备寿命、能耗和停机损失……',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    priceScript = res.json();
    await manager({
      method: 'POST',
      url: '/api/v1/scripts',
      body: { title: '首次拜访开场白', scenario: '首次拜访', content: '您好，我是节拍科技的……' },
    });
    const search = async (q: string) =>
      ((await rep({ url: `/api/v1/scripts?${q}` })).json().data as Script[]).map((s) => s.title);
    expect(await search('q=太高')).toEqual(['价格太高怎么回应']);
    expect(await search('q=总拥有成本')).toEqual(['价格太高怎么回应']);
    expect(await search('q=jiage')).toEqual(['价格太高怎么回应']);
    expect(await search('q=jgtg')).toEqual(['价格太高怎么回应']);
    expect(await search('scenario=首次拜访')).toEqual(['首次拜访开场白']);
    // A stage's scripts include those for every stage.
    expect((await search(`stageId=${quoteStage}`)).sort()).toEqual(
      ['价格太高怎么回应', '首次拜访开场白'].sort(),
    );
    expect(await search(`stageId=${randomUuid}`)).toEqual(['首次拜访开场白']);
    expect(await search('tag=价格')).toEqual(['价格太高怎么回应']);
    expect(await search('q=%')).toEqual([]);
  });

  it('counts uses and keeps one rating per person', async () => {
    expect(
      (await rep({ method: 'POST', url: `/api/v1/scripts/${priceScript.id}/use` })).json().useCount,
    ).toBe(1);
    const rate = (c: Client, stars: number) =>
      c({ method: 'PUT', url: `/api/v1/scripts/${priceScript.id}/rating`, body: { stars } });
    expect((await rate(rep, 5)).json()).toMatchObject({ rating: 5, ratingCount: 1, myRating: 5 });
    expect((await rate(otherRep, 3)).json()).toMatchObject({ rating: 4, ratingCount: 2, myRating: 3 });
    expect((await rate(rep, 4)).json()).toMatchObject({ rating: 3.5, ratingCount: 2, myRating: 4 });
    expectProblem(await unchangedBy(t, () => rate(rep, 6)), 400, 'validation_failed');
    expectProblem(await unchangedBy(t, () => rate(rep, 2.5)), 400, 'validation_failed');
  });

  it('keeps writing to those with the right, and refuses bad scripts', async () => {
    expectProblem(
      await rep({
        method: 'POST',
        url: '/api/v1/scripts',
        body: { title: 'x', scenario: 'y', content: 'z' },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await unchangedBy(t, () =>
        manager({
          method: 'POST',
          url: '/api/v1/scripts',
          body: { title: 'x', scenario: 'y', content: 'z', stageIds: [randomUuid] },
        }),
      ),
      422,
      'validation_failed',
    );
    expectProblem(
      await unchangedBy(t, () =>
        manager({ method: 'POST', url: '/api/v1/scripts', body: { title: '', scenario: 'y', content: 'z' } }),
      ),
      400,
      'validation_failed',
    );
    const current = (await manager({ url: `/api/v1/scripts/${priceScript.id}` })).json() as Script;
    const stale = await manager({
      method: 'PATCH',
      url: `/api/v1/scripts/${priceScript.id}`,
      headers: { 'if-match': String(current.version + 1) },
      body: { title: '改个标题' },
    });
    expectProblem(stale, 412, 'version_conflict');
    const edited = await manager({
      method: 'PATCH',
      url: `/api/v1/scripts/${priceScript.id}`,
      headers: { 'if-match': String(current.version) },
      body: { title: '客户嫌贵时的回应' },
    });
    expect(edited.json()).toMatchObject({ title: '客户嫌贵时的回应', useCount: 1 });
    expect(((await rep({ url: '/api/v1/scripts?q=kehu' })).json().data as Script[]).map((s) => s.id)).toEqual(
      [priceScript.id],
    );
    const other = (await makeOrg(t)).admin;
    expectProblem(await other({ url: `/api/v1/scripts/${priceScript.id}` }), 404, 'not_found');
    expectProblem(
      await other({ method: 'POST', url: `/api/v1/scripts/${priceScript.id}/use` }),
      404,
      'not_found',
    );
    const admin = await loginAdmin(t);
    const remove = (version?: number) =>
      admin({
        method: 'DELETE',
        url: `/api/v1/scripts/${priceScript.id}`,
        headers: version === undefined ? {} : { 'if-match': String(version) },
      });
    // Deleting needs the version the admin saw: none is 428, an old one 412 with the script as it is.
    expectProblem(await remove(), 428, 'precondition_required');
    const staleDelete = await remove(current.version);
    expectProblem(staleDelete, 412, 'version_conflict');
    expect(staleDelete.json().current).toMatchObject({ id: priceScript.id, version: current.version + 1 });
    expect(
      (
        await other({
          method: 'DELETE',
          url: `/api/v1/scripts/${priceScript.id}`,
          headers: { 'if-match': String(current.version + 1) },
        })
      ).statusCode,
    ).toBe(404);
    expect((await remove(current.version + 1)).statusCode).toBe(204);
    expectProblem(await rep({ url: `/api/v1/scripts/${priceScript.id}` }), 404, 'not_found');
    expectProblem(await remove(current.version + 2), 404, 'not_found');
  });
});
