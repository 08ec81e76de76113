// 业绩: the period's results, pipeline and leads, from the metric registry.
export const performance = {
  performance: {
    nav: '业绩',
    title: '业绩',
    subtitle: '本期结果、商机和线索；每个数字只有一个口径，按你的数据权限统计。',
    trend: '{{metric}}走势',
    rep: '销售',
    noDeals: '本期还没有结束的商机',
    loadFailed: '加载失败，请稍后重试',
    adoption: { none: '本期还没有人记录跟进' },
    drill: {
      open: '查看明细',
      count: '{{metric}}：共 {{count}} 条',
      sum: '{{metric}}：共 {{count}} 条，合计 {{value}}',
      distinct: '{{metric}}：{{value}}，来自 {{count}} 条记录',
      none: '没有记录',
      export: '导出',
      noOwner: '无负责人',
      level: '{{level}} 级',
      of: '{{metric}} · {{what}}',
    },
  },
};
