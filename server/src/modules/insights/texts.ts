import type { Locale } from '../../platform/i18n.js';
import { metricDef } from '../metrics/registry.js';

// What a finding says and suggests, in the reader's language, with its numbers written out.

export const findingKinds = [
  'conversion_below',
  'behind_pace',
  'stalled_deals',
  'lead_sla',
  'method_mix',
] as const;
export type FindingKind = (typeof findingKinds)[number];

type Said = { text: string; action: string };

const methodNames: Record<string, { 'zh-CN': string; en: string }> = {
  phone: { 'zh-CN': '电话', en: 'phone calls' },
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  visit: { 'zh-CN': '拜访', en: 'visits' },
  email: { 'zh-CN': '邮件', en: 'email' },
  meeting: { 'zh-CN': '会议', en: 'meetings' },
  other: { 'zh-CN': '其他方式', en: 'other ways' },
};

export function textOf(locale: Locale) {
  const zh = locale === 'zh-CN';
  const pct = (x: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);
  const money = (fen: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(
      fen / 100,
    );
  const pValue = (p: number) => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);
  return {
    conversionBelow(o: {
      metric: string;
      name: string;
      rep: boolean;
      parent: string;
      x1: number;
      n1: number;
      x2: number;
      n2: number;
      p: number;
    }): Said {
      const metric = metricDef(o.metric)!.name[locale];
      const group = zh ? (o.rep ? `${o.parent}其他成员` : `${o.parent}其他团队`) : `the rest of ${o.parent}`;
      const winRate = o.metric === 'win_rate';
      return zh
        ? {
            text: `${o.name}近 90 天${metric} ${pct(o.x1 / o.n1)}（${o.x1}/${o.n1}），低于${group}的 ${pct(o.x2 / o.n2)}（${o.x2}/${o.n2}）；双比例 z 检验（单侧）p ${pValue(o.p)}`,
            action: winRate
              ? '复盘近期输单的原因，经理陪同推进关键商机'
              : '检查线索的首次响应和跟进话术，必要时调整线索分配',
          }
        : {
            text: `${o.name}: ${metric} ${pct(o.x1 / o.n1)} (${o.x1}/${o.n1}) over the last 90 days, below ${group} at ${pct(o.x2 / o.n2)} (${o.x2}/${o.n2}); two-proportion z-test (one-sided) p ${pValue(o.p)}`,
            action: winRate
              ? 'Review why recent deals were lost; a manager joins the key deals'
              : 'Check first responses and follow-up scripts; adjust lead assignment if needed',
          };
    },
    behindPace(o: {
      name: string;
      target: number;
      actual: number;
      expected: number;
      gap: number;
      daysLeft: number;
    }): Said {
      return zh
        ? {
            text: `${o.name}本月赢单 ${money(o.actual)}，目标 ${money(o.target)}；按天数均摊到今天应完成 ${money(o.expected)}，还差 ${money(o.gap)}，剩 ${o.daysLeft} 天`,
            action: '盯紧承诺和最佳类商机，本周复盘差距和补救计划',
          }
        : {
            text: `${o.name}: ${money(o.actual)} won this month against a target of ${money(o.target)}; ${money(o.expected)} was due by today, ${money(o.gap)} to go with ${o.daysLeft} days left`,
            action: 'Focus on commit and best-case deals; review the gap and the plan this week',
          };
    },
    stalledDeals(o: { name: string; count: number }): Said {
      return zh
        ? {
            text: `${o.name}有 ${o.count} 个商机停留超过阶段的停滞天数`,
            action: '逐个确认下一步；没有进展的及时关闭或转交',
          }
        : {
            text: `${o.name}: ${o.count} stalled ${o.count === 1 ? 'deal' : 'deals'} (longer in the stage than it allows)`,
            action: 'Settle the next step of each; close or hand over those going nowhere',
          };
    },
    methodMix(o: {
      name: string;
      best: string;
      share: number;
      teamShare: number;
      x1: number;
      n1: number;
      x2: number;
      n2: number;
      p: number;
    }): Said {
      const best = (methodNames[o.best] ?? { 'zh-CN': o.best, en: o.best })[locale];
      return zh
        ? {
            text: `${o.name}近 90 天商机跟进 ${o.n1} 次，${best}占 ${pct(o.share)}（团队 ${pct(o.teamShare)}）；他的跟进推进率 ${pct(o.x1 / o.n1)}（${o.x1}/${o.n1}），团队其他人${best}的推进率 ${pct(o.x2 / o.n2)}（${o.x2}/${o.n2}）；双比例 z 检验（单侧）p ${pValue(o.p)}`,
            action: `关键商机多用${best}跟进；经理带一两次，复盘效果`,
          }
        : {
            text: `${o.name}: ${o.n1} deal follow-ups over the last 90 days, ${pct(o.share)} of them ${best} (the team: ${pct(o.teamShare)}); ${pct(o.x1 / o.n1)} of them were followed by progress (${o.x1}/${o.n1}), against ${pct(o.x2 / o.n2)} for the rest of the team's ${best} (${o.x2}/${o.n2}); two-proportion z-test (one-sided) p ${pValue(o.p)}`,
            action: `Use more ${best} on the key deals; a manager joins one or two and reviews the effect`,
          };
    },
    leadSla(o: { name: string; met: number; n: number; goal: number }): Said {
      return zh
        ? {
            text: `${o.name}近 30 天 ${o.n} 条有首次跟进时限的线索中 ${o.n - o.met} 条超时（达标率 ${pct(o.met / o.n)}，目标 ${pct(o.goal)}）`,
            action: '新线索优先跟进；忙不过来时调整分配规则',
          }
        : {
            text: `${o.name} missed the first-follow-up deadline on ${o.n - o.met} of ${o.n} leads in the last 30 days (${pct(o.met / o.n)} met; the goal is ${pct(o.goal)})`,
            action: 'Follow new leads up first; adjust assignment rules when overloaded',
          };
    },
  };
}
