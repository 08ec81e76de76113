import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Status = { enabled: boolean; samples: number; converted: number; auc: number | null; version: number };

describe.each(testDialects)('the learned lead score on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client;
  let seq = 0;

  const newLead = async (source: string, inquiry: string) => {
    const res = await rep({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: `学习${++seq}`, phone: `1355500${String(seq).padStart(4, '0')}`, source, inquiry },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; learnedScore: number | null; learnedFactors: { feature: string }[] };
  };
  /** History: referrals asking for a price mostly convert; cold calls mostly do not. */
  const close = async (id: string, converted: boolean) =>
    t.ctx.db
      .updateTable('leads')
      .set({ status: converted ? 'converted' : 'disqualified', updatedAt: t.clock.now() + seq })
      .where('id', '=', id)
      .execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
  });
  afterAll(() => t.close());

  it('will not train on too little history, and cannot be switched on untrained', async () => {
    expectProblem(
      await unchangedBy(t, () => admin({ method: 'POST', url: '/api/v1/lead-model/train' })),
      422,
      'lead_model_history',
    );
    expectProblem(
      await admin({
        method: 'PUT',
        url: '/api/v1/lead-model',
        headers: { 'if-match': '0' },
        body: { enabled: true },
      }),
      409,
      'lead_model_untrained',
    );
    expect((await admin({ url: '/api/v1/lead-model' })).json()).toMatchObject({ enabled: false, samples: 0 });
  });

  it('trains on closed leads, reports its AUC on unseen ones, and scores leads once switched on', async () => {
    for (let i = 0; i < 24; i++) {
      await close((await newLead('转介绍', '请报价')).id, i % 6 !== 0);
      await close((await newLead('电话营销', '先看看资料')).id, i % 8 === 0);
    }
    const trained = await admin({ method: 'POST', url: '/api/v1/lead-model/train' });
    expect(trained.statusCode, trained.body).toBe(200);
    const s = trained.json() as Status;
    expect(s).toMatchObject({ enabled: false, samples: 48 });
    expect(s.auc).toBeGreaterThan(0.8);
    // Off: leads carry no learned score.
    expect((await newLead('转介绍', '报价')).learnedScore).toBeNull();
    expectProblem(await rep({ method: 'POST', url: '/api/v1/lead-model/train' }), 403, 'forbidden');
    const on = await admin({
      method: 'PUT',
      url: '/api/v1/lead-model',
      headers: { 'if-match': String(s.version) },
      body: { enabled: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expectProblem(
      await admin({
        method: 'PUT',
        url: '/api/v1/lead-model',
        headers: { 'if-match': String(s.version) },
        body: { enabled: false },
      }),
      412,
      'version_conflict',
    );
    const hot = await newLead('转介绍', '想了解价格');
    const cold = await newLead('电话营销', '随便看看');
    expect(hot.learnedScore!).toBeGreaterThan(70);
    expect(cold.learnedScore!).toBeLessThan(30);
    expect(hot.learnedFactors.map((f) => f.feature)).toContain('source=转介绍');
    // Open leads from before it was on get theirs from the rescore.
    await t.jobs.drain();
    const earlier = await t.ctx.db
      .selectFrom('leads')
      .select('learnedScore')
      .where('status', '=', 'new')
      .execute();
    expect(earlier.every((l) => l.learnedScore !== null)).toBe(true);
  });
});
