import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/index.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { createOrg } from '../src/modules/org/bootstrap.js';
import { newId } from '../src/platform/ids.js';
import { createPgDatabase, testDialects } from '../src/testing/db.js';

const day = 86_400_000;

// What a migration makes of the data written before it.
describe.each(testDialects)('migrations on %s', (dialect) => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });
  async function emptyDatabase(): Promise<Database> {
    if (dialect === 'sqlite') return openDatabase(':memory:');
    const { url, drop } = await createPgDatabase();
    const database = openDatabase(url, { poolSize: 2 });
    closers.push(drop);
    return database;
  }

  it('0031–0032: each stay learns the stage its deal went to, each deal follow-up when progress followed it', async () => {
    const database = await emptyDatabase();
    const db = database.db;
    try {
      await migrateTo(db, '0030_dashboards');
      const now = Date.UTC(2026, 10, 1);
      const { orgId } = await createOrg(
        db,
        { name: '迁移测试公司', adminEmail: 'admin@migrate.test', adminPassword: 'Migrate@2026' },
        now,
      );
      const stages = await db
        .selectFrom('pipelineStages as s')
        .innerJoin('pipelines as p', 'p.id', 's.pipelineId')
        .select(['s.id', 's.category', 's.pipelineId'])
        .where('p.orgId', '=', orgId)
        .where('p.isDefault', '=', 1)
        .orderBy('s.position')
        .execute();
      const [first, second] = stages;
      const lost = stages.find((s) => s.category === 'closed_lost')!;
      const owner = (
        await db.selectFrom('users').select('id').where('orgId', '=', orgId).executeTakeFirstOrThrow()
      ).id;
      const customerId = newId();
      await sql`insert into customers (id, org_id, name, name_key, name_pinyin, name_initials, tags, status, custom, owner_id, created_at, updated_at)
        values (${customerId}, ${orgId}, '迁移客户', '迁移客户', 'qianyi', 'qy', '[]', 'active', '{}', ${owner}, ${now}, ${now})`.execute(
        db,
      );
      const t0 = now - 60 * day;
      // A deal that moved on after 5 days and was lost 30 days later; one that was lost at once.
      const deal = async (stays: [string, number][]) => {
        const id = newId();
        await sql`insert into opportunities (id, org_id, name, customer_id, pipeline_id, stage_id, status, amount,
            currency, owner_id, stage_entered_at, checklist, custom, created_at, updated_at)
          values (${id}, ${orgId}, '迁移商机', ${customerId}, ${first!.pipelineId}, ${stays.at(-1)![0]}, 'lost', 0,
            'CNY', ${owner}, ${stays.at(-1)![1]}, '{}', '{}', ${t0}, ${t0})`.execute(db);
        for (const [i, [stageId, at]] of stays.entries())
          await sql`insert into opportunity_stage_history (id, org_id, opportunity_id, stage_id, entered_at, left_at)
            values (${newId()}, ${orgId}, ${id}, ${stageId}, ${at}, ${stays[i + 1]?.[1] ?? null})`.execute(
            db,
          );
        return id;
      };
      const moved = await deal([
        [first!.id, t0],
        [second!.id, t0 + 5 * day],
        [lost.id, t0 + 35 * day],
      ]);
      const lostAtOnce = await deal([
        [first!.id, t0],
        [lost.id, t0 + 3 * day],
      ]);
      const followUp = async (recordId: string, at: number) => {
        const id = newId();
        await sql`insert into follow_ups (id, org_id, object, record_id, method, content, created_by, created_at)
          values (${id}, ${orgId}, 'opportunity', ${recordId}, 'visit', '拜访', ${owner}, ${at})`.execute(db);
        return id;
      };
      const beforeMove = await followUp(moved, t0 + day);
      const afterMove = await followUp(moved, t0 + 10 * day);
      const beforeLoss = await followUp(lostAtOnce, t0 + day);

      await migrateToLatest(db);

      const stays = await db
        .selectFrom('opportunityStageHistory')
        .select(['opportunityId', 'stageId', 'nextStageId'])
        .orderBy('enteredAt')
        .execute();
      expect(stays.filter((s) => s.opportunityId === moved).map((s) => s.nextStageId)).toEqual([
        second!.id,
        lost.id,
        null,
      ]);
      expect(stays.filter((s) => s.opportunityId === lostAtOnce).map((s) => s.nextStageId)).toEqual([
        lost.id,
        null,
      ]);
      const advanced = new Map(
        (await db.selectFrom('followUps').select(['id', 'advancedAt']).execute()).map((f) => [
          f.id,
          f.advancedAt,
        ]),
      );
      expect(Number(advanced.get(beforeMove))).toBe(t0 + 5 * day);
      // Only 输单 came after these: no progress followed them.
      expect(advanced.get(afterMove)).toBeNull();
      expect(advanced.get(beforeLoss)).toBeNull();
    } finally {
      await database.close();
    }
  });
});
