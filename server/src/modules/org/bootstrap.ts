import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { generatePassword, passwordProblem } from '../../platform/auth/password.js';
import type { AppContext } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { seedDashboards } from '../dashboards/builtin.js';
import { seedScoreRules } from '../leads/scoring.js';
import { seedPipelines } from '../opportunities/templates.js';
import { defaultPool } from '../pools/pools.repo.js';
import { syncBuiltinRoles } from './builtin-roles.js';
import '../registry.js';
import { insertClosure } from './departments.repo.js';
import { createUser } from './users.service.js';

export type NewOrg = {
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  timeZone?: string;
};

/**
 * Creates an org with its root department, the built-in roles and its first administrator.
 * Call it inside a transaction.
 */
export async function createOrg(tx: Kysely<DB>, o: NewOrg, now: number) {
  {
    const orgId = newId();
    const rootId = newId();
    await tx
      .insertInto('orgs')
      .values({
        id: orgId,
        name: o.name,
        timeZone: o.timeZone ?? 'Asia/Shanghai',
        currency: 'CNY',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await tx
      .insertInto('departments')
      .values({
        id: rootId,
        orgId,
        parentId: null,
        name: o.name,
        sortOrder: 0,
        managerId: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await insertClosure(tx, orgId, rootId, null);
    await syncBuiltinRoles(tx, orgId, now);
    const admin = await createUser(
      tx,
      { orgId, actorId: null, at: now },
      {
        name: o.adminName ?? '系统管理员',
        email: o.adminEmail,
        departmentId: rootId,
        roles: ['admin'],
        password: o.adminPassword,
      },
    );
    await tx.updateTable('departments').set({ managerId: admin.id }).where('id', '=', rootId).execute();
    await defaultPool(tx, orgId, now);
    await defaultPool(tx, orgId, now, 'lead');
    await seedScoreRules(tx, orgId, now);
    await seedPipelines(tx, orgId, now);
    await seedDashboards(tx, orgId, now);
    return { orgId, rootDepartmentId: rootId, adminId: admin.id };
  }
}

/**
 * On start: if the database has no org yet, create the first one and its admin (from the
 * configuration, or with a generated password that is returned to be printed once). Safe when
 * several instances start at once on PostgreSQL (an advisory lock serialises them).
 */
export async function bootstrap(
  ctx: AppContext,
): Promise<{ orgId: string; adminEmail: string; generatedPassword?: string } | null> {
  const { db, config, clock } = ctx;
  const run = async (tx: Kysely<DB>) => {
    if (ctx.database.dialect === 'postgres') await sql`select pg_advisory_xact_lock(774411)`.execute(tx);
    const orgs = await tx.selectFrom('orgs').select('id').execute();
    for (const o of orgs) await syncBuiltinRoles(tx, o.id, clock.now());
    if (orgs.length) return null;
    if (
      config.adminPassword &&
      passwordProblem(config.adminPassword, config.passwordMinLength, [config.adminEmail])
    ) {
      throw new Error(
        `CADENCE_ADMIN_PASSWORD is too weak: use at least ${config.passwordMinLength} characters with letters and digits`,
      );
    }
    const password = config.adminPassword ?? generatePassword();
    const adminEmail = (config.adminEmail ?? 'admin@cadence.local').toLowerCase();
    const org = await createOrg(
      tx,
      { name: config.orgName, adminEmail, adminPassword: password, timeZone: config.timeZone },
      clock.now(),
    );
    return { orgId: org.orgId, adminEmail, generatedPassword: config.adminPassword ? undefined : password };
  };
  return db.transaction().execute(run);
}
