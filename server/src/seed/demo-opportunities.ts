import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { logFollowUp } from '../modules/follow-ups/follow-ups.service.js';
import {
  createOpportunity,
  moveOpportunity,
  tickChecklist,
  updateOpportunity,
} from '../modules/opportunities/opportunities.service.js';
import { loadPipelines, type Pipeline, type PipelineStage } from '../modules/opportunities/pipelines.repo.js';
import { statusOf } from '../modules/opportunities/stages.js';
import { requirementsSheet } from '../modules/opportunities/templates.js';
import type { Actor } from '../platform/access/index.js';
import { recordChange } from '../platform/audit/record.js';
import { loadActor } from '../platform/auth/actor-loader.js';
import { newId } from '../platform/ids.js';
import type { Storage } from '../platform/storage/index.js';
import { procurementChoices } from './demo-custom-fields.js';
import { sequence } from './demo-customers.js';

const day = 86_400_000;
const hour = 3_600_000;

// The demo's deals (商机): five months of them in both pipelines, owned by the reps who own their
// customers, each walked through its stages the way a rep would — follow-ups in every stage, fields,
// contacts and the signed requirements sheet before 报价, the contract checklist — so some are won,
// some lost with a reason, and the open ones sit in every stage (the old ones stalled).

const trades = [
  '自动化产线改造',
  '数控设备采购',
  '仓储系统升级',
  '年度备件框架',
  '检测设备',
  'MES 软件',
  '厂房照明改造',
];
const lostReasons = ['价格高于竞品', '客户预算取消', '选择了竞品', '需求变更，项目暂停', '联系不上决策人'];
const notes = [
  '电话沟通了项目背景和时间表',
  '拜访客户，现场看了产线',
  '微信发送了资料，客户表示会内部讨论',
  '与技术负责人开会确认参数',
  '客户反馈预算在走审批',
  '约了下周演示',
];

/** A one-page PDF for the demo's signed requirements sheets. */
const sheet = (title: string) =>
  Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, 'utf8');

export async function seedDemoOpportunities(
  tx: Kysely<DB>,
  orgId: string,
  o: { reps: string[]; storage: Storage },
  now: number,
): Promise<void> {
  const random = sequence(20261127);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const pipelines = await loadPipelines(tx, orgId);
  const general = pipelines.find((p) => p.isDefault)!;
  const factory = pipelines.find((p) => !p.isDefault)!;
  let n = 0;
  for (const ownerId of o.reps) {
    const actor = (await loadActor(tx, ownerId, 'session'))!;
    const customers = await tx
      .selectFrom('customers')
      .select(['id', 'name'])
      .where('orgId', '=', orgId)
      .where('ownerId', '=', ownerId)
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .limit(4)
      .execute();
    for (const customer of customers) {
      const pipeline = random() < 0.4 ? factory : general;
      const created = now - Math.floor((10 + random() * 140) * day);
      await walkDeal(tx, actor, o.storage, pipeline, customer, created, now, random, pick, ++n);
    }
  }
  await seedDemoApprovals(tx, orgId, factory, o, now);
}

/**
 * The article's control: a quote above ¥500,000 in the manufacturing pipeline needs the rep's direct
 * manager — and one such request waiting, 刘洋's, for 张伟 to decide.
 */
async function seedDemoApprovals(
  tx: Kysely<DB>,
  orgId: string,
  factory: Pipeline,
  o: { reps: string[]; storage: Storage },
  now: number,
): Promise<void> {
  const quote = factory.stages.find((s) => s.gates.attachments.length)!;
  await tx
    .insertInto('approvalDefinitions')
    .values({
      id: newId(),
      orgId,
      name: '大额报价审批',
      object: 'opportunity',
      trigger: JSON.stringify({ type: 'stage_enter', stageIds: [quote.id] }),
      conditions: JSON.stringify([{ field: 'amount', op: 'gt', value: 50_000_000 }]),
      steps: JSON.stringify([{ name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' }]),
      // Finance hears how large quotes end (抄送).
      cc: JSON.stringify([{ type: 'role', roleKey: 'finance' }]),
      noApprover: 'admin',
      resubmitFrom: 'start',
      allowSelf: 0,
      active: 1,
      position: 1,
      createdAt: now - 150 * day,
      updatedAt: now - 150 * day,
      version: 1,
      deletedAt: null,
    })
    .execute();
  const actor = (await loadActor(tx, o.reps[0]!, 'session'))!;
  const customer = await tx
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('ownerId', '=', actor.userId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  const meta = (at: number) => ({ orgId, actorId: actor.userId, at, requestId: null });
  // The rep recorded where the customer is (a Shanghai industrial park); the visits' check-ins say how far.
  const site = { lat: 31.1926, lng: 121.6021 };
  await tx.updateTable('customers').set(site).where('id', '=', customer.id).execute();
  let at = now - 12 * day;
  const id = await createOpportunity(
    tx,
    actor,
    {
      name: `${customer.name.replace(/有限公司/g, '')} 二期产线改造`,
      customerId: customer.id,
      pipelineId: factory.id,
      amount: 86_000_000,
      products: '自动化焊接工作站 ×3',
      expectedCloseDate: new Date(now + 45 * day).toISOString().slice(0, 10),
      source: '老客户',
    },
    meta(at),
  );
  const version = async () =>
    (await tx.selectFrom('opportunities').select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version;
  // What each visit on the way to 报价 settled, in order.
  const visitNotes = [
    '现场看了焊装车间，确认二期要上 3 个工位，节拍 45 秒',
    '与客户技术部确认了焊接节拍和工位布局，对方提出夹具要兼容两种车型',
    '带方案工程师讲了布局方案，客户要求报价里单列夹具和培训费用',
  ];
  let visit = 0;
  for (const stage of factory.stages.filter((s) => s.position > 0 && s.position <= quote.position)) {
    at += 3 * day;
    await logFollowUp(
      tx,
      actor,
      'opportunity',
      id,
      {
        method: 'visit',
        content: visitNotes[visit++ % visitNotes.length]!,
        nextAt: null,
        checkIn: { status: 'located', lat: site.lat + 0.0006, lng: site.lng - 0.0004, accuracy: 18, at },
      },
      meta(at),
    );
    at += hour;
    if (stage.id === quote.id) await attachSheet(tx, actor, o.storage, id, 0, at);
    await moveOpportunity(tx, actor, id, { stageId: stage.id }, { ...meta(at), version: await version() });
  }
}

/** Creates one deal at `created` and moves it on, a stage every few days, to where it ends up. */
async function walkDeal(
  tx: Kysely<DB>,
  actor: Actor,
  storage: Storage,
  pipeline: Pipeline,
  customer: { id: string; name: string },
  created: number,
  now: number,
  random: () => number,
  pick: <T>(xs: T[]) => T,
  n: number,
): Promise<void> {
  const meta = (at: number) => ({ orgId: actor.orgId, actorId: actor.userId, at, requestId: null });
  const factory = pipeline.stages.some((s) => s.gates.attachments.length);
  const yuan = factory
    ? 200_000 + Math.floor(random() * 28) * 100_000
    : 20_000 + Math.floor(random() * 48) * 10_000;
  const open = pipeline.stages.filter((s) => statusOf(s.category) === 'open');
  const won = pipeline.stages.filter((s) => statusOf(s.category) === 'won');
  const lost = pipeline.stages.find((s) => statusOf(s.category) === 'lost')!;
  // Older deals had time to close: about a third of them won, a fifth lost; the rest are open.
  const age = (now - created) / day;
  const r = random();
  const ending: PipelineStage =
    age > 45 && r < 0.35
      ? won[Math.min(won.length - 1, Math.floor(random() * won.length))]!
      : age > 30 && r < 0.55
        ? lost
        : open[Math.floor(random() * open.length)]!;

  const id = await createOpportunity(
    tx,
    actor,
    {
      name: `${customer.name.replace(/有限公司|股份有限公司/g, '')} ${pick(trades)}`,
      customerId: customer.id,
      pipelineId: pipeline.id,
      amount: 0,
      source: pick(['老客户', '线索转化', '展会', '转介绍']),
      custom: { procurement: pick(procurementChoices) },
    },
    meta(created),
  );
  let at = created;
  const version = async () =>
    (await tx.selectFrom('opportunities').select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version;
  let closed = false;
  const step = async () => {
    at = Math.min(at + Math.floor((3 + random() * 12) * day), now - hour);
    // A won deal moves on (生产 → 发货 → 售后) without follow-ups.
    if (closed) return;
    await logFollowUp(
      tx,
      actor,
      'opportunity',
      id,
      { method: pick(['phone', 'visit', 'wechat', 'meeting'] as const), content: pick(notes), nextAt: null },
      meta(at),
    );
    at += hour;
  };
  const contact = await tx
    .selectFrom('contacts')
    .select('id')
    .where('customerId', '=', customer.id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  await updateOpportunity(
    tx,
    actor,
    id,
    {
      amount: yuan * 100,
      expectedCloseDate: new Date(created + 75 * day).toISOString().slice(0, 10),
      products: factory
        ? pick(['数控折弯机 ×2', '激光切割机 ×1', '自动化焊接工作站', '立体仓库 1 套'])
        : null,
      ...(contact && { contactIds: [contact.id] }),
    },
    { ...meta(at), version: await version() },
  );
  const path =
    ending === lost
      ? open.slice(0, 1 + Math.floor(random() * open.length))
      : pipeline.stages.filter((s) => s.position <= ending.position && statusOf(s.category) !== 'lost');
  for (const stage of [...path.slice(1), ...(ending === lost ? [lost] : [])]) {
    // A customer without contacts stays before a stage that needs one.
    if (stage.gates.fields.includes('contacts') && !contact) break;
    await step();
    if (at >= now - 2 * hour) break;
    if (stage.gates.attachments.length) await attachSheet(tx, actor, storage, id, n, at);
    for (const item of stage.gates.checklist)
      await tickChecklist(
        tx,
        actor,
        id,
        { stageId: stage.id, itemId: item.id, done: true },
        { ...meta(at), version: await version() },
      );
    await moveOpportunity(
      tx,
      actor,
      id,
      { stageId: stage.id, ...(stage === lost && { lostReason: pick(lostReasons) }) },
      { ...meta(at), version: await version() },
    );
    closed = statusOf(stage.category) !== 'open';
  }
}

/** The customer-signed requirements sheet the manufacturing pipeline's 报价 asks for. */
async function attachSheet(
  tx: Kysely<DB>,
  actor: Actor,
  storage: Storage,
  recordId: string,
  n: number,
  at: number,
) {
  const stored = await storage.put(
    (async function* () {
      yield sheet(`需求确认单 ${n}`);
    })(),
    { namespace: 'attachments', maxBytes: 1024 * 1024 },
  );
  const row = {
    id: newId(),
    orgId: actor.orgId,
    object: 'opportunity',
    recordId,
    kind: requirementsSheet.kind,
    fileName: `需求确认单（客户签字）${n}.pdf`,
    contentType: 'application/pdf',
    size: stored.size,
    sha256: stored.sha256,
    storageKey: stored.key,
    createdBy: actor.userId,
    createdAt: at,
    deletedAt: null,
  };
  await tx.insertInto('attachments').values(row).execute();
  await recordChange(tx, {
    orgId: actor.orgId,
    actorId: actor.userId,
    at,
    object: 'attachment',
    recordId: row.id,
    action: 'create',
    after: { object: row.object, recordId, kind: row.kind, fileName: row.fileName },
    payload: { parentObject: 'opportunity', parentId: recordId, fileName: row.fileName, kind: row.kind },
  });
}
