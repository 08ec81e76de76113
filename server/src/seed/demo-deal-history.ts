import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { loadPipelines } from '../modules/opportunities/pipelines.repo.js';
import { statusOf } from '../modules/opportunities/stages.js';
import { newId } from '../platform/ids.js';
import { sequence } from './demo-customers.js';

const day = 86_400_000;

const projects = [
  '数控机床',
  '自动化产线',
  '仓储系统',
  '检测设备',
  'MES 软件',
  '年度维保',
  '备件采购',
  '改造项目',
];
const lostReasons = ['价格偏高', '选择了竞争对手', '预算取消', '需求变更', '决策推迟'];

/**
 * A year of closed deals before the demo's live ones, as the org brought them over from its old
 * system (stage history, close dates and amounts; no follow-ups): what the forecast learns from and
 * replays in its back-test, and what the trends and last year's seasons show. Each rep wins at their
 * own rate, and wins come some days after the date they expected.
 */
export async function seedDemoDealHistory(
  tx: Kysely<DB>,
  orgId: string,
  reps: string[],
  now: number,
): Promise<void> {
  const random = sequence(20251128);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const pipelines = await loadPipelines(tx, orgId);
  const rows: Insertable<DB['opportunities']>[] = [];
  const stays: Insertable<DB['opportunityStageHistory']>[] = [];
  for (const ownerId of reps) {
    const skill = 0.3 + random() * 0.35; // the rep's share of deals that end won
    const customers = await tx
      .selectFrom('customers')
      .select(['id', 'name'])
      .where('orgId', '=', orgId)
      .where('ownerId', '=', ownerId)
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .execute();
    if (!customers.length) continue;
    for (let i = 0; i < 24; i++) {
      const pipeline =
        random() < 0.35 ? pipelines.find((p) => !p.isDefault)! : pipelines.find((p) => p.isDefault)!;
      const open = pipeline.stages.filter((s) => statusOf(s.category) === 'open');
      const won = pipeline.stages.find((s) => statusOf(s.category) === 'won')!;
      const lost = pipeline.stages.find((s) => statusOf(s.category) === 'lost')!;
      const planned = 30 + Math.floor(random() * 60); // the days the rep expected it to take
      const wins = random() < skill;
      // Wins come from 5 days before the expected date to 25 days after; losses are decided on the way.
      const length = wins
        ? planned + Math.floor(random() * 30) - 5
        : Math.floor(planned * (0.3 + random() * 0.8));
      // Closed some day of the past year: spread evenly, none piled up on a cut-off.
      const days = Math.max(7, length);
      const created = now - Math.floor((days + 1 + random() * (365 - days - 1)) * day);
      const closed = created + days * day;
      const reached = wins ? open.length : 1 + Math.floor(random() * open.length);
      const path = [...open.slice(0, reached), wins ? won : lost];
      const id = newId();
      const customer = pick(customers);
      const amount =
        (pipeline.isDefault
          ? 20_000 + Math.floor(random() * 48) * 10_000
          : 200_000 + Math.floor(random() * 28) * 100_000) * 100;
      let at = created;
      path.forEach((stage, k) => {
        const entered = k === path.length - 1 ? closed : at;
        const left =
          k === path.length - 1
            ? null
            : Math.min(closed, created + Math.floor(((k + 1) / (path.length - 1)) * (closed - created)));
        stays.push({
          id: newId(),
          orgId,
          opportunityId: id,
          stageId: stage.id,
          enteredAt: entered,
          enteredBy: ownerId,
          leftAt: left,
          leftBy: left === null ? null : ownerId,
          nextStageId: path[k + 1]?.id ?? null,
        });
        if (left !== null) at = left;
      });
      const closeDate = new Date(created + planned * day + 8 * 3_600_000).toISOString().slice(0, 10);
      rows.push({
        id,
        orgId,
        name: `${customer.name.replace(/有限公司|股份有限公司/g, '')} ${pick(projects)}`,
        customerId: customer.id,
        pipelineId: pipeline.id,
        stageId: path.at(-1)!.id,
        status: wins ? 'won' : 'lost',
        amount,
        currency: 'CNY',
        expectedCloseDate: closeDate,
        ownerId,
        source: pick(['老客户', '线索转化', '展会', '转介绍']),
        leadId: null,
        products: null,
        competitors: null,
        lostReason: wins ? null : pick(lostReasons),
        stageEnteredAt: closed,
        checklist: '{}',
        closedAt: closed,
        lastFollowUpAt: null,
        nextFollowUpAt: null,
        custom: '{}',
        externalId: null,
        createdBy: ownerId,
        createdAt: created,
        updatedAt: closed,
        version: 1,
        deletedAt: null,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 100)
    await tx
      .insertInto('opportunities')
      .values(rows.slice(i, i + 100))
      .execute();
  for (let i = 0; i < stays.length; i += 100)
    await tx
      .insertInto('opportunityStageHistory')
      .values(stays.slice(i, i + 100))
      .execute();
}
