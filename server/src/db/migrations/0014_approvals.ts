import type { Kysely } from 'kysely';

// 审批 (E6, D3): one engine for every guarded change. A definition says which change of which object
// needs approval (trigger and conditions) and by whom (ordered steps of approvers, all-of or any-of);
// an instance is one request for one record, with the approvers resolved when it was submitted and
// every action on it (submit, approve, reject, withdraw, resubmit, auto-pass) in its history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('approval_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull()) // opportunity (more with later issues)
    .addColumn('trigger', 'text', (c) => c.notNull()) // JSON { type: 'stage_enter', stageIds }
    .addColumn('conditions', 'text', (c) => c.notNull()) // JSON [{ field, op, value }] — all must hold
    .addColumn('steps', 'text', (c) => c.notNull()) // JSON [{ name, approvers, mode: all | any }]
    .addColumn('no_approver', 'text', (c) => c.notNull()) // auto_pass | admin
    .addColumn('resubmit_from', 'text', (c) => c.notNull()) // start | rejected_step
    .addColumn('allow_self', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('approval_definitions_org')
    .on('approval_definitions')
    .columns(['org_id', 'object', 'position'])
    .execute();
  await db.schema
    .createTable('approval_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('definition_id', 'text', (c) => c.notNull().references('approval_definitions.id'))
    .addColumn('name', 'text', (c) => c.notNull()) // the definition's name when submitted
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('record_name', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull()) // JSON: the guarded change, e.g. { type: 'move', stageId, … }
    .addColumn('summary', 'text', (c) => c.notNull()) // e.g. 方案设计 → 报价 · ¥450,000.00
    .addColumn('steps', 'text', (c) => c.notNull()) // JSON [{ name, mode, approverIds }] resolved at submission
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected | withdrawn
    .addColumn('current_step', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('approval_instances_record')
    .on('approval_instances')
    .columns(['org_id', 'object', 'record_id', 'status'])
    .execute();
  await db.schema
    .createIndex('approval_instances_submitter')
    .on('approval_instances')
    .columns(['org_id', 'submitted_by', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('approval_instances_status')
    .on('approval_instances')
    .columns(['org_id', 'status', 'submitted_at'])
    .execute();
  await db.schema
    .createTable('approval_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull().references('approval_instances.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text') // null for the engine (auto-pass)
    .addColumn('action', 'text', (c) => c.notNull()) // submit | approve | reject | withdraw | resubmit | auto_pass
    .addColumn('comment', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approval_actions_instance')
    .on('approval_actions')
    .columns(['org_id', 'instance_id', 'at'])
    .execute();
  await db.schema
    .createIndex('approval_actions_actor')
    .on('approval_actions')
    .columns(['org_id', 'actor_id', 'at'])
    .execute();
  // 待我审批: one row per approver of the step an instance is at — open until they decide or the step ends.
  await db.schema
    .createTable('approval_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull().references('approval_instances.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // open | approved | rejected | closed
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('approval_tasks_user')
    .on('approval_tasks')
    .columns(['org_id', 'user_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('approval_tasks_instance')
    .on('approval_tasks')
    .columns(['instance_id', 'round', 'step'])
    .execute();
}
