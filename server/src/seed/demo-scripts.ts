import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';
import { pinyinKeys } from '../platform/normalize/index.js';

const day = 86_400_000;

// The demo's 话术库: what the best reps say at each step, the article's "价格太高" answer among them.
const scripts: {
  title: string;
  scenario: string;
  objection?: string;
  stages: string[];
  tags: string[];
  content: string;
  uses: number;
}[] = [
  {
    title: '客户说“价格太高”',
    scenario: '异议处理',
    objection: '价格太高',
    stages: ['报价', '商务谈判', '合同签订'],
    tags: ['报价', '价格'],
    uses: 86,
    content:
      '1. 先认同：“理解，采购设备大家都会比较价格。”\n2. 再确认比较对象：“您对比的是哪家的方案？配置和服务一样吗？”\n3. 算总账：把设备寿命、能耗、停机损失和售后响应折算成每年成本，让客户看到总拥有成本更低。\n4. 给选择而不是降价：“如果预算确实紧，我们可以分两期交付，或者把培训改成远程，先把核心产能上去。”\n5. 约下一步：“我把两种方案的年成本对比表发给您，周四再跟您和财务一起过一遍？”',
  },
  {
    title: '“我们再考虑一下”',
    scenario: '异议处理',
    objection: '再考虑一下',
    stages: ['方案设计', '方案演示', '报价'],
    tags: ['推进'],
    uses: 54,
    content:
      '“当然，这么重要的决定需要考虑周全。方便说说主要在考虑哪一点吗？是预算、交期，还是技术上还有顾虑？”——找到真正的顾虑，再约定一个具体的回复时间，不要让商机停在“考虑”里。',
  },
  {
    title: '首次电话开场白',
    scenario: '首次联系',
    stages: ['初步接洽', '线索'],
    tags: ['开场'],
    uses: 120,
    content:
      '“王经理您好，我是节拍科技的刘洋。看到贵司在官网咨询了自动化产线改造，想用两分钟了解一下您现在的产能瓶颈在哪里，方便吗？”——24 小时内打出去，先问问题，不要一上来介绍产品。',
  },
  {
    title: '需求调研五问',
    scenario: '需求挖掘',
    stages: ['需求确认', '需求调研'],
    tags: ['调研'],
    uses: 73,
    content:
      '1. 现在的产线节拍和目标节拍各是多少？\n2. 最影响交付的是哪道工序？\n3. 这个项目谁来拍板，预算走哪个流程？\n4. 希望什么时候投产？有没有硬性节点？\n5. 之前是否看过其他方案，哪里不满意？\n调研结束请客户在需求确认单上签字——进入报价阶段需要它。',
  },
  {
    title: '“竞争对手便宜 20%”',
    scenario: '异议处理',
    objection: '竞品更便宜',
    stages: ['报价', '商务谈判'],
    tags: ['竞品', '价格'],
    uses: 41,
    content:
      '不贬低对手，比较可验证的事实：交付周期、关键部件品牌、本地售后工程师数量、同行业案例。邀请客户去看我们在苏州的现场案例，让用户自己说。',
  },
  {
    title: '促成签约的最后一步',
    scenario: '促成签约',
    stages: ['商务谈判', '合同签订'],
    tags: ['签约'],
    uses: 38,
    content:
      '把付款条件、交期、验收标准写成一页纸，和客户逐条确认；问：“这几条都没问题的话，我们这周把合同走起来，您看法务那边需要我们准备什么材料？”',
  },
  {
    title: '丢单后的回访',
    scenario: '客户维护',
    stages: [],
    tags: ['回访'],
    uses: 12,
    content:
      '输单两周后回访：感谢对方的时间，请教选择对手的主要原因，记入输单原因；约定半年后再联系，保持关系。',
  },
];

export async function seedDemoScripts(
  tx: Kysely<DB>,
  orgId: string,
  authorId: string,
  now: number,
): Promise<void> {
  const stages = await tx
    .selectFrom('pipelineStages')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('deletedAt', 'is', null)
    .execute();
  for (const [i, s] of scripts.entries()) {
    const at = now - (90 - i * 7) * day;
    const py = pinyinKeys(s.title);
    await tx
      .insertInto('scripts')
      .values({
        id: newId(),
        orgId,
        title: s.title,
        titlePinyin: py.full,
        titleInitials: py.initials,
        scenario: s.scenario,
        objection: s.objection ?? null,
        stageIds: JSON.stringify(stages.filter((st) => s.stages.includes(st.name)).map((st) => st.id)),
        tags: JSON.stringify(s.tags),
        content: s.content,
        useCount: s.uses,
        ratingSum: Math.round(s.uses / 10) * 4 + 5,
        ratingCount: Math.round(s.uses / 10) + 1,
        createdBy: authorId,
        createdAt: at,
        updatedAt: at,
        version: 1,
        deletedAt: null,
      })
      .execute();
  }
}
