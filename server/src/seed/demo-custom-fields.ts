import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';

// 自定义字段 of the demo org, the kind a Chinese SME sales team adds first, with values on most demo
// customers and many contacts — so forms, the 360 page, list columns and filters show real data.

type Choice = [key: string, zh: string, en: string];
type Field = {
  object: 'customer' | 'contact' | 'opportunity';
  key: string;
  zh: string;
  en: string;
  type: string;
  choices?: Choice[];
  min?: number;
  required?: boolean;
  helpZh?: string;
  helpEn?: string;
};

const fields: Field[] = [
  {
    object: 'customer',
    key: 'employees',
    zh: '员工规模',
    en: 'Employees',
    type: 'select',
    choices: [
      ['lt50', '50 人以下', 'Under 50'],
      ['s50_199', '50–199 人', '50–199'],
      ['s200_999', '200–999 人', '200–999'],
      ['gte1000', '1000 人及以上', '1,000 or more'],
    ],
  },
  {
    object: 'customer',
    key: 'annual_budget',
    zh: '年采购预算',
    en: 'Annual budget',
    type: 'money',
    min: 0,
    helpZh: '客户一年内在本品类上的预计采购额',
    helpEn: 'What the customer expects to spend on this category in a year',
  },
  {
    object: 'customer',
    key: 'decision_cycle',
    zh: '决策周期',
    en: 'Decision cycle',
    type: 'select',
    choices: [
      ['m1', '1 个月内', 'Within a month'],
      ['m1_3', '1–3 个月', '1–3 months'],
      ['m3_6', '3–6 个月', '3–6 months'],
      ['m6plus', '半年以上', 'Over 6 months'],
    ],
  },
  {
    object: 'customer',
    key: 'concerns',
    zh: '关注点',
    en: 'Concerns',
    type: 'multi_select',
    choices: [
      ['price', '价格', 'Price'],
      ['quality', '质量', 'Quality'],
      ['delivery', '交期', 'Delivery'],
      ['service', '售后服务', 'After-sales service'],
    ],
  },
  { object: 'contact', key: 'hobbies', zh: '兴趣爱好', en: 'Hobbies', type: 'text' },
  {
    object: 'opportunity',
    key: 'procurement',
    zh: '采购方式',
    en: 'Procurement',
    type: 'select',
    choices: [
      ['tender', '公开招标', 'Public tender'],
      ['negotiation', '竞争性谈判', 'Competitive negotiation'],
      ['direct', '直接采购', 'Direct purchase'],
      ['framework', '框架协议', 'Framework agreement'],
    ],
  },
];

/** The choices of the deals' 采购方式, for the demo deals. */
export const procurementChoices = ['tender', 'negotiation', 'direct', 'framework'];

const hobbies = ['羽毛球', '钓鱼', '高尔夫', '跑步', '摄影', '品茶', '登山', '围棋', '篮球', '书法'];

function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export async function seedDemoCustomFields(
  tx: Kysely<DB>,
  orgId: string,
  adminId: string | null,
  now: number,
) {
  const positions = { customer: 0, contact: 0, opportunity: 0 };
  for (const f of fields) {
    const options =
      f.type === 'select' || f.type === 'multi_select'
        ? { choices: f.choices!.map(([key, labelZh, labelEn]) => ({ key, labelZh, labelEn })) }
        : f.min !== undefined
          ? { min: f.min }
          : {};
    await tx
      .insertInto('customFieldDefs')
      .values({
        id: newId(),
        orgId,
        object: f.object,
        key: f.key,
        labelZh: f.zh,
        labelEn: f.en,
        type: f.type,
        options: JSON.stringify(options),
        required: f.required ? 1 : 0,
        position: positions[f.object]++,
        active: 1,
        helpZh: f.helpZh ?? null,
        helpEn: f.helpEn ?? null,
        createdBy: adminId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  const random = sequence(20260314);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const customers = await tx
    .selectFrom('customers')
    .select('id')
    .where('orgId', '=', orgId)
    .orderBy('id')
    .execute();
  for (const c of customers) {
    if (random() < 0.15) continue; // some customers are not qualified yet
    const custom: Record<string, unknown> = {
      employees: pick(['lt50', 's50_199', 's50_199', 's200_999', 'gte1000']),
    };
    if (random() < 0.8) custom.annual_budget = (5 + Math.floor(random() * 96)) * 10_000_00; // ¥50,000 … ¥1,000,000 in 分
    if (random() < 0.7) custom.decision_cycle = pick(['m1', 'm1_3', 'm1_3', 'm3_6', 'm6plus']);
    if (random() < 0.6) {
      const concerns = ['price', 'quality', 'delivery', 'service'].filter(() => random() < 0.45);
      if (concerns.length) custom.concerns = concerns;
    }
    await tx
      .updateTable('customers')
      .set({ custom: JSON.stringify(custom) })
      .where('id', '=', c.id)
      .execute();
  }
  const contacts = await tx
    .selectFrom('contacts')
    .select('id')
    .where('orgId', '=', orgId)
    .orderBy('id')
    .execute();
  for (const k of contacts) {
    if (random() < 0.5) continue;
    await tx
      .updateTable('contacts')
      .set({ custom: JSON.stringify({ hobbies: pick(hobbies) }) })
      .where('id', '=', k.id)
      .execute();
  }
}
