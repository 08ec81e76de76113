import { loadPipelines, type Pipeline } from '../../server/src/modules/opportunities/pipelines.repo.js';
import { statusOf } from '../../server/src/modules/opportunities/stages.js';
import { newId } from '../../server/src/platform/ids.js';
import { BatchWriter, type Generator, pick } from './context.js';
import { orgUserIds } from './customers.js';
import { leadSources } from './leads.js';

const day = 86_400_000;
const hour = 3_600_000;

const projects = [
  '数控机床',
  '自动化产线',
  '仓储系统',
  '检测设备',
  '软件平台',
  '年度维保',
  '备件采购',
  '改造项目',
];
const lostReasons = ['价格偏高', '选择了竞争对手', '预算取消', '需求变更', '决策推迟'];
const competitors = ['西门子', '发那科', '本地厂商', '海外品牌'];
const methods = ['phone', 'wechat', 'visit', 'email', 'meeting', 'other'] as const;
const notes = [
  '电话沟通了需求，客户在比较方案',
  '微信发送了报价单，等待反馈',
  '上门拜访，见了技术负责人',
  '约了下周做方案演示',
  '客户内部在走预算审批',
  '确认了交期和付款条件',
  '发了案例资料，客户感兴趣',
];

/** A stay of a deal in a stage (the opportunity_stage_history row to be). */
type Stay = { stageId: string; enteredAt: number };

/**
 * The stages a deal passed, in order, ending at its current stage: open deals stop in an open stage
 * (more in the early ones), won deals went through every open stage into the won stage(s), lost ones
 * left from some open stage into 输单. Times increase from `created` to the last entry (≤ now).
 */
function path(random: () => number, p: Pipeline, created: number, now: number) {
  const open = p.stages.filter((s) => statusOf(s.category) === 'open');
  const won = p.stages.filter((s) => statusOf(s.category) === 'won');
  const lost = p.stages.find((s) => statusOf(s.category) === 'lost');
  const r = random();
  let stages: typeof p.stages;
  let status: 'open' | 'won' | 'lost';
  if (r < 0.65 || !won.length || !lost) {
    // Open: earlier stages hold more deals (weights n, n-1, …, 1).
    const n = open.length;
    let w = random() * ((n * (n + 1)) / 2);
    let k = 0;
    while (k < n - 1 && w >= n - k) {
      w -= n - k;
      k++;
    }
    stages = open.slice(0, k + 1);
    status = 'open';
  } else if (r < 0.85) {
    stages = [...open, ...won.slice(0, 1 + Math.floor(random() * won.length))];
    status = 'won';
  } else {
    stages = [...open.slice(0, 1 + Math.floor(random() * open.length)), lost];
    status = 'lost';
  }
  // The last entry: open deals entered their stage in the later part of their life (some long ago:
  // stalled), closed ones closed somewhere in it.
  const span = now - created;
  const last = created + Math.floor(span * (status === 'open' ? 0.3 + 0.7 * random() : 0.2 + 0.8 * random()));
  const stays: Stay[] = [];
  const m = stages.length;
  let t = created;
  for (let i = 0; i < m; i++) {
    if (i === m - 1) t = last;
    else if (i > 0) t = Math.min(last, t + Math.floor(((last - t) / (m - i)) * (0.5 + random())));
    stays.push({ stageId: stages[i]!.id, enteredAt: t });
  }
  const closedAt =
    status === 'open' ? null : stays.find((s) => statusOf(stageOf(p, s).category) !== 'open')!.enteredAt;
  return { stays, status, closedAt, stage: stages[m - 1]! };
}

const stageOf = (p: Pipeline, s: Stay) => p.stages.find((x) => x.id === s.stageId)!;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Deals (商机): `--opportunities` deals over the org's two shipped pipelines (通用销售流程 and
 * 制造业项目流程), each on an existing customer (the customers generator runs first: ≈ n / customers
 * deals a customer, read in id pages), owned by the customer's owner (else any user), in every stage
 * (≈65 % open, more in the early stages; ≈20 % won, ≈15 % lost, closed with closed_at and a lost
 * reason), amounts in 分 from 1 万 to 2,000 万元, created in the past year; open ones with their next
 * follow-up (≈15 % overdue, ≈10 % due today). Their opportunity_stage_history: one stay per stage
 * passed, the last one open. `--follow-ups` follow_ups rows: ≈80 % on the deals, ≈15 % on their
 * customers, ≈5 % on leads (when the org has leads), written by the record's owner, at times in the
 * record's life (a deal's last one is its last_follow_up_at). No audit or events (bulk data).
 */
export const opportunitiesGenerator: Generator = {
  name: 'opportunities',
  options: {
    opportunities: { default: 0, help: 'deals over the two shipped pipelines, with their stage history' },
    'follow-ups': { default: 0, help: 'follow-ups (mostly on the deals, some on customers and leads)' },
  },
  async run(ctx, counts) {
    const total = Math.max(0, counts.opportunities ?? 0);
    const followUps = Math.max(0, counts['follow-ups'] ?? 0);
    if (!total) return;
    const { db, orgId, now, random } = ctx;
    const owners = ctx.userIds.length ? ctx.userIds : await orgUserIds(ctx);
    if (!owners.length) throw new Error(`org ${orgId} has no users to own deals`);
    const ownerSet = new Set(owners);
    const pipelines = await loadPipelines(db, orgId);
    if (!pipelines.length) throw new Error(`org ${orgId} has no pipelines`);
    const lostStages = new Set(
      pipelines.flatMap((p) => p.stages.filter((s) => s.category === 'closed_lost').map((s) => s.id)),
    );
    const customerCount = Number(
      (
        await db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('orgId', '=', orgId)
          .where('deletedAt', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (!customerCount) throw new Error(`org ${orgId} has no customers: run the customers generator first`);
    const leads = followUps
      ? await db
          .selectFrom('leads')
          .select(['id', 'ownerId'])
          .where('orgId', '=', orgId)
          .where('ownerId', 'is not', null)
          .where('deletedAt', 'is', null)
          .limit(20_000)
          .execute()
      : [];
    // Follow-ups per object (lead ones folded into the deals' when the org has no leads).
    const onCustomers = Math.round(followUps * 0.15);
    const onLeads = leads.length ? Math.round(followUps * 0.05) : 0;
    const onDeals = followUps - onCustomers - onLeads;
    /** The share of `of` that falls to item i of `total` (the shares add up to `of` exactly). */
    const share = (of: number, i: number) =>
      Math.floor(((i + 1) * of) / total) - Math.floor((i * of) / total);

    const cacheSize = ctx.sqlite?.pragma('cache_size', { simple: true });
    ctx.sqlite?.pragma('cache_size = -1048576');
    const writer = new BatchWriter(ctx, 'opportunities', total, Math.max(ctx.batchSize, 25_000));
    let peakRss = process.memoryUsage().rss;
    let written = 0;
    let followUpRows = 0;
    let customerIndex = 0;
    let after = '';
    const followUp = async (
      object: string,
      recordId: string,
      by: string,
      at: number,
      nextAt: number | null,
      advancedAt: number | null = null,
    ) => {
      followUpRows++;
      await writer.add('followUps', {
        id: newId(),
        orgId,
        object,
        recordId,
        method: pick(random, methods),
        content: pick(random, notes),
        nextAt,
        createdBy: by,
        createdAt: at,
        deletedAt: null,
        advancedAt,
      });
    };
    while (written < total) {
      const page = await db
        .selectFrom('customers')
        .select(['id', 'name', 'ownerId'])
        .where('orgId', '=', orgId)
        .where('deletedAt', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000)
        .execute();
      if (!page.length) break;
      after = page.at(-1)!.id;
      for (const customer of page) {
        const deals =
          Math.floor(((customerIndex + 1) * total) / customerCount) -
          Math.floor((customerIndex * total) / customerCount);
        customerIndex++;
        for (let d = 0; d < deals && written < total; d++) {
          const i = written++;
          const pipeline = random() < 0.6 ? pipelines[0]! : pick(random, pipelines);
          const ownerId =
            customer.ownerId && ownerSet.has(customer.ownerId) && random() < 0.8
              ? customer.ownerId
              : pick(random, owners);
          const created = now - Math.floor(random() * 365 * day) - hour;
          const { stays, status, closedAt, stage } = path(random, pipeline, created, now);
          const entered = stays.at(-1)!.enteredAt;
          const open = status === 'open';
          const f = random();
          const nextFollowUpAt = open
            ? f < 0.15
              ? now - Math.floor((1 + random() * 9) * day)
              : f < 0.25
                ? now + Math.floor((random() - 0.5) * 6 * hour)
                : now + Math.floor((1 + random() * 13) * day)
            : null;
          // The deal's follow-ups, in order over its life (up to its close).
          const end = closedAt ?? now;
          const times = Array.from({ length: share(onDeals, i) }, () =>
            Math.floor(created + random() * (end - created)),
          ).sort((a, b) => a - b);
          const id = newId();
          const project = pick(random, projects);
          await writer.add('opportunities', {
            id,
            orgId,
            name: `${customer.name.slice(0, 20)}${project}`,
            customerId: customer.id,
            pipelineId: pipeline.id,
            stageId: stage.id,
            status,
            amount: Math.round(10 ** (4 + 3.3 * random() ** 1.6)) * 100,
            currency: 'CNY',
            expectedCloseDate: open
              ? random() < 0.9
                ? isoDate(now + Math.floor(random() * 120 * day))
                : null
              : isoDate(closedAt!),
            ownerId,
            source: random() < 0.7 ? pick(random, leadSources) : null,
            leadId: null,
            externalId: null,
            products: random() < 0.5 ? `${project} ×${1 + Math.floor(random() * 5)}` : null,
            competitors: random() < 0.2 ? pick(random, competitors) : null,
            lostReason: status === 'lost' ? pick(random, lostReasons) : null,
            stageEnteredAt: entered,
            checklist: '{}',
            closedAt,
            lastFollowUpAt: times.at(-1) ?? null,
            nextFollowUpAt,
            custom: '{}',
            createdBy: ownerId,
            createdAt: created,
            updatedAt: Math.max(entered, times.at(-1) ?? 0),
            version: 1,
            deletedAt: null,
          });
          for (const [k, s] of stays.entries())
            await writer.add('opportunityStageHistory', {
              id: newId(),
              orgId,
              opportunityId: id,
              stageId: s.stageId,
              enteredAt: s.enteredAt,
              enteredBy: ownerId,
              leftAt: stays[k + 1]?.enteredAt ?? null,
              leftBy: stays[k + 1] ? ownerId : null,
              nextStageId: stays[k + 1]?.stageId ?? null,
            });
          // When the deal next entered a stage other than 输单 after each one (modules/follow-ups/advances.ts).
          const advancedAfter = (at: number) =>
            stays.find((s) => s.enteredAt > at && !lostStages.has(s.stageId))?.enteredAt ?? null;
          for (const [k, at] of times.entries())
            await followUp(
              'opportunity',
              id,
              ownerId,
              at,
              k === times.length - 1 ? nextFollowUpAt : null,
              advancedAfter(at),
            );
          for (let k = 0; k < share(onCustomers, i); k++)
            await followUp(
              'customer',
              customer.id,
              customer.ownerId ?? ownerId,
              now - Math.floor(random() * 365 * day),
              null,
            );
          for (let k = 0; k < share(onLeads, i); k++) {
            const lead = pick(random, leads);
            await followUp('lead', lead.id, lead.ownerId!, now - Math.floor(random() * 180 * day), null);
          }
          writer.tick();
          if ((i & 4095) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }
      }
    }
    await writer.done();
    if (ctx.sqlite) ctx.sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    ctx.stats.opportunities = {
      rows: written,
      seconds: writer.seconds(),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
    };
    ctx.log(`  opportunities: ${written} deals on ${customerIndex} customers, ${followUpRows} follow-ups`);
  },
};
