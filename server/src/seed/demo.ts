import type { AppContext } from '../platform/context.js';
import { emitEvent } from '../platform/events/outbox.js';
import { seedDemoComments } from './demo-comments.js';
import { seedDemoCustomFields } from './demo-custom-fields.js';
import { seedDemoCustomers } from './demo-customers.js';
import { seedDemoDealHistory } from './demo-deal-history.js';
import { seedDemoLeads } from './demo-leads.js';
import { seedDemoOpportunities } from './demo-opportunities.js';
import { seedDemoOrg } from './demo-org.js';
import { seedDemoPools } from './demo-pools.js';
import { seedDemoScorecards } from './demo-scorecards.js';
import { seedDemoScripts } from './demo-scripts.js';
import { seedDemoTargets } from './demo-targets.js';

/**
 * Seeds the demo data into the first org, once (a marker event records it). Later modules add their
 * demo data here (customers, leads, deals …) on top of the org chart.
 */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  const { db, clock } = ctx;
  return db.transaction().execute(async (tx) => {
    const org = await tx.selectFrom('orgs').select('id').orderBy('createdAt').executeTakeFirst();
    if (!org) return false;
    const seeded = await tx
      .selectFrom('events')
      .select('id')
      .where('orgId', '=', org.id)
      .where('type', '=', 'org.demo_seeded')
      .executeTakeFirst();
    if (seeded) return false;
    const root = await tx
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', org.id)
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    const now = clock.now();
    const { users, departments } = await seedDemoOrg(tx, org.id, root.id, now);
    const owners = (...emails: string[]) => emails.map((e) => users.get(`${e}@demo.cadence`)!);
    const reps = {
      east: owners('liu.yang', 'chen.jing', 'zhao.lei', 'zhang.wei', 'yang.fan'),
      south: owners('wu.fang', 'xu.qiang', 'ma.chao', 'zhou.jie', 'sun.yue'),
      north: owners('hu.bin', 'guo.min', 'zhu.ting'),
    };
    await seedDemoCustomers(tx, org.id, reps, now);
    await seedDemoCustomFields(tx, org.id, null, now);
    await seedDemoPools(
      tx,
      org.id,
      { eastDepartmentId: departments.get('east')!, eastManagerId: users.get('li.ming@demo.cadence')! },
      now,
    );
    const admin = await tx
      .selectFrom('users as u')
      .innerJoin('userRoles as ur', 'ur.userId', 'u.id')
      .innerJoin('roles as r', 'r.id', 'ur.roleId')
      .select('u.id')
      .where('u.orgId', '=', org.id)
      .where('r.key', '=', 'admin')
      .orderBy('u.createdAt')
      .executeTakeFirstOrThrow();
    await seedDemoLeads(
      tx,
      org.id,
      { adminId: admin.id, departments, users: (who) => users.get(`${who}@demo.cadence`)! },
      now,
    );
    await seedDemoOpportunities(
      tx,
      org.id,
      { reps: [...reps.east, ...reps.south, ...reps.north], storage: ctx.storage },
      now,
    );
    await seedDemoDealHistory(tx, org.id, [...reps.east, ...reps.south, ...reps.north], now);
    await seedDemoTargets(tx, org.id, admin.id, now);
    await seedDemoScorecards(
      tx,
      org.id,
      { adminId: admin.id, salesDepartmentId: departments.get('sales')! },
      now,
    );
    await seedDemoScripts(tx, org.id, users.get('zhang.wei@demo.cadence')!, now);
    await seedDemoComments(
      tx,
      org.id,
      {
        manager: users.get('zhang.wei@demo.cadence')!,
        reps: ['liu.yang', 'chen.jing'].map((r) => users.get(`${r}@demo.cadence`)!),
      },
      now,
    );
    await emitEvent(tx, {
      orgId: org.id,
      type: 'org.demo_seeded',
      object: 'org',
      recordId: org.id,
      actorId: null,
      at: now,
      payload: {},
    });
    return true;
  });
}
