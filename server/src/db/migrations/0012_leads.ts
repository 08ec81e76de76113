import type { Kysely } from 'kysely';
import { seedScoreRules } from '../../modules/leads/scoring.js';
import { defaultPool } from '../../modules/pools/pools.repo.js';
import type { DB } from '../schema.js';

// 线索 (leads): a person and company that showed interest, before they are a customer. Owned by a rep
// or waiting in a (lead) pool; de-duplicated against leads, customers and contacts through the same
// dedup_keys index (object = 'lead').
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull()) // the person
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('company_key', 'text')
    .addColumn('title', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('industry', 'text')
    .addColumn('source', 'text')
    // manual | import | web_form | api — how it reached us; details (UTM parameters, form, referrer) as JSON.
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_detail', 'text', (c) => c.notNull())
    .addColumn('inquiry', 'text')
    // new | working | qualified | converted | disqualified (新线索 · 跟进中 · 已确认 · 已转化 · 无效)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disqualify_reason', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('owned_since', 'bigint')
    .addColumn('pool_id', 'text')
    .addColumn('last_follow_up_at', 'bigint')
    // 线索评分: 0–100 and the rules that gave it ([{ ruleId, label, points }]), recomputed on every change.
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('score_detail', 'text', (c) => c.notNull().defaultTo('[]'))
    // 学习评分 (when the org switched its model on): 0–100 and the field values that weighed most.
    .addColumn('learned_score', 'integer')
    .addColumn('learned_detail', 'text')
    // 分配: how it got its owner (which rule, which candidates, why this one) as JSON, and when.
    .addColumn('assignment', 'text')
    .addColumn('assigned_at', 'bigint')
    // 首次跟进时限 (SLA): due after assignment to a rep; reminded → escalated, or met by the first follow-up.
    .addColumn('sla_due_at', 'bigint')
    .addColumn('sla_state', 'text') // null (running) | reminded | escalated | met
    .addColumn('first_follow_up_at', 'bigint')
    .addColumn('next_follow_up_at', 'bigint')
    // 查重 at intake with the `flag` policy: the records it matches (JSON), for the rep to see why.
    .addColumn('duplicate_of', 'text')
    // 转化: what the lead became.
    .addColumn('converted_customer_id', 'text')
    .addColumn('converted_contact_id', 'text')
    .addColumn('converted_at', 'bigint')
    .addColumn('custom', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  // 评分规则: points a lead earns when a condition on one of its fields holds, in the admin's order.
  await db.schema
    .createTable('lead_score_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull()) // source | channel | inquiry | title | … | custom.<key>
    .addColumn('op', 'text', (c) => c.notNull()) // present | in | contains_any | gte | lte
    .addColumn('values', 'text', (c) => c.notNull()) // JSON string[] (in, contains_any) or [number]
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('lead_score_rules_org')
    .on('lead_score_rules')
    .columns(['org_id', 'position'])
    .execute();
  // 分配规则: conditions on a lead → users, a department (its eligible members) or a pool, with a method.
  await db.schema
    .createTable('lead_assignment_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull()) // JSON [{ field, op, values }] — all must hold
    .addColumn('target_type', 'text', (c) => c.notNull()) // users | department | pool
    .addColumn('target_ids', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('method', 'text', (c) => c.notNull()) // round_robin | least_open | weighted
    .addColumn('weights', 'text', (c) => c.notNull()) // JSON { userId: weight } for weighted
    .addColumn('daily_cap', 'integer') // automatic assignments per rep per day; null = no cap
    .addColumn('last_user_id', 'text') // the round-robin cursor
    // When the first follow-up is late: none (alert only) | reassign (next candidate) | pool (lead pool)
    .addColumn('on_expiry', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('lead_assignment_rules_org')
    .on('lead_assignment_rules')
    .columns(['org_id', 'position'])
    .execute();
  // 线索设置: the first-response time and the follow-up cadence per status (the article's 24 h and 3 days).
  await db.schema
    .createTable('lead_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('first_response_hours', 'integer', (c) => c.notNull())
    .addColumn('remind_before_hours', 'integer', (c) => c.notNull())
    .addColumn('cadence_days', 'text', (c) => c.notNull()) // JSON { new?, working?, qualified? }
    .addColumn('disqualify_reasons', 'text', (c) => c.notNull()) // JSON string[]: 无效 needs one of them
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // 跟进记录: one log for every object that is followed up (leads now; customers and deals with D4).
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // phone | wechat | visit | email | meeting | other
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('next_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('follow_ups_record')
    .on('follow_ups')
    .columns(['org_id', 'object', 'record_id', 'created_at'])
    .execute();
  // 线索来源: a public web form (hosted page + embed) or an inbound API/webhook, each with its own
  // key or secret, the lead `source` and campaign it stamps, and what a duplicate does (flag | merge).
  await db.schema
    .createTable('lead_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // web_form | api
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull().unique()) // in the form's URL; not a secret
    .addColumn('secret_hash', 'text') // sha256 of the API secret (shown once)
    .addColumn('source', 'text') // the leads' `source` (官网, 百度推广 …)
    .addColumn('campaign', 'text')
    .addColumn('on_duplicate', 'text', (c) => c.notNull()) // flag | merge
    .addColumn('fields', 'text', (c) => c.notNull()) // JSON [{ key, required }] the form asks for
    .addColumn('allowed_origins', 'text', (c) => c.notNull()) // JSON string[]: CORS and framing
    .addColumn('thank_you', 'text')
    .addColumn('spam_count', 'integer', (c) => c.notNull().defaultTo(0)) // honeypot rejections
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  // One lead per delivery: a webhook delivered twice (same delivery key) answers with the same lead.
  await db.schema
    .createTable('lead_intake_keys')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('delivery_key', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // created | flagged | merged
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('lead_intake_keys_pk', ['org_id', 'source_id', 'delivery_key'])
    .execute();
  // What an import stamps on every record it makes (a lead list's 来源 and campaign, picked at import).
  await db.schema
    .alterTable('imports')
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // The org's learned lead-scoring model: trained on its closed leads, measured (AUC), off until switched on.
  await db.schema
    .createTable('lead_models')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trained_at', 'bigint', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('converted', 'integer', (c) => c.notNull())
    .addColumn('auc', 'real')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Who may receive leads automatically (the onboarding issue sets it from training); everyone by default.
  await db.schema
    .alterTable('users')
    .addColumn('lead_eligible', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Orgs that exist already get the shipped scoring rules and a lead pool, as new ones do at creation.
  const orgs = await (db as Kysely<DB>).selectFrom('orgs').select('id').execute();
  const now = Date.now();
  for (const o of orgs) {
    await seedScoreRules(db as Kysely<DB>, o.id, now);
    await defaultPool(db as Kysely<DB>, o.id, now, 'lead');
  }
  // Keyset lists: by owner, by the common sorts, by status; always scoped by org, id as tiebreak.
  for (const [name, columns] of [
    ['leads_org_owner', ['org_id', 'owner_id', 'id']],
    ['leads_org_updated', ['org_id', 'updated_at', 'id']],
    ['leads_org_created', ['org_id', 'created_at', 'id']],
    ['leads_org_status', ['org_id', 'status', 'updated_at', 'id']],
    ['leads_org_pool', ['org_id', 'pool_id', 'id']],
    ['leads_org_score', ['org_id', 'score', 'id']],
    ['leads_org_assigned', ['org_id', 'owner_id', 'assigned_at']],
    ['leads_org_sla', ['org_id', 'sla_due_at']],
    ['leads_org_next_follow_up', ['org_id', 'owner_id', 'next_follow_up_at']],
    ['leads_org_converted', ['org_id', 'converted_customer_id']],
    ['leads_org_pinyin', ['org_id', 'name_pinyin']],
    ['leads_org_initials', ['org_id', 'name_initials']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('leads')
      .columns([...columns])
      .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
