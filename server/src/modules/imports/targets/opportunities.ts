import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import { type Actor, can, scopeFilter } from '../../../platform/access/index.js';
import { dayStart } from '../../../platform/clock.js';
import { invalid } from '../../../platform/errors.js';
import { companyKey } from '../../../platform/normalize/index.js';
import { customFieldDefs } from '../../custom-fields/custom-fields.repo.js';
import type { CustomFieldDef } from '../../custom-fields/custom-fields.schema.js';
import { createCustomer } from '../../customers/customers.service.js';
import '../../opportunities/objects.js';
import { createOpportunity } from '../../opportunities/opportunities.service.js';
import { loadPipelines, type Pipeline } from '../../opportunities/pipelines.repo.js';
import { statusOf } from '../../opportunities/stages.js';
import type { CellValue } from '../readers.js';
import {
  recordField as f,
  type ImportField,
  type ImportTarget,
  type RowIssue,
  registerImportTarget,
} from '../target.js';
import { cellReader, customValue, dayText, foldName, yuanToFen } from './cells.js';

// Deals (商机) from a spreadsheet, open ones and the history of closed ones: owner by name or e-mail,
// customer by name, pipeline and stage by name, and the deal's own dates — created, entered each
// stage, won or lost — kept as given, so analytics see the real timeline. A deal's number in the
// system it came from (外部编号) makes a second import of the same file find what the first made.

/** The columns of a deal sheet; the export writes the same ones, so an export imports back as it is. */
export const dealFields: ImportField[] = [
  f('externalId', '外部编号', 'External ID', [
    '外部编号',
    '商机编号',
    '编号',
    'opportunity id',
    'deal id',
    'external id',
    'id',
  ]),
  f('name', '商机名称', 'Deal name', [
    '商机名称',
    '商机',
    '项目名称',
    'opportunity',
    'opportunity name',
    'deal name',
  ]),
  f('customer', '客户名称', 'Customer', [
    '客户名称',
    '客户',
    '公司名称',
    'account',
    'account name',
    'customer',
    'company',
  ]),
  f('pipeline', '销售流程', 'Pipeline', ['销售流程', '流程', 'pipeline']),
  f('stage', '阶段', 'Stage', ['阶段', '商机阶段', '销售阶段', 'stage', 'deal stage'], true),
  f('amount', '金额（元）', 'Amount', [
    '金额',
    '商机金额',
    '成交金额',
    '预计金额',
    'amount',
    'value',
    'close value',
    'deal value',
  ]),
  f('currency', '币种', 'Currency', ['币种', '货币', 'currency']),
  f('owner', '负责人', 'Owner', [
    '负责人',
    '销售',
    '销售代表',
    '业务员',
    'owner',
    'sales agent',
    'sales rep',
    'rep',
  ]),
  f('createdDate', '创建日期', 'Created on', [
    '创建日期',
    '创建时间',
    'created',
    'created date',
    'create date',
  ]),
  f('expectedCloseDate', '预计成交日期', 'Expected close date', [
    '预计成交日期',
    '预计签约日期',
    'expected close date',
  ]),
  f('closeDate', '赢单/输单日期', 'Won or lost on', [
    '赢单/输单日期',
    '关闭日期',
    '成交日期',
    'close date',
    'closed date',
    'closed on',
  ]),
  f('lostReason', '输单原因', 'Lost reason', ['输单原因', '丢单原因', 'lost reason', 'loss reason']),
  f('source', '来源', 'Source', ['来源', '商机来源', 'source', 'lead source']),
  f('products', '意向产品', 'Products', ['意向产品', '产品', 'product', 'products']),
  f('competitors', '竞争对手', 'Competitors', ['竞争对手', '竞品', 'competitor', 'competitors']),
];

const limits: Record<string, number> = {
  externalId: 100,
  name: 100,
  customer: 200,
  pipeline: 100,
  stage: 100,
  currency: 3,
  owner: 254,
  lostReason: 200,
  source: 50,
  products: 1000,
  competitors: 500,
};

/** Words another system uses for the won and lost stages, whatever the pipeline calls them. */
const wonWords = new Set(['won', 'closed won', 'win', '赢单', '成交', '已成交']);
const lostWords = new Set(['lost', 'closed lost', 'loss', '输单', '丢单', '已输单']);

const enteredPrefix = 'entered.';

/** The column of the day a deal entered the stage called `name` (whichever pipeline has it). */
export const enteredField = (name: string): ImportField => ({
  key: `${enteredPrefix}${name}`,
  label: { 'zh-CN': `进入“${name}”日期`, en: `Entered “${name}” on` },
  group: 'record',
  synonyms: [`进入${name}日期`, `进入${name}时间`, `${name}日期`, `${name} date`, `entered ${name}`],
});

/** The choices made with the mapping: where rows without a customer go, and whether unknown ones are made. */
const options = z.strictObject({
  /** The pipeline of rows that name none (else the org's default pipeline). */
  pipelineId: z.uuid().optional(),
  /** Rows without a customer go to this customer (made when it does not exist). */
  holdingCustomer: z.string().trim().min(1).max(200).optional(),
  /** A customer the file names that does not exist is made (owned by the importer). */
  createCustomers: z.boolean().optional(),
});

type DealRecord = {
  customer: string;
  /** Made when it does not exist (the holding customer, or any with createCustomers). */
  mayCreateCustomer: boolean;
  name: string;
  pipelineId: string;
  stageId: string;
  entered: { stageId: string; at: number }[];
  createdAt: number;
  amount: number;
  currency?: string;
  ownerId?: string;
  expectedCloseDate?: string;
  lostReason?: string;
  source?: string;
  products?: string;
  competitors?: string;
  externalId?: string;
  custom?: Record<string, unknown>;
};

type Prepared = {
  now: number;
  timeZone: string;
  pipelines: Pipeline[];
  /** Where rows that name no pipeline go. */
  fallback: Pipeline | undefined;
  byName: Map<string, Pipeline>;
  users: Map<string, { id: string; active: boolean }[]>;
  custom: CustomFieldDef[];
  holdingCustomer?: string;
  createCustomers: boolean;
  canCreateCustomers: boolean;
};

/** The stage a row names in its pipeline: by name, or another system's word for won or lost. */
function stageOf(pipeline: Pipeline, text: string) {
  const k = foldName(text);
  const named = pipeline.stages.find((s) => foldName(s.name) === k);
  if (named) return named;
  const category = wonWords.has(k) ? 'closed_won' : lostWords.has(k) ? 'closed_lost' : null;
  return category ? pipeline.stages.find((s) => s.category === category) : undefined;
}

/** The live customers the actor may see with this name (exact first, else the same 查重 name). */
async function customersNamed(db: Kysely<DB>, actor: Actor, name: string) {
  const q = () =>
    db
      .selectFrom('customers as c')
      .select('c.id')
      .where('c.orgId', '=', actor.orgId)
      .where('c.deletedAt', 'is', null)
      .where(scopeFilter(actor, 'customer', 'c.owner_id'))
      .limit(2);
  const exact = await q().where('c.name', '=', name).execute();
  if (exact.length) return exact;
  const key = companyKey(name);
  return key ? q().where('c.nameKey', '=', key).execute() : [];
}

function customerIssues(found: { id: string }[], record: DealRecord): RowIssue[] {
  if (found.length > 1)
    return [{ field: 'customer', code: 'import_customer_ambiguous', params: { value: record.customer } }];
  if (!found.length && !record.mayCreateCustomer)
    return [{ field: 'customer', code: 'import_customer_not_found', params: { value: record.customer } }];
  return [];
}

export const opportunityTarget: ImportTarget<DealRecord, Prepared> = {
  object: 'opportunity',
  tables: ['opportunities', 'opportunity_stage_history', 'audit_log', 'events'],
  label: { 'zh-CN': '商机', en: 'Deals' },
  options,

  async assertOptions(db, actor, chosen) {
    const { pipelineId } = options.parse(chosen);
    if (pipelineId && !(await loadPipelines(db, actor.orgId, pipelineId)).length)
      throw invalid([{ path: 'body.options.pipelineId', code: 'not_found' }]);
  },

  async fields(ctx, actor) {
    const [defs, pipelines] = await Promise.all([
      customFieldDefs(ctx.db, actor.orgId, 'opportunity'),
      loadPipelines(ctx.db, actor.orgId),
    ]);
    // One "entered on" column per stage name, whichever pipelines have it.
    const stageNames = [...new Set(pipelines.flatMap((p) => p.stages.map((s) => s.name)))];
    return [
      ...dealFields,
      ...stageNames.map(enteredField),
      ...defs
        .filter((d) => d.active)
        .map((d) => ({
          key: `custom.${d.key}`,
          label: { 'zh-CN': d.labelZh, en: d.labelEn },
          group: 'custom' as const,
          synonyms: [d.key],
        })),
    ];
  },

  async prepare(db, actor, _fields, job) {
    const [pipelines, org, userRows, custom] = await Promise.all([
      loadPipelines(db, actor.orgId),
      db.selectFrom('orgs').select('timeZone').where('id', '=', actor.orgId).executeTakeFirstOrThrow(),
      db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'active'])
        .where('orgId', '=', actor.orgId)
        .execute(),
      customFieldDefs(db, actor.orgId, 'opportunity'),
    ]);
    // Owners by name or e-mail; people who have left are found too (a closed deal keeps its owner).
    const users = new Map<string, { id: string; active: boolean }[]>();
    for (const u of userRows)
      for (const k of new Set([foldName(u.name), foldName(u.email)]))
        users.set(k, [...(users.get(k) ?? []), { id: u.id, active: u.active === 1 }]);
    const chosen = options.parse(job.options);
    return {
      fallback: pipelines.find((p) => (chosen.pipelineId ? p.id === chosen.pipelineId : p.isDefault)),
      now: job.now,
      timeZone: org.timeZone,
      pipelines,
      byName: new Map(pipelines.map((p) => [foldName(p.name), p])),
      users,
      custom: custom.filter((d) => d.active),
      holdingCustomer: chosen.holdingCustomer,
      createCustomers: !!chosen.createCustomers,
      // Making a customer is the importer's right to create customers, as anywhere else.
      canCreateCustomers: can(actor, 'customer', 'create'),
    };
  },

  parse(values, prepared) {
    const issues: RowIssue[] = [];
    const read = cellReader(values, issues, limits);
    const day = (key: string, v: CellValue | undefined) => {
      const s = read(key);
      if (!s) return null;
      const d = dayText(v);
      if (!d) {
        issues.push({ field: key, code: 'import_bad_value', params: { value: s } });
        return null;
      }
      const at = dayStart(d, prepared.timeZone);
      if (at > prepared.now) issues.push({ field: key, code: 'import_date_in_future', params: { value: d } });
      return { day: d, at };
    };

    const pipelineText = read('pipeline');
    const pipeline = pipelineText ? prepared.byName.get(foldName(pipelineText)) : prepared.fallback;
    if (!pipeline)
      issues.push({ field: 'pipeline', code: 'import_bad_value', params: { value: pipelineText } });
    const stageText = read('stage');
    if (!stageText) issues.push({ field: 'stage', code: 'import_required' });
    const stage = pipeline && stageText ? stageOf(pipeline, stageText) : undefined;
    if (pipeline && stageText && !stage)
      issues.push({
        field: 'stage',
        code: 'import_stage_unknown',
        params: { value: stageText, pipeline: pipeline.name },
      });
    const status = stage ? statusOf(stage.category) : 'open';

    // When it entered stages: the file's "entered" columns, and the day it was won or lost.
    const stays: { stageId: string; position: number; at: number }[] = [];
    for (const [key, v] of values) {
      if (!key.startsWith(enteredPrefix)) continue;
      const when = day(key, v);
      if (!when || !pipeline) continue;
      const name = key.slice(enteredPrefix.length);
      const s = pipeline.stages.find((x) => x.name === name);
      if (!s)
        issues.push({
          field: key,
          code: 'import_stage_not_in_pipeline',
          params: { stage: name, pipeline: pipeline.name },
        });
      else if (statusOf(s.category) === 'open')
        stays.push({ stageId: s.id, position: s.position, at: when.at });
    }
    const closeDay = day('closeDate', values.get('closeDate'));
    const expected = day('expectedCloseDate', values.get('expectedCloseDate'));
    const created = day('createdDate', values.get('createdDate'));
    if (stage && status !== 'open') {
      if (!closeDay) issues.push({ field: 'closeDate', code: 'import_close_date_required' });
      else stays.push({ stageId: stage.id, position: Number.MAX_SAFE_INTEGER, at: closeDay.at });
    }
    stays.sort((a, b) => a.position - b.position);
    if (stage && status === 'open') {
      if (stays.some((s) => s.position > stage.position))
        issues.push({
          field: 'stage',
          code: 'import_stage_dates_after_current',
          params: { stage: stage.name },
        });
      // Its current stay: from the day the file gives, else from the latest day it knows.
      if (!stays.some((s) => s.stageId === stage.id))
        stays.push({
          stageId: stage.id,
          position: stage.position,
          at: Math.max(stays.at(-1)?.at ?? 0, created?.at ?? 0) || prepared.now,
        });
    }
    if (stays.some((s, i) => i > 0 && s.at < stays[i - 1]!.at))
      issues.push({ field: 'stage', code: 'import_stage_dates_order' });
    const createdAt = created?.at ?? stays[0]?.at ?? prepared.now;
    if (stays[0] && createdAt > stays[0].at)
      issues.push({ field: 'createdDate', code: 'import_created_after_stage' });

    const amountText = read('amount');
    const amount = amountText ? yuanToFen(values.get('amount')) : 0;
    if (amount === null || amount < 0 || amount > 10_000_000_000_000)
      issues.push({ field: 'amount', code: 'import_bad_value', params: { value: amountText } });
    const currency = read('currency').toUpperCase();
    if (currency && !/^[A-Z]{3}$/.test(currency))
      issues.push({ field: 'currency', code: 'import_bad_value', params: { value: currency } });

    const ownerText = read('owner');
    let ownerId: string | undefined;
    if (ownerText) {
      const found = prepared.users.get(foldName(ownerText)) ?? [];
      if (found.length !== 1)
        issues.push({
          field: 'owner',
          code: found.length ? 'import_owner_ambiguous' : 'import_owner_not_found',
          params: { value: ownerText },
        });
      else if (!found[0]!.active && status === 'open')
        issues.push({ field: 'owner', code: 'import_owner_left', params: { value: ownerText } });
      else ownerId = found[0]!.id;
    }

    const named = read('customer');
    const customer = named || prepared.holdingCustomer || '';
    if (!customer) issues.push({ field: 'customer', code: 'import_required' });
    const externalId = read('externalId');
    const products = read('products');
    // A file of deals without names (an export of another CRM's pipeline) names them by customer and product.
    const name = read('name') || [named, products].filter(Boolean).join(' · ') || externalId;
    if (!name) issues.push({ field: 'name', code: 'import_required' });

    const custom: Record<string, unknown> = {};
    for (const def of prepared.custom) {
      const v = values.get(`custom.${def.key}`);
      if (v === undefined || v === null || read(`custom.${def.key}`) === '') continue;
      custom[def.key] = customValue(def, v, new Map());
    }
    if (issues.length || !pipeline || !stage) return { record: null, issues };
    const optional = (k: string) => read(k) || undefined;
    return {
      record: {
        customer,
        mayCreateCustomer: prepared.canCreateCustomers && (prepared.createCustomers || !named),
        name: name.slice(0, 100),
        pipelineId: pipeline.id,
        stageId: stage.id,
        entered: stays.map(({ stageId, at }) => ({ stageId, at })),
        createdAt,
        amount: amount ?? 0,
        currency: currency || undefined,
        ownerId,
        // An open deal's "close date" in another CRM's export is when it is expected to close; a
        // closed deal was expected when it closed, unless the file says otherwise.
        expectedCloseDate: expected?.day ?? closeDay?.day,
        lostReason: status === 'lost' ? optional('lostReason') : undefined,
        source: optional('source'),
        products: products || undefined,
        competitors: optional('competitors'),
        externalId: externalId || undefined,
        custom: Object.keys(custom).length ? custom : undefined,
      },
      issues,
    };
  },

  keys(record) {
    return record.externalId ? [{ kind: 'external', key: record.externalId }] : [];
  },

  async resolve(db, actor, record) {
    return customerIssues(await customersNamed(db, actor, record.customer), record);
  },

  async existing(db, actor, record) {
    if (!record.externalId) return null;
    const deal = await db
      .selectFrom('opportunities as o')
      .leftJoin('users as u', 'u.id', 'o.ownerId')
      .select(['o.id', 'o.name', 'u.name as ownerName'])
      .where('o.orgId', '=', actor.orgId)
      .where('o.externalId', '=', record.externalId)
      .where('o.deletedAt', 'is', null)
      .executeTakeFirst();
    if (!deal) return null;
    const visible = await db
      .selectFrom('opportunities as o')
      .select('o.id')
      .where('o.id', '=', deal.id)
      .where(scopeFilter(actor, 'opportunity', 'o.owner_id'))
      .executeTakeFirst();
    return visible
      ? { exact: true, similar: false, code: 'import_deal_exists', params: { name: deal.name } }
      : { exact: true, similar: false, code: 'import_deal_exists_hidden', params: { owner: deal.ownerName } };
  },

  /** skip and merge: a deal already imported (same 外部编号) is left as it is; create: made again. */
  async write(tx, actor, record, meta) {
    if (record.externalId && meta.policy !== 'create') {
      const found = await this.existing(tx, actor, record);
      if (found) return { outcome: 'skipped', issue: { code: 'import_deal_skipped', params: found.params } };
    }
    const change = { orgId: meta.orgId, actorId: meta.actorId, at: meta.at };
    const customers = await customersNamed(tx, actor, record.customer);
    const problem = customerIssues(customers, record)[0];
    if (problem) return { outcome: 'skipped', issue: problem };
    const customerId =
      customers[0]?.id ??
      // Named in the file and asked for: a name only like another customer's is a customer of its own
      // (an exact match by the one normalizer was found above; a real duplicate is still refused).
      (await createCustomer(
        tx,
        actor,
        { name: record.customer },
        { ...change, source: { importId: meta.importId }, nearDuplicateReason: `import ${meta.importId}` },
      ));
    await createOpportunity(
      tx,
      actor,
      {
        name: record.name,
        customerId,
        pipelineId: record.pipelineId,
        stageId: record.stageId,
        amount: record.amount,
        currency: record.currency,
        expectedCloseDate: record.expectedCloseDate ?? null,
        ownerId: record.ownerId,
        source: record.source || meta.stamp.source || null,
        products: record.products ?? null,
        competitors: record.competitors ?? null,
        custom: record.custom,
      },
      change,
      {
        createdAt: record.createdAt,
        entered: record.entered,
        externalId: record.externalId ?? null,
        lostReason: record.lostReason ?? null,
        importId: meta.importId,
      },
    );
    return { outcome: 'created' };
  },
};

registerImportTarget(opportunityTarget);
