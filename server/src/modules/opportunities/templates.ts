import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { noGates, type StageCategory, type StageGates } from './stages.js';

// The pipelines every org starts with: a general B2B process (the default) and the manufacturing
// process of the article — 线索-需求调研-方案设计-报价-合同签订-生产-发货-售后 — whose 报价 stage needs the
// customer-signed requirements sheet. Deals are followed up every 2 days (the article's cadence).

type StageTemplate = {
  name: string;
  probability: number;
  category: StageCategory;
  cadenceDays?: number | null;
  stalledDays?: number | null;
  gates?: Partial<StageGates>;
};
type PipelineTemplate = { name: string; description: string; isDefault: boolean; stages: StageTemplate[] };

/** The kind of file the manufacturing pipeline's 报价 gate asks for. */
export const requirementsSheet = { kind: 'requirements_signed', label: '客户签字的需求确认单' };

export const pipelineTemplates: PipelineTemplate[] = [
  {
    name: '通用销售流程',
    description: '适用于大多数 B2B 销售：从初步接洽到赢单或输单。',
    isDefault: true,
    stages: [
      { name: '初步接洽', probability: 10, category: 'pipeline', cadenceDays: 2, stalledDays: 14 },
      {
        name: '需求确认',
        probability: 25,
        category: 'pipeline',
        cadenceDays: 2,
        stalledDays: 21,
        gates: { followUp: true },
      },
      {
        name: '方案演示',
        probability: 45,
        category: 'best_case',
        cadenceDays: 2,
        stalledDays: 21,
        gates: { fields: ['amount', 'expectedCloseDate'] },
      },
      {
        name: '商务谈判',
        probability: 70,
        category: 'commit',
        cadenceDays: 2,
        stalledDays: 14,
        gates: { fields: ['contacts'] },
      },
      { name: '赢单', probability: 100, category: 'closed_won' },
      { name: '输单', probability: 0, category: 'closed_lost' },
    ],
  },
  {
    name: '制造业项目流程',
    description:
      '线索-需求调研-方案设计-报价-合同签订-生产-发货-售后；进入报价前须上传客户签字的需求确认单。',
    isDefault: false,
    stages: [
      { name: '线索', probability: 5, category: 'pipeline', cadenceDays: 2, stalledDays: 14 },
      { name: '需求调研', probability: 15, category: 'pipeline', cadenceDays: 2, stalledDays: 21 },
      {
        name: '方案设计',
        probability: 30,
        category: 'best_case',
        cadenceDays: 2,
        stalledDays: 30,
        gates: { followUp: true },
      },
      {
        name: '报价',
        probability: 50,
        category: 'best_case',
        cadenceDays: 2,
        stalledDays: 21,
        gates: { fields: ['amount', 'products'], attachments: [requirementsSheet] },
      },
      {
        name: '合同签订',
        probability: 80,
        category: 'commit',
        cadenceDays: 2,
        stalledDays: 30,
        gates: {
          fields: ['expectedCloseDate', 'contacts'],
          checklist: [
            { id: 'terms', label: '付款条件与交期已与客户确认' },
            { id: 'tech', label: '技术协议已由双方确认' },
          ],
        },
      },
      { name: '生产', probability: 100, category: 'closed_won' },
      { name: '发货', probability: 100, category: 'closed_won' },
      { name: '售后', probability: 100, category: 'closed_won' },
      { name: '输单', probability: 0, category: 'closed_lost' },
    ],
  },
];

/** Creates the template pipelines of an org (a new org, or an org from before pipelines existed). */
export async function seedPipelines(db: Kysely<DB>, orgId: string, now: number): Promise<void> {
  for (const [position, p] of pipelineTemplates.entries()) {
    const pipelineId = newId();
    await db
      .insertInto('pipelines')
      .values({
        id: pipelineId,
        orgId,
        name: p.name,
        description: p.description,
        isDefault: p.isDefault ? 1 : 0,
        position,
        createdAt: now,
        updatedAt: now,
        version: 1,
        deletedAt: null,
      })
      .execute();
    await db
      .insertInto('pipelineStages')
      .values(
        p.stages.map((s, i) => ({
          id: newId(),
          orgId,
          pipelineId,
          position: i,
          name: s.name,
          probability: s.probability,
          category: s.category,
          cadenceDays: s.cadenceDays ?? null,
          stalledDays: s.stalledDays ?? null,
          gates: JSON.stringify({ ...noGates, ...s.gates }),
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        })),
      )
      .execute();
  }
}
