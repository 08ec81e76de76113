// 洞察: findings about reps and teams, with the numbers behind them and what to do.
export const insights = {
  insights: {
    nav: '洞察',
    title: '洞察',
    subtitle: '系统按统一口径自动发现的问题：转化率显著低于团队、目标进度落后、商机停滞、线索超时未跟进。',
    all: '全部',
    kinds: {
      conversion_below: '转化偏低',
      behind_pace: '进度落后',
      stalled_deals: '商机停滞',
      lead_sla: '线索超时',
      method_mix: '跟进方式',
    },
    severity: { high: '重要', medium: '一般' },
    action: '建议：{{action}}',
    open: '查看',
    empty: '暂无需要关注的问题',
    card: { title: '洞察', more: '全部 {{count}} 条' },
    method:
      '转化率只在样本足够时比较（双比例 z 检验，单侧 p < 0.05，每组预期成功和失败都不少于 5）；进度按目标在本月天数上均摊；每周一上班后第一个小时，经理会收到本周洞察的通知。',
  },
};
